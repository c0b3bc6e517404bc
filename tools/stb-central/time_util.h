#pragma once
// UTC timestamps for stb-central: seconds since 1970 and the one text form the
// API uses, "2026-11-30T08:15:00Z". Civil dates are days since 1970-01-01.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tools::central {

using UtcSeconds = int64_t;
constexpr int64_t kSecondsPerDay = 86400;

struct CivilDate {
  int year = 1970;
  unsigned month = 1;  // 1..12
  unsigned day = 1;    // 1..31
};

int64_t daysFromCivil(const CivilDate& d);
CivilDate civilFromDays(int64_t days);
// 0 = Sunday .. 6 = Saturday.
int weekdayOfDays(int64_t days);

// "YYYY-MM-DDTHH:MM:SSZ", optionally with 1..9 fractional digits before the Z
// (dropped). Only UTC ('Z') is accepted; nullopt for anything else.
std::optional<UtcSeconds> parseUtcTimestamp(std::string_view text);
std::string formatUtcTimestamp(UtcSeconds t);
// "YYYY-MM-DD" to days since 1970-01-01.
std::optional<int64_t> parseCivilDate(std::string_view text);
// Days since 1970 as "YYYYMMDD" (ticket numbers).
std::string formatCompactDate(int64_t days);
// Floor division of seconds into days (correct before 1970 too).
int64_t daysOf(UtcSeconds t);

UtcSeconds systemNow();

}  // namespace tools::central
