#include "dvb/tables/table_codec.h"

#include "dvb/decode_error.h"

namespace dvb {

bool checkTableSections(const std::vector<Section>& sections, const char* name, uint8_t table_id,
                        std::string* error, std::optional<uint8_t> other_table_id) {
  auto fail = [&](const std::string& why) {
    if (!name && error) *error = why;
    if (name) decodeError(error, name, why);
    return false;
  };
  if (sections.empty()) return fail("no sections");
  const uint8_t first = sections[0].tableId();
  if (first != table_id && (!other_table_id || first != *other_table_id))
    return fail("unexpected table_id");
  for (size_t i = 0; i < sections.size(); ++i) {
    const Section& s = sections[i];
    if (s.tableId() != first) return fail("sections of different tables mixed");
    if (!s.longSyntax()) return fail("section_syntax_indicator is 0");
    if (s.number() != i || s.lastNumber() + 1u != sections.size())
      return fail("section numbers out of order");
    if (s.extension() != sections[0].extension() || s.version() != sections[0].version())
      return fail("sections of different tables mixed");
  }
  return true;
}

std::vector<std::vector<uint8_t>> packPayloads(const std::vector<uint8_t>& prefix,
                                               const std::vector<std::vector<uint8_t>>& entries,
                                               size_t max_payload, PrefixFn prefix_of) {
  std::vector<std::vector<uint8_t>> payloads;
  std::vector<uint8_t> loop;
  auto flush = [&] {
    std::vector<uint8_t> payload = prefix_of ? prefix_of(prefix, loop.size()) : prefix;
    payload.insert(payload.end(), loop.begin(), loop.end());
    payloads.push_back(std::move(payload));
    loop.clear();
  };
  for (const auto& entry : entries) {
    if (!loop.empty() && prefix.size() + loop.size() + entry.size() > max_payload) flush();
    loop.insert(loop.end(), entry.begin(), entry.end());
  }
  flush();  // also emits one empty-loop section for an empty table
  return payloads;
}

std::vector<Section> makeTable(uint8_t table_id, uint16_t extension, uint8_t version,
                               const std::vector<std::vector<uint8_t>>& payloads,
                               bool private_indicator) {
  std::vector<Section> sections;
  const auto last = static_cast<uint8_t>(payloads.size() - 1);
  for (size_t i = 0; i < payloads.size(); ++i)
    sections.push_back(Section::makeLong(table_id, extension, version, static_cast<uint8_t>(i),
                                         last, payloads[i], private_indicator));
  return sections;
}

}  // namespace dvb
