#pragma once
// Time Offset Table (EN 300 468, 5.2.6): table_id 0x73 on PID 0x0014, a short
// section with UTC_time, a descriptor loop (local_time_offset_descriptor) and
// a CRC_32, which is checked here too so a TOT from any source is verified.
#include <optional>
#include <string>
#include <vector>

#include "dvb/descriptor.h"
#include "dvb/descriptors/local_time_offset_descriptor.h"
#include "dvb/mjd_time.h"
#include "dvb/section.h"

namespace dvb {

struct Tot {
  UtcSeconds utc = 0;
  DescriptorList descriptors;

  // Every entry of every local_time_offset_descriptor; malformed ones are
  // skipped and counted in *malformed when given.
  std::vector<LocalTimeOffset> localTimeOffsets(size_t* malformed = nullptr) const;

  // Like every table: from its sections (here exactly one).
  static std::optional<Tot> decode(const std::vector<Section>& sections, std::string* error);
  // One section; none when the time is outside the 16-bit MJD window.
  std::vector<Section> encode() const;
  // The time, then one line per local time offset (and per malformed
  // local_time_offset_descriptor, with why).
  std::string describe() const;
};

}  // namespace dvb
