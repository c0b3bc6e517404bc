#pragma once
// The fingerprint the off-air monitor compares: SHA-256 over an object's
// sections, every byte of each (header to CRC_32), in section_number order,
// as 64 lower-case hex digits. What the playout records when it signs and
// what the monitor computes from the air must be this same function.
#include <string>
#include <vector>

#include "dvb/section.h"

namespace tools::headend {

std::string sectionsSha256(const std::vector<dvb::Section>& sections);

}  // namespace tools::headend
