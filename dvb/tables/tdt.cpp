#include "dvb/tables/tdt.h"

#include "dvb/decode_error.h"
#include "dvb/table_ids.h"

namespace dvb {

// ---- decode -----------------------------------------------------------------
std::optional<Tdt> Tdt::decode(const std::vector<Section>& sections, std::string* error) {
  if (sections.size() != 1) return decodeError(error, "TDT", "not exactly one section");
  const Section& s = sections[0];
  if (s.tableId() != table_id::kTdt || s.longSyntax() || s.payloadSize() != 5)
    return decodeError(error, "TDT", "not a 5-byte short section with table_id 0x70");
  const auto utc = decodeUtcTime(s.payload());
  if (!utc) return decodeError(error, "TDT", "UTC_time has invalid BCD");
  return Tdt{*utc};
}

// ---- encode -----------------------------------------------------------------
std::vector<Section> Tdt::encode() const {
  std::vector<uint8_t> payload(5);
  if (!encodeUtcTime(utc, payload.data())) return {};
  return {Section::makeShort(table_id::kTdt, payload, false)};
}

// ---- describe ---------------------------------------------------------------
std::string Tdt::describe() const {
  return "TDT " + formatIso8601(utc) + "\n";
}

}  // namespace dvb
