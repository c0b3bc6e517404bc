#pragma once
// Shared by every multi-section table: checks that a gathered set of sections
// is one consistent table, and packs encoded loop entries into sections.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dvb/section.h"

namespace dvb {

// All sections carry table_id (or, when given, other_table_id: the "other"
// flavour of NIT/SDT), one extension and one version, numbered 0..n-1.
// Errors are worded as decodeError() words them, under `name` ("PAT", ...).
bool checkTableSections(const std::vector<Section>& sections, const char* name, uint8_t table_id,
                        std::string* error, std::optional<uint8_t> other_table_id = {});
// The same with the bare reason, for the signed objects, which prefix their own.
inline bool checkTableSections(const std::vector<Section>& sections, uint8_t table_id,
                               std::string* error) {
  return checkTableSections(sections, nullptr, table_id, error);
}

// Splits `entries` (each an encoded loop item) into section payloads of at
// most max_payload bytes, each starting with `prefix` (the fixed part that
// repeats in every section). `prefix_of` lets a table patch the prefix per
// section (e.g. a loop length); it receives the entries' byte count.
using PrefixFn = std::vector<uint8_t> (*)(const std::vector<uint8_t>& prefix, size_t loop_bytes);
std::vector<std::vector<uint8_t>> packPayloads(const std::vector<uint8_t>& prefix,
                                               const std::vector<std::vector<uint8_t>>& entries,
                                               size_t max_payload, PrefixFn prefix_of = nullptr);

// Wraps payloads as long sections numbered 0..n-1.
std::vector<Section> makeTable(uint8_t table_id, uint16_t extension, uint8_t version,
                               const std::vector<std::vector<uint8_t>>& payloads,
                               bool private_indicator);

// Long-section payload capacity for a section limited to max_section bytes.
constexpr size_t payloadCapacity(size_t max_section) {
  return max_section - 12;
}

}  // namespace dvb
