#pragma once
// Sections -> 188-byte TS packets on one PID (ISO/IEC 13818-1, 2.4.4.2): a
// pointer_field in each packet where a section starts, sections packed back
// to back, 0xFF stuffing after the last one, continuity counter per PID.
// Used by the headend tools and by tests; the box only reads.
#include <cstdint>
#include <vector>

#include "dvb/section.h"

namespace dvb {

class SectionPacketizer {
 public:
  explicit SectionPacketizer(uint16_t pid) : pid_(pid) {}

  // Appends the packets carrying `sections` to *out. Each call starts a fresh
  // packet; sections within one call share packets.
  void packetize(const std::vector<Section>& sections, std::vector<uint8_t>* out);

  uint16_t pid() const { return pid_; }

 private:
  void startPacket(std::vector<uint8_t>* out, bool unit_start);

  uint16_t pid_;
  uint8_t cc_ = 0;
};

// One null packet (PID 0x1FFF), for padding a stream to a bitrate.
void appendNullPacket(std::vector<uint8_t>* out);

}  // namespace dvb
