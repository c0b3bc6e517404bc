#include "dvb/tables/tdt.h"

#include "dvb/table_ids.h"

namespace dvb {

std::optional<Tdt> Tdt::decode(const Section& s, std::string* error) {
  if (s.tableId() != table_id::kTdt || s.longSyntax() || s.payloadSize() != 5) {
    if (error) *error = "not a 5-byte short TDT section";
    return std::nullopt;
  }
  const auto utc = decodeUtcTime(s.payload());
  if (!utc) {
    if (error) *error = "TDT UTC_time has invalid BCD";
    return std::nullopt;
  }
  return Tdt{*utc};
}

std::optional<Section> Tdt::encode() const {
  std::vector<uint8_t> payload(5);
  if (!encodeUtcTime(utc, payload.data())) return std::nullopt;
  return Section::makeShort(table_id::kTdt, payload, false);
}

}  // namespace dvb
