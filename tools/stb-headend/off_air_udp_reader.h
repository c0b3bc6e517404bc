#pragma once
// The off-air monitor's reader for a multicast (or unicast) group: the
// headend's own output as the network carries it, or another headend's.
// platform::UdpSource does the socket, the group join and RTP; this only
// drains what is waiting into the monitor, from the headend's main loop.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "platform/udp_source.h"
#include "tools/stb-headend/off_air_monitor.h"

namespace tools::headend {

class OffAirUdpReader {
 public:
  // SPEC: "udp://GROUP:PORT[?iface=ADDR]" as platform/udp_spec.h reads it, or
  // the same with "rtp://" (RTP headers are found and removed either way).
  // nullptr with *error naming the spec and the failing step.
  static std::unique_ptr<OffAirUdpReader> open(const std::string& spec, std::string* error);

  // Poll this for POLLIN.
  int fd() const { return source_->fd(); }
  uint16_t localPort() const { return source_->localPort(); }
  // Pushes every datagram waiting now into MONITOR at STREAM_MS. False, with
  // *error, when the socket has failed.
  bool drain(OffAirMonitor& monitor, uint64_t stream_ms, std::string* error);

 private:
  explicit OffAirUdpReader(std::unique_ptr<platform::UdpSource> source)
      : source_(std::move(source)), buffer_(platform::kMaxDatagramBytes) {}

  std::unique_ptr<platform::UdpSource> source_;
  std::vector<uint8_t> buffer_;
};

}  // namespace tools::headend
