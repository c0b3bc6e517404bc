#pragma once
// The one way every table and descriptor decoder reports why it failed:
// "<name as in the standard>: <what is wrong>", e.g. "TDT: not exactly one
// section" or "local_time_offset_descriptor: invalid BCD in entry 2". The
// caller's error pointer may be null.
#include <optional>
#include <string>

namespace dvb {

inline std::nullopt_t decodeError(std::string* error, const char* name, const std::string& why) {
  if (error) *error = std::string(name) + ": " + why;
  return std::nullopt;
}

}  // namespace dvb
