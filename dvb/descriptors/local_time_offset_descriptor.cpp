#include "dvb/descriptors/local_time_offset_descriptor.h"

#include <cstdio>
#include <cstdlib>

#include "dvb/decode_error.h"

namespace dvb {
namespace {

constexpr const char* kName = "local_time_offset_descriptor";
constexpr size_t kEntrySize = 13;

std::optional<int> bcdMinutes(uint16_t hhmm) {
  const auto h = fromBcd(static_cast<uint8_t>(hhmm >> 8));
  const auto m = fromBcd(static_cast<uint8_t>(hhmm & 0xFF));
  if (!h || !m || *m > 59) return std::nullopt;
  return *h * 60 + *m;
}

uint16_t toBcdMinutes(int minutes) {
  return static_cast<uint16_t>((toBcd(minutes / 60) << 8) | toBcd(minutes % 60));
}

bool isCountryLetter(uint8_t c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

std::string offsetText(int minutes) {
  const int a = std::abs(minutes);
  char text[16];
  std::snprintf(text, sizeof text, "%c%02d:%02d", minutes < 0 ? '-' : '+', a / 60, a % 60);
  return text;
}

}  // namespace

// ---- decode -----------------------------------------------------------------
std::optional<LocalTimeOffsetDescriptor> LocalTimeOffsetDescriptor::decode(const Descriptor& d,
                                                                           std::string* error) {
  if (d.tag != kTag) return decodeError(error, kName, "tag is not 0x58");
  if (d.data.size() % kEntrySize != 0)
    return decodeError(error, kName,
                       "length " + std::to_string(d.data.size()) + " is not a multiple of 13");
  LocalTimeOffsetDescriptor out;
  ByteReader r(d.data.data(), d.data.size());
  while (r.ok() && !r.atEnd()) {
    const std::string entry = "entry " + std::to_string(out.entries.size() + 1) + ": ";
    LocalTimeOffset e;
    const uint8_t* cc = r.bytes(3);
    const uint8_t region = r.u8();
    const auto offset = bcdMinutes(r.u16());
    const uint8_t* change = r.bytes(5);
    const auto next = bcdMinutes(r.u16());
    if (!r.ok() || !offset || !next)
      return decodeError(error, kName, entry + "offset has invalid BCD");
    if (!isCountryLetter(cc[0]) || !isCountryLetter(cc[1]) || !isCountryLetter(cc[2]))
      return decodeError(error, kName, entry + "country_code is not three letters");
    const auto when = decodeUtcTime(change);
    if (!when) return decodeError(error, kName, entry + "time_of_change has invalid BCD");
    const int sign = (region & 0x01) ? -1 : 1;  // local_time_offset_polarity: 1 = west
    e.country_code.assign(reinterpret_cast<const char*>(cc), 3);
    e.country_region_id = static_cast<uint8_t>(region >> 2);
    e.offset_minutes = sign * *offset;
    e.time_of_change = *when;
    e.next_offset_minutes = sign * *next;
    out.entries.push_back(std::move(e));
  }
  return out;
}

// ---- encode -----------------------------------------------------------------
std::optional<Descriptor> LocalTimeOffsetDescriptor::encode() const {
  ByteWriter w;
  for (const LocalTimeOffset& e : entries) {
    // One polarity bit covers both offsets, so they must share a sign.
    const bool west = e.offset_minutes < 0 || e.next_offset_minutes < 0;
    const int now = std::abs(e.offset_minutes), next = std::abs(e.next_offset_minutes);
    if (e.country_code.size() != 3 || now > 99 * 60 + 59 || next > 99 * 60 + 59 ||
        (west && (e.offset_minutes > 0 || e.next_offset_minutes > 0)))
      return std::nullopt;
    uint8_t change[5];
    if (!encodeUtcTime(e.time_of_change, change)) return std::nullopt;
    w.bytes(reinterpret_cast<const uint8_t*>(e.country_code.data()), 3);
    w.u8(static_cast<uint8_t>((e.country_region_id << 2) | 0x02 | (west ? 1 : 0)));
    w.u16(toBcdMinutes(now));
    w.bytes(change, 5);
    w.u16(toBcdMinutes(next));
  }
  if (w.size() > 255) return std::nullopt;
  return Descriptor{kTag, w.take()};
}

// ---- describe ---------------------------------------------------------------
std::string LocalTimeOffset::describe() const {
  return country_code + " region " + std::to_string(country_region_id) + " offset " +
         offsetText(offset_minutes) + ", from " + formatIso8601(time_of_change) + " " +
         offsetText(next_offset_minutes);
}

std::string LocalTimeOffsetDescriptor::describe() const {
  std::string out;
  for (const LocalTimeOffset& e : entries) out += (out.empty() ? "" : "; ") + e.describe();
  return out;
}

}  // namespace dvb
