#pragma once
// Sections -> complete tables, written once for every long-syntax table
// (the version / section_number / last_section_number logic that libdvbpsi
// pastes into each decoder). A table is keyed by PID, table_id and
// table_id_extension; it is delivered once when all its sections of one
// version are in, and again only when the version changes. Sections with
// current_next_indicator 0 are ignored; a change of last_section_number or
// of version restarts the collection.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <tuple>
#include <vector>

#include "dvb/section.h"

namespace dvb {

class TableGatherer {
 public:
  using OnTable = std::function<void(uint16_t pid, const std::vector<Section>& sections)>;

  explicit TableGatherer(OnTable on_table) : on_table_(std::move(on_table)) {}

  // Long-syntax sections only; returns false if the section was ignored as
  // a repetition of a table already delivered (useful for statistics).
  bool push(uint16_t pid, Section section);

  // Forget every table on PID (e.g. the PMT PID changed).
  void forgetPid(uint16_t pid);

 private:
  struct Collecting {
    uint8_t version = 0xFF;  // no valid version_number is 0xFF
    size_t section_count = 0;
    bool delivered = false;
    std::vector<std::optional<Section>> slots;  // by section_number; freed once delivered
    size_t received = 0;
  };
  using Key = std::tuple<uint16_t, uint8_t, uint16_t>;

  OnTable on_table_;
  std::map<Key, Collecting> tables_;
};

}  // namespace dvb
