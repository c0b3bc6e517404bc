#pragma once
// stb-central's clock and calendar days. Times are dvb::UtcSeconds and their
// text is dvb's one UTC form (dvb/mjd_time.h: formatIso8601 / parseIso8601);
// stb-central keeps no time before 1970. Civil dates are days since 1970-01-01.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "dvb/mjd_time.h"

namespace tools::central {

using UtcSeconds = dvb::UtcSeconds;
constexpr int64_t kSecondsPerDay = 86400;

// 0 = Sunday .. 6 = Saturday.
int weekdayOfDays(int64_t days);

// A time a box sends ("created"): UTC, a fraction of a second allowed and
// dropped (docs/central-api.md), not before 1970; nullopt for anything else.
std::optional<UtcSeconds> parseReportTime(std::string_view text);
// "YYYY-MM-DD" (1970 or later) to days since 1970-01-01.
std::optional<int64_t> parseCivilDate(std::string_view text);
// Days since 1970 as "YYYYMMDD" (ticket numbers).
std::string formatCompactDate(int64_t days);
// Floor division of seconds into days (correct before 1970 too).
int64_t daysOf(UtcSeconds t);

UtcSeconds systemNow();

}  // namespace tools::central
