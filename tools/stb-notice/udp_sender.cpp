#include "tools/stb-notice/udp_sender.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <thread>

#include "platform/udp_spec.h"
#include "platform/unique_fd.h"

namespace tools::notice {
namespace {

constexpr size_t kPacketsPerDatagram = 7;  // 1316 bytes: fits a 1500-byte MTU with headers

}  // namespace

bool openUdpSocket(const platform::UdpSpec& spec, int ttl, platform::UniqueFd* fd,
                   std::string* error) {
  *fd = platform::UniqueFd(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (fd->get() < 0) {
    *error = std::string("socket: ") + std::strerror(errno);
    return false;
  }
  if (!spec.multicast()) return true;
  const unsigned char hops = static_cast<unsigned char>(ttl);
  const unsigned char loop = 1;  // receivers on this host (tests, a PC box) hear it too
  bool ok = ::setsockopt(fd->get(), IPPROTO_IP, IP_MULTICAST_TTL, &hops, sizeof hops) == 0 &&
            ::setsockopt(fd->get(), IPPROTO_IP, IP_MULTICAST_LOOP, &loop, sizeof loop) == 0;
  if (ok && spec.iface) {
    in_addr iface{};
    iface.s_addr = htonl(spec.iface);
    ok = ::setsockopt(fd->get(), IPPROTO_IP, IP_MULTICAST_IF, &iface, sizeof iface) == 0;
  }
  if (!ok) *error = std::string("multicast options: ") + std::strerror(errno);
  return ok;
}

bool sendUdp(const UdpSendOptions& options, const std::function<CarouselMux()>& make,
             UdpSendResult* result, std::string* error) {
  platform::UdpSpec spec;
  if (!platform::parseUdpSpec(options.target, &spec, error)) return false;
  if (spec.address == 0 || spec.port == 0) {
    *error = options.target + ": a destination needs an address and a port";
    return false;
  }
  platform::UniqueFd fd;
  if (!openUdpSocket(spec, options.ttl, &fd, error)) return false;
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_addr.s_addr = htonl(spec.address);
  to.sin_port = htons(spec.port);

  using Clock = std::chrono::steady_clock;
  const Clock::time_point t0 = Clock::now();
  uint64_t bytes_sent = 0;
  bool failed = false;
  auto send = [&](const uint8_t* data, size_t size) {
    // Datagram n leaves when the bitrate says its first byte is due.
    const auto due = t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(
                              static_cast<double>(bytes_sent) * 8 / options.bitrate_bps));
    std::this_thread::sleep_until(due);
    if (::sendto(fd.get(), data, size, 0, reinterpret_cast<const sockaddr*>(&to), sizeof to) < 0 &&
        errno != ECONNREFUSED) {  // a unicast receiver not listening yet is not our failure
      *error = options.target + ": " + std::strerror(errno);
      failed = true;
    }
    bytes_sent += size;
    ++result->datagrams;
  };
  auto stopped = [&] { return failed || (options.stop && options.stop->load()); };
  do {
    std::vector<uint8_t> carry;  // packets waiting to fill a datagram
    make().run([&](const std::vector<uint8_t>& packets) {
      for (size_t i = 0; i < packets.size() && !stopped(); i += 188) {
        carry.insert(carry.end(), packets.begin() + static_cast<std::ptrdiff_t>(i),
                     packets.begin() + static_cast<std::ptrdiff_t>(i + 188));
        ++result->packets;
        if (carry.size() == kPacketsPerDatagram * 188) {
          send(carry.data(), carry.size());
          carry.clear();
        }
      }
    });
    if (!carry.empty() && !stopped()) send(carry.data(), carry.size());
    if (!stopped()) ++result->loops;
  } while (options.loop && !stopped());
  return !failed;
}

}  // namespace tools::notice
