#include "dvb/tables/tot.h"

#include "dvb/byte_reader.h"
#include "dvb/byte_writer.h"
#include "dvb/crc32.h"
#include "dvb/decode_error.h"
#include "dvb/table_ids.h"

namespace dvb {

std::vector<LocalTimeOffset> Tot::localTimeOffsets(size_t* malformed) const {
  std::vector<LocalTimeOffset> out;
  for (const Descriptor& d : descriptors) {
    if (d.tag != LocalTimeOffsetDescriptor::kTag) continue;
    auto lto = LocalTimeOffsetDescriptor::decode(d, nullptr);
    if (!lto) {
      if (malformed) ++*malformed;
      continue;
    }
    out.insert(out.end(), lto->entries.begin(), lto->entries.end());
  }
  return out;
}

// ---- decode -----------------------------------------------------------------
std::optional<Tot> Tot::decode(const std::vector<Section>& sections, std::string* error) {
  if (sections.size() != 1) return decodeError(error, "TOT", "not exactly one section");
  const Section& s = sections[0];
  if (s.tableId() != table_id::kTot || s.longSyntax())
    return decodeError(error, "TOT", "not a short section with table_id 0x73");
  if (crc32Mpeg2(s.bytes().data(), s.bytes().size()) != 0)
    return decodeError(error, "TOT", "CRC_32 mismatch");
  if (s.payloadSize() < 5 + 2 + 4) return decodeError(error, "TOT", "section too short");
  ByteReader r(s.payload(), s.payloadSize() - 4);  // CRC_32 excluded
  Tot tot;
  const auto utc = decodeUtcTime(r.bytes(5));
  if (!utc) return decodeError(error, "TOT", "UTC_time has invalid BCD");
  tot.utc = *utc;
  if (!readDescriptorLoopWithLength(r, &tot.descriptors) || !r.atEnd())
    return decodeError(error, "TOT", "descriptor loop does not fill the section");
  return tot;
}

// ---- encode -----------------------------------------------------------------
std::vector<Section> Tot::encode() const {
  ByteWriter w;
  uint8_t utc_bytes[5];
  if (!encodeUtcTime(utc, utc_bytes)) return {};
  w.bytes(utc_bytes, 5);
  writeDescriptorLoopWithLength(w, descriptors);
  return {Section::makeShort(table_id::kTot, w.take(), true)};
}

// ---- describe ---------------------------------------------------------------
std::string Tot::describe() const {
  std::string out = "TOT " + formatIso8601(utc) + "\n";
  for (const Descriptor& d : descriptors) {
    if (d.tag != LocalTimeOffsetDescriptor::kTag) continue;
    std::string why;
    const auto lto = LocalTimeOffsetDescriptor::decode(d, &why);
    if (!lto) {
      out += "  " + why + "\n";
      continue;
    }
    for (const LocalTimeOffset& e : lto->entries) out += "  " + e.describe() + "\n";
  }
  return out;
}

}  // namespace dvb
