#pragma once
// Sources of transport-stream bytes: a file, or UDP (multicast or unicast,
// with or without RTP). Every source is a non-blocking file descriptor that
// one event loop can poll; packet framing is dvb::TsFramer's job.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace platform {

struct ReadResult {
  // kData with bytes == 0 is possible: a datagram that carried no usable TS
  // (empty, or a malformed RTP header) was read and dropped.
  // kEnd: the end of a file; never for UDP.
  // kError: the source is broken (an I/O error); error says why.
  enum class Status { kData, kWouldBlock, kEnd, kError };
  Status status = Status::kError;
  size_t bytes = 0;   // valid when status == kData
  std::string error;  // set when status == kError
};

class TsSource {
 public:
  virtual ~TsSource() = default;
  // Poll this for POLLIN.
  virtual int fd() const = 0;
  // Reads what is available now into buf (never blocks). For UDP, one call
  // returns the TS payload of one datagram (RTP header removed).
  virtual ReadResult read(uint8_t* buf, size_t capacity) = 0;
  // Human-readable name for logs ("file test.ts",
  // "udp://239.1.1.1:1234 (multicast, receive buffer 6250000 bytes)").
  virtual std::string describe() const = 0;
};

// Opens SPEC: a file path, "udp://GROUP:PORT" (multicast when GROUP is a
// multicast address, joined with IGMP), "udp://:PORT" or "udp://@:PORT" for
// unicast on every interface, optionally "udp://GROUP:PORT?iface=ADDR".
// Returns nullptr and sets *error when it cannot be opened.
std::unique_ptr<TsSource> openTsSource(const std::string& spec, std::string* error);

}  // namespace platform
