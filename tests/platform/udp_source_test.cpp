// UdpSource over loopback: unicast, multicast, raw TS and RTP-wrapped TS.
#include "platform/udp_source.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>
#include <vector>

namespace platform {
namespace {

using Bytes = std::vector<uint8_t>;
using Status = ReadResult::Status;

constexpr uint32_t kLoopback = 0x7f000001;

Bytes tsPayload(size_t packets, uint8_t fill) {
  Bytes bytes(packets * 188, fill);
  for (size_t i = 0; i < bytes.size(); i += 188) bytes[i] = 0x47;
  return bytes;
}

// V=2, flags, CSRC count, PT 33, sequence, timestamp, SSRC, then the CSRCs.
Bytes rtpHeader(uint8_t flags, uint8_t csrc_count) {
  Bytes header = {
      static_cast<uint8_t>(0x80 | flags | csrc_count), 33, 0, 7, 0, 0, 0, 9, 1, 2, 3, 4};
  for (uint8_t i = 0; i < csrc_count; ++i) header.insert(header.end(), {0xc5, 0xc5, 0xc5, i});
  return header;
}

Bytes concat(Bytes a, const Bytes& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

std::unique_ptr<UdpSource> openSpec(const std::string& text) {
  UdpSpec spec;
  std::string error;
  EXPECT_TRUE(parseUdpSpec(text, &spec, &error)) << error;
  std::unique_ptr<UdpSource> source = UdpSource::open(spec, &error);
  EXPECT_NE(source, nullptr) << error;
  return source;
}

class Sender {
 public:
  Sender() : fd_(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0)) { EXPECT_GE(fd_, 0); }
  ~Sender() { ::close(fd_); }

  // Multicast out of the loopback interface, looped back to local sockets.
  void useLoopbackForMulticast() {
    in_addr iface;
    iface.s_addr = htonl(kLoopback);
    EXPECT_EQ(::setsockopt(fd_, IPPROTO_IP, IP_MULTICAST_IF, &iface, sizeof(iface)), 0)
        << std::strerror(errno);
    const int loop = 1;
    EXPECT_EQ(::setsockopt(fd_, IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof(loop)), 0)
        << std::strerror(errno);
  }

  void send(uint32_t address, uint16_t port, const Bytes& datagram) {
    sockaddr_in to;
    std::memset(&to, 0, sizeof(to));
    to.sin_family = AF_INET;
    to.sin_addr.s_addr = htonl(address);
    to.sin_port = htons(port);
    const ssize_t sent = ::sendto(fd_, datagram.data(), datagram.size(), 0,
                                  reinterpret_cast<const sockaddr*>(&to), sizeof(to));
    EXPECT_EQ(sent, static_cast<ssize_t>(datagram.size())) << std::strerror(errno);
  }

 private:
  int fd_;
};

bool waitReadable(int fd, int timeout_ms) {
  pollfd entry{fd, POLLIN, 0};
  return ::poll(&entry, 1, timeout_ms) == 1 && (entry.revents & POLLIN) != 0;
}

// Waits for one datagram and returns its payload; fails the test on timeout.
Bytes receive(UdpSource* source) {
  if (!waitReadable(source->fd(), 2000)) {
    ADD_FAILURE() << "no datagram arrived within 2 s on " << source->describe();
    return {};
  }
  Bytes buffer(kMaxDatagramBytes);
  const ReadResult result = source->read(buffer.data(), buffer.size());
  EXPECT_EQ(result.status, Status::kData) << result.error;
  buffer.resize(result.bytes);
  return buffer;
}

TEST(UdpSourceTest, UnicastPortZeroReportsTheBoundPort) {
  std::unique_ptr<UdpSource> source = openSpec("udp://127.0.0.1:0");
  ASSERT_NE(source, nullptr);
  EXPECT_NE(source->localPort(), 0);
  EXPECT_NE(source->describe().find(":" + std::to_string(source->localPort())), std::string::npos)
      << source->describe();
}

TEST(UdpSourceTest, ReportsTheGrantedReceiveBuffer) {
  std::unique_ptr<UdpSource> source = openSpec("udp://127.0.0.1:0");
  ASSERT_NE(source, nullptr);
  EXPECT_GT(source->receiveBufferBytes(), 0u);
  EXPECT_NE(source->describe().find(std::to_string(source->receiveBufferBytes())),
            std::string::npos)
      << source->describe();
}

TEST(UdpSourceTest, EmptySocketWouldBlock) {
  std::unique_ptr<UdpSource> source = openSpec("udp://127.0.0.1:0");
  ASSERT_NE(source, nullptr);
  Bytes buffer(kMaxDatagramBytes);
  EXPECT_EQ(source->read(buffer.data(), buffer.size()).status, Status::kWouldBlock);
}

TEST(UdpSourceTest, UnicastRawAndRtpDatagrams) {
  std::unique_ptr<UdpSource> source = openSpec("udp://@:0");
  ASSERT_NE(source, nullptr);
  Sender sender;
  const Bytes ts = tsPayload(7, 0x11);

  sender.send(kLoopback, source->localPort(), ts);
  EXPECT_EQ(receive(source.get()), ts) << "raw TS";

  sender.send(kLoopback, source->localPort(), concat(rtpHeader(0, 0), ts));
  EXPECT_EQ(receive(source.get()), ts) << "plain RTP header";

  sender.send(kLoopback, source->localPort(), concat(rtpHeader(0, 4), ts));
  EXPECT_EQ(receive(source.get()), ts) << "four CSRCs";

  const Bytes extension = {0xbe, 0xde, 0x00, 0x02, 9, 9, 9, 9, 8, 8, 8, 8};
  sender.send(kLoopback, source->localPort(), concat(concat(rtpHeader(0x10, 2), extension), ts));
  EXPECT_EQ(receive(source.get()), ts) << "CSRCs and an extension";

  const Bytes padding = {0, 0, 0, 4};
  sender.send(kLoopback, source->localPort(), concat(concat(rtpHeader(0x20, 0), ts), padding));
  EXPECT_EQ(receive(source.get()), ts) << "padding";
  EXPECT_EQ(source->droppedDatagrams(), 0u);
}

TEST(UdpSourceTest, MalformedRtpDeliversNothing) {
  std::unique_ptr<UdpSource> source = openSpec("udp://127.0.0.1:0");
  ASSERT_NE(source, nullptr);
  Sender sender;
  // 15 CSRCs announced in a 20-byte datagram.
  Bytes datagram = rtpHeader(0, 0);
  datagram[0] |= 0x0f;
  datagram.insert(datagram.end(), 8, 0xee);
  sender.send(kLoopback, source->localPort(), datagram);
  EXPECT_TRUE(receive(source.get()).empty());
  EXPECT_EQ(source->droppedDatagrams(), 1u);
  // The next good datagram still comes through.
  const Bytes ts = tsPayload(1, 0x22);
  sender.send(kLoopback, source->localPort(), concat(rtpHeader(0, 0), ts));
  EXPECT_EQ(receive(source.get()), ts);
}

TEST(UdpSourceTest, OversizedDatagramIsDroppedNotTruncated) {
  std::unique_ptr<UdpSource> source = openSpec("udp://127.0.0.1:0");
  ASSERT_NE(source, nullptr);
  Sender sender;
  sender.send(kLoopback, source->localPort(), tsPayload(7, 0x33));
  ASSERT_TRUE(waitReadable(source->fd(), 2000));
  Bytes small(500);
  const ReadResult result = source->read(small.data(), small.size());
  EXPECT_EQ(result.status, Status::kData);
  EXPECT_EQ(result.bytes, 0u);
  EXPECT_EQ(source->droppedDatagrams(), 1u);
}

TEST(UdpSourceTest, BindFailureNamesTheSpec) {
  UdpSpec spec;
  spec.address = 0x01020304;  // not a local address
  spec.port = 4000;
  std::string error;
  EXPECT_EQ(UdpSource::open(spec, &error), nullptr);
  EXPECT_NE(error.find("udp://1.2.3.4:4000: bind:"), std::string::npos) << error;
}

// Needs no multicast route: the group is joined on lo (iface=127.0.0.1) and
// the sender picks lo with IP_MULTICAST_IF.
TEST(UdpSourceTest, MulticastOnLoopback) {
  const std::string group = "239.255.77." + std::to_string(1 + ::getpid() % 250);
  std::unique_ptr<UdpSource> source = openSpec("udp://" + group + ":0?iface=127.0.0.1");
  ASSERT_NE(source, nullptr);
  EXPECT_NE(source->describe().find("multicast"), std::string::npos);
  Sender sender;
  sender.useLoopbackForMulticast();
  in_addr address;
  ASSERT_EQ(inet_pton(AF_INET, group.c_str(), &address), 1);
  const Bytes ts = tsPayload(7, 0x44);
  sender.send(ntohl(address.s_addr), source->localPort(), concat(rtpHeader(0, 1), ts));
  ASSERT_TRUE(waitReadable(source->fd(), 2000))
      << "no multicast datagram looped back on lo within 2 s for " << source->describe()
      << "; this machine's loopback does not deliver multicast (check `ip link show lo`, "
         "`ip route`, and that IP_MULTICAST_LOOP is allowed)";
  Bytes buffer(kMaxDatagramBytes);
  const ReadResult result = source->read(buffer.data(), buffer.size());
  ASSERT_EQ(result.status, Status::kData) << result.error;
  buffer.resize(result.bytes);
  EXPECT_EQ(buffer, ts);
}

}  // namespace
}  // namespace platform
