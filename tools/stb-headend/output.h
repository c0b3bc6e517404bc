#pragma once
// Where stb-headend's stream goes:
//   udp://ADDR:PORT[?iface=ADDR]  datagrams of seven TS packets (multicast or unicast)
//   rtp://ADDR:PORT[?iface=ADDR]  the same behind an RTP header (RFC 3550; payload
//                                 type 33, MPEG-2 TS, RFC 2250), 90 kHz timestamps
//   file:/PATH                    a regular file, created or truncated
//   fifo:/PATH                    a named pipe (made when missing); waits for a reader
//   -                             standard output, for a pipe into another tool
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "platform/udp_spec.h"

namespace tools::headend {

constexpr size_t kPacketsPerDatagram = 7;  // 1316 bytes: one datagram fits a 1500-byte MTU

struct OutputSpec {
  enum class Kind { kUdp, kRtp, kFile, kFifo, kStdout };
  Kind kind = Kind::kStdout;
  platform::UdpSpec udp;  // kUdp, kRtp
  std::string path;       // kFile, kFifo
};

// False with *error naming the spec and what is wrong with it.
bool parseOutputSpec(const std::string& text, OutputSpec* spec, std::string* error);

class Output {
 public:
  virtual ~Output() = default;
  // Whole 188-byte packets, at most kPacketsPerDatagram of them (one
  // datagram); `clock_90khz` is the stream time of the first (RTP only).
  // False with *error when the output is gone (reader closed, disk full).
  virtual bool write(const uint8_t* packets, size_t size, uint64_t clock_90khz,
                     std::string* error) = 0;
};

// nullptr with *error when the output cannot be opened.
std::unique_ptr<Output> openOutput(const OutputSpec& spec, int ttl, std::string* error);

// The 12-byte RTP header of a datagram (version 2, payload type 33).
void writeRtpHeader(uint16_t sequence, uint32_t timestamp, uint32_t ssrc, uint8_t out[12]);

}  // namespace tools::headend
