#include "dvb/ts_packet.h"

namespace dvb {

std::optional<TsHeader> parseTsHeader(const uint8_t* p) {
  TsHeader h;
  h.transport_error = p[1] & 0x80;
  h.payload_unit_start = p[1] & 0x40;
  h.pid = tsPid(p);
  h.scrambling = static_cast<uint8_t>(p[3] >> 6);
  h.has_adaptation = p[3] & 0x20;
  h.has_payload = p[3] & 0x10;
  h.continuity_counter = p[3] & 0x0F;
  if (!h.has_adaptation) return h;

  const uint8_t length = p[4];
  // 2.4.3.4: 0..182 with a payload, exactly 183 without one.
  if (length > (h.has_payload ? 182 : 183)) return std::nullopt;
  h.payload_offset = static_cast<uint8_t>(5 + length);
  if (length == 0) return h;
  const uint8_t flags = p[5];
  h.discontinuity = flags & 0x80;
  if ((flags & 0x10) && length >= 7) {  // PCR_flag: 33-bit base, 6 reserved, 9-bit extension
    const uint64_t base = (uint64_t{p[6]} << 25) | (uint64_t{p[7]} << 17) | (uint64_t{p[8]} << 9) |
                          (uint64_t{p[9]} << 1) | (p[10] >> 7);
    const uint64_t ext = (uint64_t(p[10] & 0x01) << 8) | p[11];
    h.pcr = base * 300 + ext;
  }
  return h;
}

}  // namespace dvb
