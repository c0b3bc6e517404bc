#include "dvb/tables/tot.h"

#include "dvb/byte_reader.h"
#include "dvb/byte_writer.h"
#include "dvb/crc32.h"
#include "dvb/table_ids.h"

namespace dvb {

std::vector<LocalTimeOffset> Tot::localTimeOffsets(size_t* malformed) const {
  std::vector<LocalTimeOffset> out;
  for (const Descriptor& d : descriptors) {
    if (d.tag != LocalTimeOffsetDescriptor::kTag) continue;
    auto lto = LocalTimeOffsetDescriptor::decode(d);
    if (!lto) {
      if (malformed) ++*malformed;
      continue;
    }
    out.insert(out.end(), lto->entries.begin(), lto->entries.end());
  }
  return out;
}

std::optional<Tot> Tot::decode(const Section& s, std::string* error) {
  auto fail = [&](const char* why) {
    if (error) *error = why;
    return std::nullopt;
  };
  if (s.tableId() != table_id::kTot || s.longSyntax()) return fail("not a short TOT section");
  if (crc32Mpeg2(s.bytes().data(), s.bytes().size()) != 0) return fail("TOT CRC_32 mismatch");
  if (s.payloadSize() < 5 + 2 + 4) return fail("TOT too short");
  ByteReader r(s.payload(), s.payloadSize() - 4);  // CRC_32 excluded
  Tot tot;
  const auto utc = decodeUtcTime(r.bytes(5));
  if (!utc) return fail("TOT UTC_time has invalid BCD");
  tot.utc = *utc;
  if (!readDescriptorLoopWithLength(r, &tot.descriptors) || !r.atEnd())
    return fail("TOT descriptor loop does not fill the section");
  return tot;
}

std::optional<Section> Tot::encode() const {
  ByteWriter w;
  uint8_t utc_bytes[5];
  if (!encodeUtcTime(utc, utc_bytes)) return std::nullopt;
  w.bytes(utc_bytes, 5);
  writeDescriptorLoopWithLength(w, descriptors);
  return Section::makeShort(table_id::kTot, w.take(), true);
}

}  // namespace dvb
