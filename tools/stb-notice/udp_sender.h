#pragma once
// Sends a stream to udp://GROUP:PORT (or a unicast address) as datagrams of
// seven 188-byte packets, paced in real time at the stream's bitrate, the way
// an IPTV headend does. IPv4 only.
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "platform/udp_spec.h"
#include "platform/unique_fd.h"
#include "tools/common/carousel_mux.h"

namespace tools::notice {

struct UdpSendOptions {
  std::string target;  // udp://ADDR:PORT[?iface=ADDR]
  uint64_t bitrate_bps = 2'000'000;
  int ttl = 1;                              // multicast hops; 1 keeps it on the local network
  bool loop = false;                        // start again at the end until *stop
  const std::atomic<bool>* stop = nullptr;  // may be null
};

struct UdpSendResult {
  uint64_t packets = 0;
  uint64_t datagrams = 0;
  uint64_t loops = 0;  // complete passes over the stream
};

// A datagram socket for sending to `spec`: for a multicast group with TTL
// hops, looped back to this host's receivers, on spec.iface when set
// (stb-headend sends through it too).
bool openUdpSocket(const platform::UdpSpec& spec, int ttl, platform::UniqueFd* fd,
                   std::string* error);

// `make` builds a fresh multiplexer for each pass. False with *error when the
// socket cannot be set up or a send fails.
bool sendUdp(const UdpSendOptions& options, const std::function<CarouselMux()>& make,
             UdpSendResult* result, std::string* error);

}  // namespace tools::notice
