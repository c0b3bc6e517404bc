#include "platform/udp_source.h"

#include "platform/rtp.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <cerrno>
#include <cstring>

namespace platform {
namespace {

// "udp://239.1.1.1:1234: bind: Address already in use"; call right after the failing call.
std::string failure(const UdpSpec& spec, const char* step) {
  const int saved = errno;
  return formatUdpSpec(spec) + ": " + step + ": " + std::strerror(saved);
}

bool setInt(int fd, int level, int option, int value) {
  return ::setsockopt(fd, level, option, &value, sizeof(value)) == 0;
}

// Asks for kUdpReceiveBufferBytes: SO_RCVBUFFORCE passes net.core.rmem_max
// when we have CAP_NET_ADMIN; otherwise SO_RCVBUF, which the kernel caps.
// Returns the size the kernel granted.
size_t growReceiveBuffer(int fd) {
  const int wanted = static_cast<int>(kUdpReceiveBufferBytes);
#ifdef SO_RCVBUFFORCE
  if (!setInt(fd, SOL_SOCKET, SO_RCVBUFFORCE, wanted)) setInt(fd, SOL_SOCKET, SO_RCVBUF, wanted);
#else
  setInt(fd, SOL_SOCKET, SO_RCVBUF, wanted);
#endif
  int granted = 0;
  socklen_t length = sizeof(granted);
  if (::getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &granted, &length) != 0) return 0;
  return granted > 0 ? static_cast<size_t>(granted) : 0;
}

sockaddr_in socketAddress(uint32_t address, uint16_t port) {
  sockaddr_in result;
  std::memset(&result, 0, sizeof(result));
  result.sin_family = AF_INET;
  result.sin_addr.s_addr = htonl(address);
  result.sin_port = htons(port);
  return result;
}

}  // namespace

std::unique_ptr<UdpSource> UdpSource::open(const UdpSpec& spec, std::string* error) {
  UniqueFd fd(::socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
  if (!fd.valid()) {
    *error = failure(spec, "socket");
    return nullptr;
  }
  if (!setInt(fd.get(), SOL_SOCKET, SO_REUSEADDR, 1)) {
    *error = failure(spec, "SO_REUSEADDR");
    return nullptr;
  }
  std::unique_ptr<UdpSource> source(new UdpSource(std::move(fd), spec));
  const int raw = source->fd_.get();
  source->receive_buffer_bytes_ = growReceiveBuffer(raw);

  // Bound to the group itself, the socket gets only that group's datagrams,
  // not those of other groups joined on the same port.
  const sockaddr_in local = socketAddress(spec.address, spec.port);
  if (::bind(raw, reinterpret_cast<const sockaddr*>(&local), sizeof(local)) != 0) {
    *error = failure(spec, "bind");
    return nullptr;
  }
  sockaddr_in bound;
  socklen_t length = sizeof(bound);
  if (::getsockname(raw, reinterpret_cast<sockaddr*>(&bound), &length) != 0) {
    *error = failure(spec, "getsockname");
    return nullptr;
  }
  source->local_port_ = ntohs(bound.sin_port);

  if (spec.multicast()) {
    ip_mreq membership;
    membership.imr_multiaddr.s_addr = htonl(spec.address);
    membership.imr_interface.s_addr = htonl(spec.iface);
    if (::setsockopt(raw, IPPROTO_IP, IP_ADD_MEMBERSHIP, &membership, sizeof(membership)) != 0) {
      *error = failure(spec, "IP_ADD_MEMBERSHIP (is there a route or an iface= for the group?)");
      return nullptr;
    }
  }
  return source;
}

ReadResult UdpSource::read(uint8_t* buf, size_t capacity) {
  ReadResult result;
  ssize_t n;
  do {
    // MSG_TRUNC: the datagram's real length, so an oversized one is noticed.
    n = ::recv(fd_.get(), buf, capacity, MSG_TRUNC);
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    if (errno == EAGAIN || errno == EWOULDBLOCK) {
      result.status = ReadResult::Status::kWouldBlock;
    } else {
      result.status = ReadResult::Status::kError;
      result.error = failure(spec_, "recv");
    }
    return result;
  }
  result.status = ReadResult::Status::kData;
  const size_t size = static_cast<size_t>(n);
  if (size > capacity) {
    ++dropped_datagrams_;
    return result;
  }
  const TsPayload payload = findTsPayload(buf, size);
  if (payload.kind == TsPayload::Kind::kMalformed || payload.size == 0) {
    ++dropped_datagrams_;
    return result;
  }
  if (payload.offset != 0) std::memmove(buf, buf + payload.offset, payload.size);
  result.bytes = payload.size;
  return result;
}

std::string UdpSource::describe() const {
  UdpSpec shown = spec_;
  shown.port = local_port_;
  std::string text = formatUdpSpec(shown) + (spec_.multicast() ? " (multicast" : " (unicast") +
                     ", receive buffer " + std::to_string(receive_buffer_bytes_) + " bytes";
  if (receive_buffer_bytes_ < kUdpReceiveBufferBytes) {
    text += "; wanted " + std::to_string(kUdpReceiveBufferBytes) + ", raise net.core.rmem_max";
  }
  return text + ")";
}

}  // namespace platform
