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
  // "ITA region 0 offset +01:00, from 2018-03-25T01:00:00Z +02:00"
  std::string describe() const;
};

struct LocalTimeOffsetDescriptor {
  static constexpr uint8_t kTag = 0x58;
  std::vector<LocalTimeOffset> entries;

  // nullopt (and why in *error) on a wrong tag, a body that is not a
  // multiple of 13 bytes, bad BCD, or a country code that is not three letters.
  static std::optional<LocalTimeOffsetDescriptor> decode(const Descriptor& d, std::string* error);
  // nullopt when a time cannot be encoded, an offset exceeds 99:59, the two
  // offsets of an entry differ in sign, or the body exceeds 255 bytes.
  std::optional<Descriptor> encode() const;
  // The entries, each described as above, separated by "; ".
  std::string describe() const;
};

}  // namespace dvb
