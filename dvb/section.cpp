#include "dvb/section.h"

#include "dvb/byte_writer.h"
#include "dvb/crc32.h"

namespace dvb {

std::optional<Section> Section::fromBytes(std::vector<uint8_t> bytes, std::string* error) {
  if (bytes.size() < 3) {
    if (error) *error = "section shorter than its 3-byte header";
    return std::nullopt;
  }
  const size_t length = ((bytes[1] & 0x0F) << 8) | bytes[2];
  if (length + 3 != bytes.size()) {
    if (error)
      *error = "section_length " + std::to_string(length) + " does not match " +
               std::to_string(bytes.size()) + " bytes";
    return std::nullopt;
  }
  if ((bytes[1] & 0x80) && length < 9) {  // 5 header bytes + CRC_32
    if (error) *error = "long-syntax section too short: section_length " + std::to_string(length);
    return std::nullopt;
  }
  return Section(std::move(bytes));
}

Section Section::makeLong(uint8_t table_id, uint16_t extension, uint8_t version,
                          uint8_t section_number, uint8_t last_section_number,
                          const std::vector<uint8_t>& payload, bool private_indicator) {
  ByteWriter w;
  w.u8(table_id);
  w.u16(static_cast<uint16_t>(0xB000 | (private_indicator ? 0x4000 : 0)));
  w.u16(extension);
  w.u8(static_cast<uint8_t>(0xC0 | ((version & 0x1F) << 1) | 0x01));
  w.u8(section_number);
  w.u8(last_section_number);
  w.bytes(payload);
  w.patchLength12(1, w.size() + 4 - 3);
  w.u32(crc32Mpeg2(w.data().data(), w.size()));
  return Section(w.take());
}

Section Section::makeShort(uint8_t table_id, const std::vector<uint8_t>& payload, bool with_crc) {
  ByteWriter w;
  w.u8(table_id);
  w.u16(0x7000);
  w.bytes(payload);
  w.patchLength12(1, w.size() + (with_crc ? 4 : 0) - 3);
  if (with_crc) w.u32(crc32Mpeg2(w.data().data(), w.size()));
  return Section(w.take());
}

uint32_t Section::crc() const {
  if (!longSyntax()) return 0;
  const uint8_t* p = bytes_.data() + bytes_.size() - 4;
  return (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
}

bool Section::crcValid() const {
  if (!longSyntax()) return true;
  return crc32Mpeg2(bytes_.data(), bytes_.size()) == 0;
}

}  // namespace dvb
