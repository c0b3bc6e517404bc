#include "tools/stb-probe/probe_sections.h"

#include <string>

#include "dvb/table_ids.h"

namespace tools {

bool splitSectionFile(const std::vector<uint8_t>& bytes, std::vector<dvb::Section>* sections) {
  size_t pos = 0;
  while (pos < bytes.size() && bytes[pos] != 0xFF) {
    if (bytes.size() - pos < 3) return false;
    const size_t length = 3 + (((bytes[pos + 1] & 0x0F) << 8) | bytes[pos + 2]);
    if (bytes.size() - pos < length) return false;
    std::string why;
    auto section = dvb::Section::fromBytes(
        std::vector<uint8_t>(bytes.begin() + static_cast<std::ptrdiff_t>(pos),
                             bytes.begin() + static_cast<std::ptrdiff_t>(pos + length)),
        &why);
    if (!section || (section->longSyntax() && !section->crcValid())) return false;
    sections->push_back(std::move(*section));
    pos += length;
  }
  for (; pos < bytes.size(); ++pos)
    if (bytes[pos] != 0xFF) return false;
  return !sections->empty();
}

uint16_t standardPidOf(uint8_t table_id) {
  namespace tid = dvb::table_id;
  if (table_id == tid::kPat) return dvb::pid::kPat;
  if (table_id == tid::kNitActual || table_id == tid::kNitOther) return dvb::pid::kNit;
  if (table_id == tid::kSdtActual || table_id == tid::kSdtOther) return dvb::pid::kSdt;
  if (table_id >= tid::kEitFirst && table_id <= tid::kEitLast) return dvb::pid::kEit;
  if (table_id == tid::kTdt || table_id == tid::kTot) return dvb::pid::kTdt;
  return 0xFFFF;
}

}  // namespace tools
