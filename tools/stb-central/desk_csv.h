#pragma once
// The charter dashboard as CSV (RFC 4180: CRLF line ends, a field quoted
// when it holds a comma, a quote, CR or LF, quotes doubled). One header line,
// then a row for the whole operator ("all"), each area and each worker.
#include <string>
#include <vector>

#include "tools/stb-central/desk_dashboard.h"

namespace tools::central {

// FIELD as one RFC 4180 field.
std::string csvField(const std::string& field);
// FIELDS as one record, CRLF included.
std::string csvRecord(const std::vector<std::string>& fields);

// Columns: period_from, period_to (ISO 8601 UTC), scope (all | area |
// worker), key, then for each rate its met, total and percent (one decimal,
// empty when there is nothing to count), satisfaction_count,
// satisfaction_mean (two decimals, empty without answers), complaints.
std::string dashboardCsv(const Dashboard& dashboard);

}  // namespace tools::central
