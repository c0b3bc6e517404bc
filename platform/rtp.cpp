#include "platform/rtp.h"

namespace platform {
namespace {

constexpr size_t kRtpFixedHeaderBytes = 12;
constexpr size_t kRtpExtensionHeaderBytes = 4;  // profile id (16 bits), length in words (16 bits)

bool looksLikeRtp(const uint8_t* datagram, size_t size) {
  if (size < 2 || datagram[0] == 0x47) return false;
  const bool version2 = (datagram[0] >> 6) == 2;
  const bool mp2t = (datagram[1] & 0x7f) == kRtpPayloadTypeMp2t;
  return version2 && mp2t;
}

TsPayload malformed() {
  return TsPayload{};
}

}  // namespace

TsPayload findTsPayload(const uint8_t* datagram, size_t size) {
  if (!looksLikeRtp(datagram, size)) return {TsPayload::Kind::kRawTs, 0, size};
  if (size < kRtpFixedHeaderBytes) return malformed();

  const bool has_padding = (datagram[0] & 0x20) != 0;
  const bool has_extension = (datagram[0] & 0x10) != 0;
  const size_t csrc_count = datagram[0] & 0x0f;

  size_t header = kRtpFixedHeaderBytes + 4 * csrc_count;
  if (header > size) return malformed();
  if (has_extension) {
    if (size - header < kRtpExtensionHeaderBytes) return malformed();
    const size_t words = static_cast<size_t>(datagram[header + 2]) << 8 | datagram[header + 3];
    header += kRtpExtensionHeaderBytes;
    if ((size - header) / 4 < words) return malformed();
    header += 4 * words;
  }
  size_t padding = 0;
  if (has_padding) {
    // The last byte counts the padding, itself included, so it is at least 1.
    padding = datagram[size - 1];
    if (padding == 0 || padding > size - header) return malformed();
  }
  return {TsPayload::Kind::kRtp, header, size - header - padding};
}

}  // namespace platform
