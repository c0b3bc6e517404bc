#pragma once
// The bitrate of one PID over a sliding window of stream time, for the
// off-air monitor's budget check. Packets are counted at the stream time of
// the chunk that carried them; the window is full once it has seen that much
// stream time, and only then does it report a rate.
#include <cstdint>
#include <deque>
#include <optional>
#include <utility>

namespace tools::headend {

class OffAirRate {
 public:
  explicit OffAirRate(uint64_t window_ms) : window_ms_(window_ms == 0 ? 1 : window_ms) {}

  void add(uint64_t stream_ms, uint64_t packets);
  // Bits per second over (now - window, now]; nullopt until a whole window
  // of stream time has passed since the first call.
  std::optional<uint64_t> bitsPerSecond(uint64_t now_ms);

 private:
  void expire(uint64_t now_ms);

  uint64_t window_ms_;
  std::optional<uint64_t> first_ms_;
  std::deque<std::pair<uint64_t, uint64_t>> counts_;  // (stream ms, packets), ascending
  uint64_t packets_ = 0;                              // the sum over counts_
};

}  // namespace tools::headend
