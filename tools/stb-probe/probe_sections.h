#pragma once
// A file of sections back to back, as `stb-notice build --out FILE.bin`
// writes them: no packets, so the probe reads the sections themselves.
#include <cstdint>
#include <vector>

#include "dvb/section.h"

namespace tools {

// True when every byte belongs to a whole section (0xFF stuffing may follow
// the last) and every long-syntax section's CRC_32 is right: a file that only
// starts like a section is not one.
bool splitSectionFile(const std::vector<uint8_t>& bytes, std::vector<dvb::Section>* sections);

// The PID a section with this table_id travels on in a stream (PAT, NIT,
// SDT, EIT, TDT/TOT); 0xFFFF for a table with no fixed PID (a PMT, a notice).
uint16_t standardPidOf(uint8_t table_id);

}  // namespace tools
