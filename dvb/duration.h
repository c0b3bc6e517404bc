#pragma once
// Durations as people type them in options, config files and the operator's
// notice files (lead times), next to mjd_time's times.
#include <cstdint>
#include <optional>
#include <string>

namespace dvb {

// "500ms", "30s", "5m", "1h", or a bare number of seconds; > 0.
std::optional<uint64_t> parseDurationMs(const std::string& text);
// "30s" style text for a duration in ms (the largest unit that divides it).
std::string formatDurationMs(uint64_t ms);

}  // namespace dvb
