#include "tools/stb-central/time_util.h"

#include <ctime>

namespace tools::central {

int weekdayOfDays(int64_t days) {
  // 1970-01-01 was a Thursday (4).
  const int64_t w = (days + 4) % 7;
  return static_cast<int>(w < 0 ? w + 7 : w);
}

int64_t daysOf(UtcSeconds t) {
  return t >= 0 ? t / kSecondsPerDay : -((-t + kSecondsPerDay - 1) / kSecondsPerDay);
}

std::optional<UtcSeconds> parseReportTime(std::string_view text) {
  const auto t = dvb::parseIso8601(text, dvb::IsoFraction::kDropped);
  if (!t || *t < 0) return std::nullopt;
  return t;
}

std::optional<int64_t> parseCivilDate(std::string_view text) {
  if (text.size() != 10) return std::nullopt;
  const auto t = dvb::parseIso8601(std::string(text) + "T00:00:00Z");
  if (!t || *t < 0) return std::nullopt;
  return *t / kSecondsPerDay;
}

std::string formatCompactDate(int64_t days) {
  const std::string iso = dvb::formatIso8601(days * kSecondsPerDay);  // "2026-11-30T00:00:00Z"
  return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
}

UtcSeconds systemNow() {
  return static_cast<UtcSeconds>(std::time(nullptr));
}

}  // namespace tools::central
