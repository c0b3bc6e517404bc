#pragma once
// Per-PID stream health in the spirit of ETSI TR 101 290 (first and second
// priority): continuity-counter errors (1.4), transport_error_indicator
// packets (2.1), CRC errors (2.2, filled in from the section layer) and
// repetition gaps of PAT (1.3), PMT (1.5) and TDT (3.x) measured in stream
// time. Stream time comes from the PCR of the first PID that carries one;
// without PCR (an SI-only capture) gaps are unknown rather than guessed.
#include <cstdint>
#include <map>
#include <optional>
#include <vector>

#include "dvb/ts_packet.h"

namespace dvb {

struct PidHealth {
  uint64_t packets = 0;
  uint64_t continuity_errors = 0;
  uint64_t tei_packets = 0;
  uint64_t scrambled_packets = 0;
};

// Arrival gaps of one kind of table, in milliseconds of stream time.
struct RepetitionStats {
  uint64_t arrivals = 0;
  std::optional<uint64_t> max_gap_ms;  // unknown until two arrivals with stream time
  uint64_t gaps_over_limit = 0;
  uint64_t limit_ms = 0;
};

enum class RepeatedTable { kPat, kPmt, kTdt };

class StreamHealth {
 public:
  StreamHealth();

  // Every packet, before any filtering.
  void onPacket(const TsHeader& header);
  // A table of `kind` arrived on PID (PMT gaps are tracked per PID).
  void onTable(RepeatedTable kind, uint16_t pid);

  const PidHealth& pid(uint16_t pid) const { return pids_[pid]; }
  // PIDs that have been seen at least once, ascending.
  std::vector<uint16_t> seenPids() const;
  PidHealth total() const;
  RepetitionStats repetition(RepeatedTable kind) const;  // PMT: worst over PIDs
  // Current stream time in 27 MHz ticks since the first PCR.
  std::optional<uint64_t> streamTime27MHz() const;

 private:
  struct CcState {
    uint8_t last = 0xFF;  // 0xFF: none yet
    bool duplicate_seen = false;
  };
  struct Arrival {
    std::optional<uint64_t> last_time;
    RepetitionStats stats;
  };
  void checkContinuity(const TsHeader& h, PidHealth& health);
  void updateClock(const TsHeader& h);

  std::vector<PidHealth> pids_;
  std::vector<CcState> cc_;
  std::optional<uint16_t> pcr_pid_;
  uint64_t pcr_base_ = 0;   // first PCR value
  uint64_t pcr_wraps_ = 0;  // 2^33*300 wrap-arounds
  uint64_t pcr_last_ = 0;
  bool have_pcr_ = false;
  Arrival pat_, tdt_;
  std::map<uint16_t, Arrival> pmt_;
};

}  // namespace dvb
