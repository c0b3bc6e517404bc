#pragma once
// What one Linux DVB demux section filter asks for, and the kernel's
// dmx_sct_filter_params built from it.
//
// The kernel matches a filter against the section header with the three
// section_length-bearing bytes 1-2 skipped: filter[0] is compared with
// table_id (section byte 0) and filter[1..] with section bytes 3.. onwards,
// so table_id_extension (section bytes 3-4) goes in filter[1] (high byte)
// and filter[2] (low byte).
#include <linux/dvb/dmx.h>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

namespace platform {
namespace box {

struct SectionFilterSpec {
  uint16_t pid = 0;  // 13 bits; larger values are refused by buildFilterParams
  uint8_t table_id = 0;
  uint8_t table_id_mask = 0xFF;       // 0xFF: exactly table_id; 0xF0: a range of 16
  std::optional<uint16_t> extension;  // table_id_extension, matched on all 16 bits
  size_t buffer_bytes = 0;            // DMX_SET_BUFFER_SIZE; 0 = the driver's default

  // "pid 0x1ff table_id 0x80/0xff extension 0x0001 buffer 262144".
  std::string describe() const;
};

bool operator==(const SectionFilterSpec& a, const SectionFilterSpec& b);
inline bool operator!=(const SectionFilterSpec& a, const SectionFilterSpec& b) {
  return !(a == b);
}

// The filter for SPEC with DMX_CHECK_CRC | DMX_IMMEDIATE_START and no timeout.
// False and *error (naming the spec) when the PID does not fit 13 bits.
bool buildFilterParams(const SectionFilterSpec& spec, dmx_sct_filter_params* params,
                       std::string* error);

// "/dev/dvb/adapterN/demuxM".
std::string demuxPath(int adapter, int demux);

}  // namespace box
}  // namespace platform
