#pragma once
// Durations as people type them in options and config files.
#include <cstdint>
#include <optional>
#include <string>

namespace stb {

// "500ms", "30s", "5m", "1h", or a bare number of seconds; > 0.
std::optional<uint64_t> parseDurationMs(const std::string& text);
// "30s" style text for a duration in ms (the largest unit that divides it).
std::string formatDurationMs(uint64_t ms);

}  // namespace stb
