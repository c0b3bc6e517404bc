#include "tests/stb/daemon_stream.h"

#include <gtest/gtest.h>

#include "dvb/tables/pat.h"
#include "dvb/tables/pmt.h"
#include "dvb/tables/tdt.h"
#include "dvb/tables/tot.h"

namespace stb::testing_stream {

DaemonStream::DaemonStream(uint16_t notice_pid) : notice_(notice_pid) {}

Packets DaemonStream::psi() {
  dvb::Pat pat;
  pat.transport_stream_id = 0x0001;
  pat.programs.push_back({kProgram, kPmtPid});
  dvb::Pmt pmt;
  pmt.program_number = kProgram;
  const uint32_t f = dvb::notice::kRegistrationFormat;
  const dvb::Descriptor registration{
      0x05, {uint8_t(f >> 24), uint8_t(f >> 16), uint8_t(f >> 8), uint8_t(f)}};
  pmt.streams.push_back({0x05 /* private sections */, notice_.pid(), {registration}});
  Packets out;
  pat_.packetize(pat.encode(), &out);
  pmt_.packetize(pmt.encode(), &out);
  return out;
}

Packets DaemonStream::tdt(dvb::UtcSeconds utc) {
  Packets out;
  const auto sections = dvb::Tdt{utc}.encode();
  EXPECT_FALSE(sections.empty()) << "TDT not encodable";
  time_.packetize(sections, &out);
  return out;
}

Packets DaemonStream::tot(dvb::UtcSeconds utc, int offset_minutes, const std::string& country,
                          uint8_t region) {
  dvb::LocalTimeOffsetDescriptor lto;
  lto.entries.push_back({country, region, offset_minutes, utc + 365 * 86400, offset_minutes});
  dvb::Tot tot;
  tot.utc = utc;
  const auto d = lto.encode();
  EXPECT_TRUE(d);
  if (d) tot.descriptors.push_back(*d);
  Packets out;
  const auto sections = tot.encode();
  EXPECT_FALSE(sections.empty()) << "TOT not encodable";
  time_.packetize(sections, &out);
  return out;
}

Packets DaemonStream::object(const dvb::notice::SignedObject& o) {
  std::string error;
  const auto sections = o.toSections(&error);
  EXPECT_TRUE(sections) << error;
  return sections ? noticeSections(*sections) : Packets{};
}

Packets DaemonStream::noticeSections(const std::vector<dvb::Section>& sections) {
  Packets out;
  notice_.packetize(sections, &out);
  return out;
}

}  // namespace stb::testing_stream
