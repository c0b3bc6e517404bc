// Parsing udp:// source specs.
#include "platform/udp_spec.h"

#include <gtest/gtest.h>

#include <string>

namespace platform {
namespace {

UdpSpec parse(const std::string& text) {
  UdpSpec spec;
  std::string error;
  EXPECT_TRUE(parseUdpSpec(text, &spec, &error)) << error;
  return spec;
}

std::string rejection(const std::string& text) {
  UdpSpec spec;
  std::string error;
  EXPECT_FALSE(parseUdpSpec(text, &spec, &error)) << text;
  EXPECT_NE(error.find(text), std::string::npos) << error;
  return error;
}

TEST(UdpSpecTest, Multicast) {
  const UdpSpec spec = parse("udp://239.1.1.1:1234");
  EXPECT_EQ(spec.address, 0xef010101u);
  EXPECT_EQ(spec.port, 1234);
  EXPECT_EQ(spec.iface, 0u);
  EXPECT_TRUE(spec.multicast());
  EXPECT_EQ(formatUdpSpec(spec), "udp://239.1.1.1:1234");
}

TEST(UdpSpecTest, MulticastWithInterface) {
  const UdpSpec spec = parse("udp://239.1.1.1:1234?iface=127.0.0.1");
  EXPECT_EQ(spec.address, 0xef010101u);
  EXPECT_EQ(spec.iface, 0x7f000001u);
  EXPECT_EQ(formatUdpSpec(spec), "udp://239.1.1.1:1234?iface=127.0.0.1");
}

TEST(UdpSpecTest, UnicastOnEveryAddress) {
  for (const char* text : {"udp://@:5000", "udp://:5000"}) {
    const UdpSpec spec = parse(text);
    EXPECT_EQ(spec.address, 0u) << text;
    EXPECT_EQ(spec.port, 5000) << text;
    EXPECT_FALSE(spec.multicast()) << text;
    EXPECT_EQ(formatUdpSpec(spec), "udp://:5000");
  }
}

TEST(UdpSpecTest, UnicastOnOneAddressAndVlcSpelling) {
  EXPECT_EQ(parse("udp://127.0.0.1:0").address, 0x7f000001u);
  EXPECT_EQ(parse("udp://@239.2.3.4:65535").address, 0xef020304u);
  EXPECT_EQ(parse("udp://@239.2.3.4:65535").port, 65535);
}

TEST(UdpSpecTest, RejectsBadPorts) {
  for (const char* text : {"udp://239.1.1.1:65536", "udp://239.1.1.1:", "udp://239.1.1.1:-1",
                           "udp://239.1.1.1:12a", "udp://239.1.1.1:+5", "udp://:1234567"}) {
    EXPECT_NE(rejection(text).find("port"), std::string::npos) << text;
  }
  EXPECT_NE(rejection("udp://239.1.1.1").find("missing :PORT"), std::string::npos);
}

TEST(UdpSpecTest, RejectsBadAddresses) {
  for (const char* text : {"udp://239.1.1:1234", "udp://239.1.1.256:1234", "udp://example.com:1234",
                           "udp://1.2.3.4.5:1234", "udp:// 239.1.1.1:1234"}) {
    EXPECT_NE(rejection(text).find("not an IPv4 address"), std::string::npos) << text;
  }
  EXPECT_NE(rejection("udp://[::1]:1234").find("IPv6"), std::string::npos);
  EXPECT_NE(rejection("udp://10.0.0.1@239.1.1.1:1234").find("source-specific"), std::string::npos);
}

TEST(UdpSpecTest, RejectsBadOptions) {
  EXPECT_NE(rejection("udp://239.1.1.1:1234?iface=eth0").find("iface 'eth0'"), std::string::npos);
  EXPECT_NE(rejection("udp://239.1.1.1:1234?ttl=4").find("unknown option 'ttl'"),
            std::string::npos);
  EXPECT_NE(rejection("udp://239.1.1.1:1234?iface=1.1.1.1&iface=1.1.1.1").find("twice"),
            std::string::npos);
  EXPECT_NE(rejection("udp://10.1.1.1:1234?iface=127.0.0.1").find("only to a multicast"),
            std::string::npos);
}

TEST(UdpSpecTest, RejectsOtherSchemes) {
  EXPECT_FALSE(isUdpSpec("rtp://239.1.1.1:1234"));
  EXPECT_FALSE(isUdpSpec("/tmp/udp://x"));
  EXPECT_NE(rejection("rtp://239.1.1.1:1234").find("udp://"), std::string::npos);
}

}  // namespace
}  // namespace platform
