#pragma once
// One complete PSI/SI section, owned (ISO/IEC 13818-1, 2.4.4.10; EN 300 468, 5.1.2).
// Long-syntax sections carry table_id_extension, version, section numbers and
// a CRC_32; short ones carry only their payload (TOT adds its own CRC_32).
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace dvb {

constexpr size_t kMaxPsiSectionSize = 1024;      // PAT, PMT, NIT, SDT, TDT, TOT
constexpr size_t kMaxPrivateSectionSize = 4096;  // EIT and private sections

class Section {
 public:
  // Checks that the bytes hold exactly one section whose section_length
  // matches, with room for the long-syntax header and CRC when flagged.
  // Does not check the CRC (the assembler did, or the caller does).
  static std::optional<Section> fromBytes(std::vector<uint8_t> bytes, std::string* error);

  // Builders for encoders: fill in the header and, for long syntax, the CRC_32.
  static Section makeLong(uint8_t table_id, uint16_t extension, uint8_t version,
                          uint8_t section_number, uint8_t last_section_number,
                          const std::vector<uint8_t>& payload, bool private_indicator = false);
  // A short-syntax section (reserved_future_use bit set, as in TDT/TOT);
  // with_crc appends a CRC_32 (as the TOT does).
  static Section makeShort(uint8_t table_id, const std::vector<uint8_t>& payload, bool with_crc);

  uint8_t tableId() const { return bytes_[0]; }
  bool longSyntax() const { return bytes_[1] & 0x80; }
  size_t sectionLength() const { return ((bytes_[1] & 0x0F) << 8) | bytes_[2]; }
  // Long syntax only (0 otherwise).
  uint16_t extension() const { return longSyntax() ? (bytes_[3] << 8) | bytes_[4] : 0; }
  uint8_t version() const { return longSyntax() ? (bytes_[5] >> 1) & 0x1F : 0; }
  bool currentNext() const { return longSyntax() ? (bytes_[5] & 0x01) : true; }
  uint8_t number() const { return longSyntax() ? bytes_[6] : 0; }
  uint8_t lastNumber() const { return longSyntax() ? bytes_[7] : 0; }
  uint32_t crc() const;  // the CRC_32 field of a long section, 0 otherwise

  // The table body: after the header, before the CRC of a long section.
  // For a short section this runs to the end (a TOT's CRC is in it).
  const uint8_t* payload() const { return bytes_.data() + payloadOffset(); }
  size_t payloadSize() const { return bytes_.size() - payloadOffset() - (longSyntax() ? 4 : 0); }

  const std::vector<uint8_t>& bytes() const { return bytes_; }
  bool crcValid() const;  // recomputes; true for short sections

 private:
  explicit Section(std::vector<uint8_t> bytes) : bytes_(std::move(bytes)) {}
  size_t payloadOffset() const { return longSyntax() ? 8 : 3; }

  std::vector<uint8_t> bytes_;
};

}  // namespace dvb
