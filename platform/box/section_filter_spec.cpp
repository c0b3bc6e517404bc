#include "platform/box/section_filter_spec.h"

#include <cstdio>
#include <cstring>

namespace platform {
namespace box {

constexpr uint16_t kMaxPid = 0x1FFF;

std::string SectionFilterSpec::describe() const {
  char text[96];
  std::snprintf(text, sizeof(text), "pid 0x%x table_id 0x%02x/0x%02x", pid, table_id,
                table_id_mask);
  std::string result = text;
  if (extension) {
    std::snprintf(text, sizeof(text), " extension 0x%04x", *extension);
    result += text;
  }
  if (buffer_bytes != 0) result += " buffer " + std::to_string(buffer_bytes);
  return result;
}

bool operator==(const SectionFilterSpec& a, const SectionFilterSpec& b) {
  return a.pid == b.pid && a.table_id == b.table_id && a.table_id_mask == b.table_id_mask &&
         a.extension == b.extension && a.buffer_bytes == b.buffer_bytes;
}

bool buildFilterParams(const SectionFilterSpec& spec, dmx_sct_filter_params* params,
                       std::string* error) {
  if (spec.pid > kMaxPid) {
    *error = "section filter " + spec.describe() + ": PID is larger than 0x1fff";
    return false;
  }
  std::memset(params, 0, sizeof(*params));
  params->pid = spec.pid;
  // filter[0] <-> section byte 0 (table_id).
  params->filter.filter[0] = static_cast<uint8_t>(spec.table_id & spec.table_id_mask);
  params->filter.mask[0] = spec.table_id_mask;
  // filter[1..2] <-> section bytes 3-4 (table_id_extension): the kernel skips
  // the two section_length bytes.
  if (spec.extension) {
    params->filter.filter[1] = static_cast<uint8_t>(*spec.extension >> 8);
    params->filter.filter[2] = static_cast<uint8_t>(*spec.extension & 0xFF);
    params->filter.mask[1] = 0xFF;
    params->filter.mask[2] = 0xFF;
  }
  // mode all zero: every masked bit must be equal (positive match).
  params->timeout = 0;
  params->flags = DMX_CHECK_CRC | DMX_IMMEDIATE_START;
  return true;
}

std::string demuxPath(int adapter, int demux) {
  return "/dev/dvb/adapter" + std::to_string(adapter) + "/demux" + std::to_string(demux);
}

}  // namespace box
}  // namespace platform
