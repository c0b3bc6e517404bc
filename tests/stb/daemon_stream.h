#pragma once
// A transport stream for Daemon tests, built with the project's own encoders:
// PAT + PMT announcing the notice PID with a registration_descriptor "STBN",
// TDT/TOT on PID 0x0014, and signed objects as sections on the notice PID,
// each turned into 188-byte packets by dvb::SectionPacketizer (one per PID,
// so continuity counters run as in a real multiplex).
#include <cstdint>
#include <string>
#include <vector>

#include "dvb/descriptors/local_time_offset_descriptor.h"
#include "dvb/mjd_time.h"
#include "dvb/notice/signed_object.h"
#include "dvb/section.h"
#include "dvb/section_packetizer.h"

namespace stb::testing_stream {

using Packets = std::vector<uint8_t>;  // whole 188-byte packets, back to back

constexpr uint16_t kPmtPid = 0x1000;
constexpr uint16_t kNoticePid = 0x0101;
constexpr uint16_t kProgram = 1;

class DaemonStream {
 public:
  explicit DaemonStream(uint16_t notice_pid = kNoticePid);

  uint16_t noticePid() const { return notice_.pid(); }

  // PAT and the PMT whose private-section stream carries the "STBN" registration.
  Packets psi();
  Packets tdt(dvb::UtcSeconds utc);
  // A TOT whose local_time_offset_descriptor names OFFSET_MINUTES for
  // COUNTRY/REGION (no change announced).
  Packets tot(dvb::UtcSeconds utc, int offset_minutes, const std::string& country = "CHN",
              uint8_t region = 0);
  // The object's sections on the notice PID.
  Packets object(const dvb::notice::SignedObject& o);
  // Arbitrary sections on the notice PID (e.g. damaged ones).
  Packets noticeSections(const std::vector<dvb::Section>& sections);

 private:
  dvb::SectionPacketizer pat_{0x0000};
  dvb::SectionPacketizer pmt_{kPmtPid};
  dvb::SectionPacketizer time_{0x0014};
  dvb::SectionPacketizer notice_;
};

}  // namespace stb::testing_stream
