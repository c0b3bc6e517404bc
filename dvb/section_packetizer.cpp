#include "dvb/section_packetizer.h"

#include <algorithm>

#include "dvb/ts_packet.h"

namespace dvb {

void SectionPacketizer::startPacket(std::vector<uint8_t>* out, bool unit_start) {
  out->push_back(0x47);
  out->push_back(static_cast<uint8_t>((unit_start ? 0x40 : 0x00) | (pid_ >> 8)));
  out->push_back(static_cast<uint8_t>(pid_ & 0xFF));
  out->push_back(static_cast<uint8_t>(0x10 | cc_));  // payload only
  cc_ = (cc_ + 1) & 0x0F;
}

void SectionPacketizer::packetize(const std::vector<Section>& sections, std::vector<uint8_t>* out) {
  // Concatenate, remembering where each section starts.
  std::vector<uint8_t> data;
  std::vector<size_t> starts;
  for (const Section& s : sections) {
    starts.push_back(data.size());
    data.insert(data.end(), s.bytes().begin(), s.bytes().end());
  }
  size_t pos = 0, next_start = 0;
  while (pos < data.size()) {
    const size_t packet_begin = out->size();
    while (next_start < starts.size() && starts[next_start] < pos) ++next_start;
    // A section starting inside this packet's payload needs a pointer_field.
    const bool unit_start = next_start < starts.size() && starts[next_start] < pos + 183;
    startPacket(out, unit_start);
    if (unit_start) out->push_back(static_cast<uint8_t>(starts[next_start] - pos));
    const size_t room = packet_begin + kTsPacketSize - out->size();
    const size_t n = std::min(room, data.size() - pos);
    out->insert(out->end(), data.begin() + static_cast<std::ptrdiff_t>(pos),
                data.begin() + static_cast<std::ptrdiff_t>(pos + n));
    pos += n;
    out->resize(packet_begin + kTsPacketSize, 0xFF);
  }
}

void appendNullPacket(std::vector<uint8_t>* out) {
  const uint8_t header[4] = {0x47, 0x1F, 0xFF, 0x10};
  out->insert(out->end(), header, header + 4);
  out->resize(out->size() + kTsPacketSize - 4, 0xFF);
}

}  // namespace dvb
