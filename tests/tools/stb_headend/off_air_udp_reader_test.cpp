// The monitor's multicast reader: datagrams on a socket reach the monitor.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <thread>

#include "tests/tools/stb_headend/off_air_fixture.h"
#include "tools/stb-headend/off_air_udp_reader.h"

namespace {

using off_air_test::expectedOf;
using off_air_test::kPid;
using off_air_test::signedSections;
using tools::headend::OffAirUdpReader;

void sendTo(uint16_t port, const std::vector<uint8_t>& packets) {
  const int s = socket(AF_INET, SOCK_DGRAM, 0);
  ASSERT_GE(s, 0);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(port);
  to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  for (size_t i = 0; i < packets.size(); i += 7 * 188) {
    const size_t n = std::min<size_t>(7 * 188, packets.size() - i);
    ASSERT_EQ(sendto(s, packets.data() + i, n, 0, reinterpret_cast<sockaddr*>(&to), sizeof to),
              static_cast<ssize_t>(n));
  }
  close(s);
}

TEST(OffAirUdpReader, DatagramsOnTheGroupReachTheMonitor) {
  std::string error;
  auto reader = OffAirUdpReader::open("udp://127.0.0.1:0", &error);
  ASSERT_TRUE(reader) << error;
  tools::headend::MonitorOptions o;
  o.pid = kPid;
  tools::headend::OffAirMonitor monitor(o);
  const auto notice = signedSections(dvb::notice::ObjectType::kNotice, 9, 1, 6000);
  monitor.expect({expectedOf(notice, 1000)});

  std::vector<uint8_t> packets;
  dvb::SectionPacketizer packetizer(kPid);
  for (int i = 0; i < 3; ++i) packetizer.packetize(notice, &packets);
  sendTo(reader->localPort(), packets);
  for (int tries = 0; tries < 100 && monitor.repetitions() < 3; ++tries) {
    ASSERT_TRUE(reader->drain(monitor, 10, &error)) << error;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_EQ(monitor.repetitions(), 3u);
  EXPECT_TRUE(monitor.check(20).empty());
}

TEST(OffAirUdpReader, RtpSpellingIsReadAsUdpAndOtherSourcesAreRefused) {
  std::string error;
  EXPECT_TRUE(OffAirUdpReader::open("rtp://127.0.0.1:0", &error)) << error;
  EXPECT_FALSE(OffAirUdpReader::open("file:/tmp/x.ts", &error));
  EXPECT_NE(error.find("file:/tmp/x.ts"), std::string::npos) << error;
  EXPECT_FALSE(OffAirUdpReader::open("udp://239.1.1.1:99999", &error));
  EXPECT_FALSE(error.empty());
}

}  // namespace
