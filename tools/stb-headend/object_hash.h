#pragma once
// The fingerprint of what was signed: SHA-256 over an object's sections'
// bytes, in order, as 64 lower-case hex digits. status.json shows it; the
// off-air monitor compares what it reads back against it.
#include <string>
#include <vector>

#include "dvb/section.h"

namespace tools::headend {

std::string sectionsSha256(const std::vector<dvb::Section>& sections);

}  // namespace tools::headend
