#pragma once
// A transport stream received over UDP: multicast (IGMP join) or unicast,
// raw TS or RTP-wrapped, one datagram per read().
#include "platform/ts_source.h"
#include "platform/udp_spec.h"
#include "platform/unique_fd.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>

namespace platform {

// Receive buffer asked for: half a second of a 50 Mbit/s multiplex, so a
// burst survives while the event loop is busy elsewhere.
constexpr size_t kUdpReceiveBufferBytes = 50'000'000 / 8 / 2;
// A read() buffer this large never truncates a datagram.
constexpr size_t kMaxDatagramBytes = 65536;

class UdpSource : public TsSource {
 public:
  // Binds (SO_REUSEADDR, so several processes may listen to one group), sets
  // the receive buffer and joins the group. Returns nullptr and sets *error,
  // naming the spec and the failing step, when any of it fails.
  static std::unique_ptr<UdpSource> open(const UdpSpec& spec, std::string* error);

  int fd() const override { return fd_.get(); }
  // One datagram per call, its TS payload moved to the front of buf. kData
  // with 0 bytes when the datagram carried nothing usable (empty, malformed
  // RTP, or larger than capacity); those are counted in droppedDatagrams().
  ReadResult read(uint8_t* buf, size_t capacity) override;
  // "udp://239.1.1.1:1234 (multicast, receive buffer 6250000 bytes)".
  std::string describe() const override;

  // The bound port: the spec's, or the one the kernel chose for port 0.
  uint16_t localPort() const { return local_port_; }
  // SO_RCVBUF as the kernel reports it after our request (Linux doubles the
  // requested value to cover its bookkeeping). Without CAP_NET_ADMIN the
  // request is capped at net.core.rmem_max.
  size_t receiveBufferBytes() const { return receive_buffer_bytes_; }
  uint64_t droppedDatagrams() const { return dropped_datagrams_; }

 private:
  UdpSource(UniqueFd fd, const UdpSpec& spec) : fd_(std::move(fd)), spec_(spec) {}

  UniqueFd fd_;
  UdpSpec spec_;
  uint16_t local_port_ = 0;
  size_t receive_buffer_bytes_ = 0;
  uint64_t dropped_datagrams_ = 0;
};

}  // namespace platform
