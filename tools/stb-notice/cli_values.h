#pragma once
// The value syntaxes of stb-notice's options, parsed strictly: a typo in a
// time or an offset is an error, never a silently different stream. Numbers
// are platform/arg_values.h.
#include <cstdint>
#include <optional>
#include <string>

#include "dvb/duration.h"

namespace tools::notice {

using dvb::formatDurationMs;
using dvb::parseDurationMs;

// "YYYY-MM-DDThh:mm:ssZ" exactly.
std::optional<int64_t> parseUtc(const std::string& text);
// "+08:00", "-05:30" (also "+0800"): minutes east of UTC, at most 14 h.
std::optional<int> parseUtcOffset(const std::string& text);
// "+08:00" for 480.
std::string formatUtcOffset(int minutes);

}  // namespace tools::notice
