#pragma once
// Finds the transport-stream payload of a UDP datagram that may carry an RTP
// header (RFC 3550, 5.1; MPEG-2 TS as payload type 33, RFC 2250, 2).
#include <cstddef>
#include <cstdint>

namespace platform {

constexpr uint8_t kRtpPayloadTypeMp2t = 33;

struct TsPayload {
  enum class Kind {
    kRawTs,      // no RTP header: the whole datagram is the payload
    kRtp,        // an RTP header (CSRCs, extension, padding) was removed
    kMalformed,  // looks like RTP but its lengths do not fit the datagram
  };
  Kind kind = Kind::kMalformed;
  size_t offset = 0;  // payload bytes are datagram[offset, offset + size)
  size_t size = 0;
};

// A datagram is taken for RTP when its version bits are 2, its payload type
// is 33 and it does not start with the TS sync byte 0x47. Every length read
// from the header is checked against `size`.
TsPayload findTsPayload(const uint8_t* datagram, size_t size);

}  // namespace platform
