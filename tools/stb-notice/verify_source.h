#pragma once
// What `stb-notice verify` reads: a transport stream (the notice PID found
// through PAT, PMT and the "STBN" registration descriptor, or given) or a
// .bin file of sections back to back. Out come the complete tables on the
// protocol's table_ids, each version once, CRC-checked, in stream order.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dvb/mjd_time.h"
#include "dvb/section.h"

namespace tools::notice {

struct GatheredTable {
  uint16_t pid = 0;  // 0 for a .bin file
  std::vector<dvb::Section> sections;
  // What a box tuned to the stream would take for "now" when the table is
  // complete: the latest TDT/TOT before it, or the first one after it (a box
  // shows nothing before it knows the time). Unset without any TDT/TOT.
  std::optional<dvb::UtcSeconds> stream_time;
};

struct SourceScan {
  bool transport_stream = false;
  std::vector<uint16_t> pids;  // notice PIDs read (TS only)
  std::vector<GatheredTable> tables;
  uint64_t packets = 0;             // TS only
  uint64_t crc_errors = 0;          // sections dropped for a bad CRC_32
  uint64_t malformed_sections = 0;  // cut short, bad length, short syntax on a notice table
  uint64_t foreign_sections = 0;    // other table_ids on the notice PID (ignored)
};

// `path` ending in ".bin" is read as sections, anything else as a TS (188,
// 192 or 204-byte packets). False with *error only when it cannot be read.
bool scanSource(const std::string& path, std::optional<uint16_t> pid, SourceScan* scan,
                std::string* error);

// The .bin reader on bytes in memory.
void scanSections(const std::vector<uint8_t>& bytes, SourceScan* scan);

}  // namespace tools::notice
