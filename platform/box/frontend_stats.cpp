#include "platform/box/frontend_stats.h"

namespace platform {
namespace box {

StatReading readStat(const dtv_property& prop) {
  StatReading reading;
  const dtv_fe_stats& stats = prop.u.st;
  if (stats.len == 0 || stats.len > MAX_DTV_STATS) return reading;
  const dtv_stats& global = stats.stat[0];
  switch (global.scale) {
    case FE_SCALE_DECIBEL:
      reading.unit = StatReading::Unit::kDecibel;
      reading.value = static_cast<double>(global.svalue) / 1000.0;
      break;
    case FE_SCALE_RELATIVE:
      reading.unit = StatReading::Unit::kPercent;
      reading.value = static_cast<double>(global.uvalue & 0xFFFF) * 100.0 / 65535.0;
      break;
    case FE_SCALE_COUNTER:
      reading.unit = StatReading::Unit::kCount;
      reading.count = global.uvalue;
      reading.value = static_cast<double>(global.uvalue);
      break;
    default:
      break;
  }
  return reading;
}

double relativeToPercent(uint16_t value) {
  return static_cast<double>(value) * 100.0 / 65535.0;
}

std::optional<double> BitErrorRatio::sample(uint64_t errors, uint64_t total) {
  const std::optional<Counts> before = previous_;
  previous_ = Counts{errors, total};
  if (!before) return std::nullopt;
  if (total < before->total || errors < before->errors) return std::nullopt;  // restarted
  const uint64_t bits = total - before->total;
  if (bits == 0) return std::nullopt;
  const uint64_t errored = errors - before->errors;
  if (errored > bits) return std::nullopt;  // a driver bug; no ratio above 1
  return static_cast<double>(errored) / static_cast<double>(bits);
}

}  // namespace box
}  // namespace platform
