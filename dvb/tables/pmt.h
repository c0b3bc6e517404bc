#pragma once
// Program Map Table (ISO/IEC 13818-1, 2.4.4.8): table_id 0x02, one section
// per program, on the PID the PAT names.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dvb/descriptor.h"
#include "dvb/section.h"

namespace dvb {

struct Pmt {
  struct Stream {
    uint8_t stream_type = 0;
    uint16_t elementary_pid = 0;
    DescriptorList descriptors;
  };
  uint16_t program_number = 0;
  uint8_t version = 0;
  uint16_t pcr_pid = 0x1FFF;
  DescriptorList descriptors;
  std::vector<Stream> streams;

  static std::optional<Pmt> decode(const std::vector<Section>& sections, std::string* error);
  std::vector<Section> encode() const;
  std::string describe() const;
};

// Elementary PIDs whose descriptor loop holds a registration_descriptor
// (ISO/IEC 13818-1 2.6.8, tag 0x05) with this format_identifier.
std::vector<uint16_t> registeredStreams(const Pmt& pmt, uint32_t format_identifier);

// ISO/IEC 13818-1 Table 2-34 names ("MPEG-2 video", "private sections", ...).
const char* streamTypeName(uint8_t stream_type);

}  // namespace dvb
