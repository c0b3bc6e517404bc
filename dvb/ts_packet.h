#pragma once
// One 188-byte MPEG-2 transport stream packet (ISO/IEC 13818-1, 2.4.3.2),
// read with every length checked against the packet's bounds.
#include <cstddef>
#include <cstdint>
#include <optional>

namespace dvb {

constexpr size_t kTsPacketSize = 188;
constexpr uint8_t kTsSyncByte = 0x47;
constexpr uint16_t kNullPid = 0x1FFF;
constexpr uint16_t kPidCount = 0x2000;

struct TsHeader {
  uint16_t pid = 0;
  bool transport_error = false;  // transport_error_indicator
  bool payload_unit_start = false;
  uint8_t scrambling = 0;  // transport_scrambling_control
  bool has_adaptation = false;
  bool has_payload = false;
  uint8_t continuity_counter = 0;
  bool discontinuity = false;   // adaptation field discontinuity_indicator
  std::optional<uint64_t> pcr;  // 27 MHz units (base * 300 + extension)
  uint8_t payload_offset = 4;   // first payload byte; valid when has_payload
};

// Header of a packet that starts with 0x47. Returns nullopt when the
// adaptation field claims more bytes than the packet holds (a malformed
// packet must never reach the section layer).
std::optional<TsHeader> parseTsHeader(const uint8_t* packet);

// PID without a full parse: the hot path of PID filtering.
inline uint16_t tsPid(const uint8_t* packet) {
  return static_cast<uint16_t>(((packet[1] & 0x1F) << 8) | packet[2]);
}

}  // namespace dvb
