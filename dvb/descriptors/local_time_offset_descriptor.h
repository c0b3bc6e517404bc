#pragma once
// local_time_offset_descriptor (EN 300 468, 6.2.20, tag 0x58): per country
// and region, the current offset from UTC and the next one with the moment
// it takes effect. Offsets are signed minutes (negative when the polarity bit
// says west of Greenwich).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dvb/descriptor.h"
#include "dvb/mjd_time.h"

namespace dvb {

struct LocalTimeOffset {
  std::string country_code;  // ISO 3166 alpha-3, e.g. "ITA"
  uint8_t country_region_id = 0;
  int offset_minutes = 0;
  UtcSeconds time_of_change = 0;
  int next_offset_minutes = 0;
  bool operator==(const LocalTimeOffset& o) const {
    return country_code == o.country_code && country_region_id == o.country_region_id &&
           offset_minutes == o.offset_minutes && time_of_change == o.time_of_change &&
           next_offset_minutes == o.next_offset_minutes;
  }
};

struct LocalTimeOffsetDescriptor {
  static constexpr uint8_t kTag = 0x58;
  std::vector<LocalTimeOffset> entries;

  // nullopt on a wrong tag, a body that is not a multiple of 13 bytes, bad
  // BCD, or a country code that is not three printable letters.
  static std::optional<LocalTimeOffsetDescriptor> decode(const Descriptor& d);
  // False when a time cannot be encoded or an offset exceeds 99:59.
  bool encode(Descriptor* out) const;
};

}  // namespace dvb
