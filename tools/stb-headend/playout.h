#pragma once
// The playout: the notice PID's carousel (carousel_schedule.h) with PAT/PMT
// and an optional TDT/TOT, at a constant packet rate (null packets fill),
// written to the output in datagram-sized chunks, paced in real time or as
// fast as the output takes them. The spool is rescanned every 500 ms of
// stream time; a change takes effect at the next section boundary on the
// PID, with the continuity counter running on.
#include <atomic>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "dvb/mjd_time.h"
#include "dvb/section_packetizer.h"
#include "tools/stb-headend/budget.h"
#include "tools/stb-headend/carousel_schedule.h"
#include "tools/stb-headend/config.h"
#include "tools/stb-headend/output.h"
#include "tools/stb-headend/playout_status.h"

namespace tools::headend {

constexpr uint64_t kRescanMs = 500;  // stream time between spool scans

class Playout {
 public:
  using Log = std::function<void(const std::string&)>;
  // Every chunk written, with the stream time of its first packet (the
  // off-air monitor's tap).
  using Tap = std::function<void(const uint8_t*, size_t, uint64_t stream_ms)>;
  // The objects on air after every change of the carousel.
  using OnChange = std::function<void(const std::vector<SpoolObject>&)>;

  Playout(HeadendConfig config, StatusBoard* board, Log log);

  // Reads the spool and checks the budget; false with *error (the figures
  // when the budget is too small). `start_utc` is the simulated UTC at stream
  // time 0 (config.clock.start, or the computer's clock).
  bool start(dvb::UtcSeconds start_utc, std::string* error);
  // Where run() writes; set after start() so that a stream that cannot
  // start never opens (and empties) its output.
  void setOutput(std::unique_ptr<Output> output) { output_ = std::move(output); }
  // start() and setOutput() in one.
  bool start(dvb::UtcSeconds start_utc, std::unique_ptr<Output> output, std::string* error) {
    if (!start(start_utc, error)) return false;
    setOutput(std::move(output));
    return true;
  }

  void setTap(Tap tap) { tap_ = std::move(tap); }
  void setOnChange(OnChange on_change) { on_change_ = std::move(on_change); }

  // Plays until stream time `until_ms`, the simulated UTC `until_utc`, or
  // *stop; false with *error when the output fails.
  bool run(std::optional<uint64_t> until_ms, std::optional<dvb::UtcSeconds> until_utc,
           const std::atomic<bool>* stop, std::string* error);

  uint64_t streamMs() const;  // of the next packet
  dvb::UtcSeconds simulatedUtc(uint64_t stream_ms) const;
  PlayoutStatus status() const;  // what publish() gives the board
  const BudgetReport& budget() const { return budget_; }

 private:
  void rescan(uint64_t now_ms);
  void applyChanges(const std::vector<CarouselChange>& changes, uint64_t now_ms);
  // Raises a "refused" alarm for each bad spool file and each change the
  // budget refused, and clears those that no longer stand.
  void syncRefusals(const std::vector<CarouselChange>& changes, uint64_t now_ms);
  void nextPacket(uint64_t now_ms, std::vector<uint8_t>* out);
  void queueServiceTables(uint64_t now_ms);
  bool objectPacket(uint64_t now_ms, std::vector<uint8_t>* out);
  void writeStatus();

  HeadendConfig config_;
  StatusBoard* board_;
  Log log_;
  Tap tap_;
  OnChange on_change_;
  std::unique_ptr<Output> output_;
  SpoolWatcher spool_;
  CarouselSchedule schedule_;
  BudgetReport budget_;
  dvb::UtcSeconds start_utc_ = 0;
  uint64_t bitrate_bps_ = 0;
  uint64_t packet_index_ = 0;
  uint64_t next_psi_ms_ = 0, next_time_ms_ = 0, next_scan_ms_ = 0;
  std::vector<dvb::Section> psi_;   // PAT, PMT
  std::set<std::string> refusals_;  // the "refused" alarms standing

  dvb::SectionPacketizer pat_{0x0000}, pmt_{0x1000}, time_{0x0014}, object_;
  std::deque<uint8_t> service_;  // PAT/PMT/TDT/TOT packets waiting
  // The object on the PID: its sections not yet started, and the packets
  // of the one being sent.
  CarouselSchedule::Key current_{0, 0};
  bool sending_ = false;
  std::deque<dvb::Section> sections_left_;
  std::vector<uint8_t> section_packets_;
  size_t section_pos_ = 0;
};

}  // namespace tools::headend
