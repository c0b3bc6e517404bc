#pragma once
// Readings of DVBv5 statistics (struct dtv_stats, linux/dvb/frontend.h) and
// bit error ratios from the cumulative bit counters.
#include <linux/dvb/frontend.h>

#include <cstdint>
#include <optional>

namespace platform {
namespace box {

// One measure as the driver scaled it.
struct StatReading {
  enum class Unit { kNone, kDecibel, kPercent, kCount };
  Unit unit = Unit::kNone;  // kNone: FE_SCALE_NOT_AVAILABLE (or nothing reported)
  double value = 0;         // dB (or dBm for signal) or 0..100 %
  uint64_t count = 0;       // kCount: the counter, exact
};

// The global value (stat[0]) of PROP's statistics: FE_SCALE_DECIBEL in
// 0.001 dB, FE_SCALE_RELATIVE 0..65535 as percent, FE_SCALE_COUNTER as is.
// A len of 0 or beyond MAX_DTV_STATS, or an unknown scale, reads as kNone.
StatReading readStat(const dtv_property& prop);

// Legacy 16-bit relative readings (FE_READ_SIGNAL_STRENGTH) as percent.
double relativeToPercent(uint16_t value);

// The error ratio over the bits counted since the previous sample. Counters
// only grow while tuned; one going backwards (a retune) restarts the window.
class BitErrorRatio {
 public:
  // Absent on the first sample, after a restart, and when no bits were
  // counted since the previous sample.
  std::optional<double> sample(uint64_t errors, uint64_t total);
  // Forgets the previous sample (a counter was not available).
  void reset() { previous_.reset(); }

 private:
  struct Counts {
    uint64_t errors;
    uint64_t total;
  };
  std::optional<Counts> previous_;
};

}  // namespace box
}  // namespace platform
