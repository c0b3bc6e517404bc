#pragma once
// For the simulated-day test: reads stb-headend's output from a FIFO (no
// loss, and the headend's pacing holds), sends it on in datagrams of seven
// packets to UDP ports on the loopback (stbd, stb-probe), and reads it back
// itself with the off-air monitor: every whole repetition of each object
// with its stream time, the continuity and CRC counts on the notice PID, the
// highest bitrate of the PID over any one-second window, and when (on the
// monotonic clock stbd stamps its log with) each moment of stream time went
// out.
#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

namespace headend_day {

struct Repetition {
  uint8_t version = 0;
  uint64_t stream_ms = 0;
};

struct RelayRecord {
  uint64_t packets = 0;
  uint64_t pid_continuity_errors = 0;
  uint64_t pid_crc_errors = 0;
  uint64_t max_pid_bps = 0;
  std::map<std::pair<uint8_t, uint16_t>, std::vector<Repetition>> repetitions;
  std::string error;  // the FIFO or a socket failed
};

class Relay {
 public:
  Relay(std::string fifo, std::vector<uint16_t> ports, uint64_t bitrate_bps, uint16_t pid);
  ~Relay();
  Relay(const Relay&) = delete;
  Relay& operator=(const Relay&) = delete;

  void start();
  // Waits for the end of the FIFO (the headend closed it).
  RelayRecord join();

  // Stream time relayed so far.
  uint64_t streamMs() const { return stream_ms_.load(); }
  // CLOCK_MONOTONIC milliseconds at which the chunk holding STREAM_MS was sent on.
  int64_t sentAtMs(uint64_t stream_ms) const;

 private:
  void run();

  std::string fifo_;
  std::vector<uint16_t> ports_;
  uint64_t bitrate_bps_;
  uint16_t pid_;
  std::thread thread_;
  std::atomic<uint64_t> stream_ms_{0};
  mutable std::mutex mutex_;
  std::vector<std::pair<uint64_t, int64_t>> sent_;  // (stream ms, monotonic ms), ascending
  RelayRecord record_;
};

// CLOCK_MONOTONIC in milliseconds, as stbd's log stamps ("stbd[33968.460]").
int64_t monotonicMs();

}  // namespace headend_day
