#pragma once
// The number syntaxes the programs' options share, parsed strictly: a typo
// in a PID or a bitrate is a usage error, never a silently different run.
// (Durations like 30s are dvb/duration.h; times dvb/mjd_time.h.)
#include <cstdint>
#include <optional>
#include <string>

namespace platform {

// Decimal or 0x-hex, the whole text, in [min, max].
std::optional<uint64_t> parseUnsigned(const std::string& text, uint64_t min, uint64_t max);
// A decimal number of seconds such as 3 or 0.5, the whole text, above 0 and
// at most `max`.
std::optional<double> parseSeconds(const std::string& text, double max);

}  // namespace platform
