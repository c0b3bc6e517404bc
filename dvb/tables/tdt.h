#pragma once
// Time and Date Table (EN 300 468, 5.2.5): table_id 0x70 on PID 0x0014, a
// single short section holding UTC_time and no CRC. The reader is lenient
// about reserved bits (some multiplexers clear them) but not about length.
#include <optional>
#include <string>
#include <vector>

#include "dvb/mjd_time.h"
#include "dvb/section.h"

namespace dvb {

struct Tdt {
  UtcSeconds utc = 0;

  // Like every table: from its sections (here exactly one).
  static std::optional<Tdt> decode(const std::vector<Section>& sections, std::string* error);
  // One section; none when the time is outside the 16-bit MJD window.
  std::vector<Section> encode() const;
  std::string describe() const;
};

}  // namespace dvb
