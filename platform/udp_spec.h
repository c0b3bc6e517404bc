#pragma once
// The text form of a UDP source:
//   udp://GROUP:PORT[?iface=ADDR]  multicast GROUP (224.0.0.0/4), joined on the
//                                  interface that owns ADDR (default: the
//                                  kernel's choice, which follows the routes)
//   udp://:PORT, udp://@:PORT      unicast to any local address
//   udp://ADDR:PORT                unicast to one local address
// A leading '@' before the address is accepted too (VLC's spelling). IPv4
// only; PORT 0 asks the kernel for a free port (tests).
#include <cstdint>
#include <string>

namespace platform {

struct UdpSpec {
  uint32_t address = 0;  // IPv4 in host byte order; 0 = every local address
  uint16_t port = 0;
  uint32_t iface = 0;  // multicast interface address, host byte order; 0 = default

  bool multicast() const { return (address >> 28) == 0xe; }
};

// True when SPEC names a UDP source (starts with "udp://").
bool isUdpSpec(const std::string& spec);

// Parses SPEC into *out. Returns false and sets *error (quoting SPEC and what
// is wrong with it) when it is malformed.
bool parseUdpSpec(const std::string& spec, UdpSpec* out, std::string* error);

// Canonical text of a spec: "udp://239.1.1.1:1234?iface=127.0.0.1", "udp://:5000".
std::string formatUdpSpec(const UdpSpec& spec);

// Dotted-quad text of a host-order IPv4 address.
std::string formatIpv4(uint32_t address);

}  // namespace platform
