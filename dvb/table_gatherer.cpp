#include "dvb/table_gatherer.h"

namespace dvb {

bool TableGatherer::push(uint16_t pid, Section section) {
  if (!section.longSyntax() || !section.currentNext()) return false;
  const size_t count = size_t{section.lastNumber()} + 1;
  if (section.number() >= count) return false;  // section_number beyond last: malformed

  Collecting& c = tables_[Key{pid, section.tableId(), section.extension()}];
  if (c.version != section.version() || c.section_count != count) {
    c = Collecting{};
    c.version = section.version();
    c.section_count = count;
    c.slots.resize(count);
  }
  if (c.delivered || c.slots[section.number()]) return false;

  c.slots[section.number()] = std::move(section);
  if (++c.received < count) return true;

  std::vector<Section> sections;
  sections.reserve(count);
  for (auto& slot : c.slots) sections.push_back(std::move(*slot));
  c.slots.clear();
  c.delivered = true;
  on_table_(pid, sections);
  return true;
}

void TableGatherer::forgetPid(uint16_t pid) {
  auto it = tables_.lower_bound(Key{pid, 0, 0});
  while (it != tables_.end() && std::get<0>(it->first) == pid) it = tables_.erase(it);
}

}  // namespace dvb
