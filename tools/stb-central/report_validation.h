#pragma once
// The body of POST /v1/reports, checked field by field (docs/central-api.md).
// Unknown fields are refused, so a misspelt optional field is never dropped
// silently.
#include <optional>
#include <string>

#include "tools/stb-central/ticket_store.h"

namespace tools::central {

struct ValidationError {
  std::string code;     // "invalid_json", "invalid_field", "missing_field", "unknown_field", ...
  std::string message;  // names the field
};

constexpr size_t kMaxJsonDepth = 32;

// *out filled on success; otherwise *problem says why (HTTP 400).
bool parseReport(const std::string& body, NewReport* out, ValidationError* problem);

// The return-visit answer {"fixed": bool, "score": 1..5}.
bool parseReturnVisit(const std::string& body, bool* fixed, int* score, ValidationError* problem);

// 8-4-4-4-12 hex digits; lower-cased into *normalized.
bool isUuid(const std::string& text, std::string* normalized);

// How deeply arrays/objects nest in JSON text (strings skipped), without
// parsing it: bounds the parser's work before it starts.
size_t jsonNestingDepth(const std::string& text);

}  // namespace tools::central
