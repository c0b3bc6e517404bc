#pragma once
// Program Association Table (ISO/IEC 13818-1, 2.4.4.3): table_id 0x00 on PID 0.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dvb/section.h"

namespace dvb {

struct Pat {
  struct Program {
    uint16_t program_number = 0;
    uint16_t pmt_pid = 0;
    bool operator==(const Program& o) const {
      return program_number == o.program_number && pmt_pid == o.pmt_pid;
    }
  };
  uint16_t transport_stream_id = 0;
  uint8_t version = 0;
  std::optional<uint16_t> network_pid;  // program_number 0
  std::vector<Program> programs;

  static std::optional<Pat> decode(const std::vector<Section>& sections, std::string* error);
  std::vector<Section> encode() const;
  std::string describe() const;
};

}  // namespace dvb
