#include "tools/stb-central/report_validation.h"

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <set>
#include <vector>

namespace tools::central {
namespace {

using nlohmann::json;

bool problem(ValidationError* p, const char* code, const std::string& message) {
  *p = ValidationError{code, message};
  return false;
}

// A JSON object with exactly the expected members, parsed with a depth bound.
// A key repeated in one object is refused: nlohmann keeps the last one
// silently, so {"box_id":"A","box_id":"B"} would be read as a report that
// another reader of the same bytes sees differently.
bool parseObject(const std::string& body, json* doc, ValidationError* p) {
  if (jsonNestingDepth(body) > kMaxJsonDepth)
    return problem(p, "invalid_json",
                   "JSON nested deeper than " + std::to_string(kMaxJsonDepth) + " levels");
  std::vector<std::set<std::string>> open_objects;
  std::optional<std::string> repeated;
  const json::parser_callback_t seen = [&](int, json::parse_event_t event, json& parsed) {
    if (event == json::parse_event_t::object_start) {
      open_objects.emplace_back();
    } else if (event == json::parse_event_t::object_end) {
      if (!open_objects.empty()) open_objects.pop_back();
    } else if (event == json::parse_event_t::key && !open_objects.empty() && !repeated &&
               !open_objects.back().insert(parsed.get<std::string>()).second) {
      repeated = parsed.get<std::string>();
    }
    return true;
  };
  *doc = json::parse(body, seen, false);
  if (doc->is_discarded()) return problem(p, "invalid_json", "the body is not valid JSON");
  if (repeated)
    return problem(p, "duplicate_field", "key " + json(*repeated).dump() + " is repeated");
  if (!doc->is_object()) return problem(p, "invalid_json", "the body must be a JSON object");
  return true;
}

bool allChars(const std::string& s, bool (*ok)(char)) {
  return std::all_of(s.begin(), s.end(), ok);
}
bool isIdChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.';
}
bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

// A required (or optional) string member, length-bounded and made of `ok` characters.
bool stringField(const json& doc, const char* name, bool required, size_t min, size_t max,
                 bool (*ok)(char), std::optional<std::string>* out, ValidationError* p) {
  const auto it = doc.find(name);
  if (it == doc.end()) {
    if (required) return problem(p, "missing_field", std::string(name) + " is required");
    out->reset();
    return true;
  }
  if (!it->is_string()) return problem(p, "invalid_field", std::string(name) + " must be a string");
  const std::string& v = it->get_ref<const std::string&>();
  if (v.size() < min || v.size() > max || !allChars(v, ok))
    return problem(p, "invalid_field",
                   std::string(name) + " must be " + std::to_string(min) + " to " +
                       std::to_string(max) + " allowed characters");
  *out = v;
  return true;
}

}  // namespace

size_t jsonNestingDepth(const std::string& text) {
  size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '[' || c == '{')
      deepest = std::max(deepest, ++depth);
    else if ((c == ']' || c == '}') && depth > 0)
      --depth;
  }
  return deepest;
}

bool isUuid(const std::string& text, std::string* normalized) {
  if (text.size() != 36) return false;
  std::string out = text;
  for (size_t i = 0; i < out.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? out[i] != '-' : !std::isxdigit(static_cast<unsigned char>(out[i]))) return false;
    out[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(out[i])));
  }
  if (normalized) *normalized = out;
  return true;
}

bool parseReport(const std::string& body, NewReport* out, ValidationError* p) {
  json doc;
  if (!parseObject(body, &doc, p)) return false;
  static const char* kFields[] = {"report_id",    "box_id",   "smartcard_id",
                                  "area_code",    "category", "callback_phone",
                                  "visit_period", "created",  "diagnostics"};
  for (auto it = doc.begin(); it != doc.end(); ++it) {
    if (it.key() == "return_visit")
      return problem(p, "field_not_allowed",
                     "return_visit is answered with POST /v1/tickets/{ticket}/return-visit");
    if (std::none_of(std::begin(kFields), std::end(kFields),
                     [&](const char* f) { return it.key() == f; }))
      return problem(p, "unknown_field", "unknown field " + json(it.key()).dump());
  }
  std::optional<std::string> v;
  NewReport r;
  if (!stringField(
          doc, "report_id", true, 36, 36, [](char) { return true; }, &v, p))
    return false;
  if (!isUuid(*v, &r.report_id)) return problem(p, "invalid_field", "report_id must be a UUID");
  if (!stringField(doc, "box_id", true, 1, 64, isIdChar, &v, p)) return false;
  r.box_id = *v;
  if (!stringField(doc, "smartcard_id", true, 1, 32, isIdChar, &v, p)) return false;
  r.smartcard_id = *v;
  if (!stringField(doc, "area_code", true, 1, 32, isIdChar, &v, p)) return false;
  r.area_code = *v;
  if (!stringField(doc, "category", true, 1, 32, isIdChar, &v, p)) return false;
  if (!isReportCategory(*v))
    return problem(p, "invalid_field", "category " + json(*v).dump() + " is not one of the list");
  r.category = *v;
  if (!stringField(doc, "callback_phone", false, 5, 20, isDigit, &r.callback_phone, p))
    return false;
  if (!stringField(doc, "visit_period", false, 1, 16, isIdChar, &r.visit_period, p)) return false;
  if (r.visit_period && *r.visit_period != "morning" && *r.visit_period != "afternoon" &&
      *r.visit_period != "evening" && *r.visit_period != "any")
    return problem(p, "invalid_field", "visit_period must be morning, afternoon, evening or any");
  if (!stringField(
          doc, "created", true, 20, 30, [](char) { return true; }, &v, p))
    return false;
  const auto created = parseReportTime(*v);
  if (!created)
    return problem(p, "invalid_field", "created must be UTC ISO 8601, e.g. 2026-11-30T08:15:00Z");
  r.created = *created;
  const auto diag = doc.find("diagnostics");
  if (diag == doc.end()) return problem(p, "missing_field", "diagnostics is required");
  if (!diag->is_object()) return problem(p, "invalid_field", "diagnostics must be an object");
  r.diagnostics_json = diag->dump();
  r.canonical_json = doc.dump();
  r.raw_body = body;
  *out = std::move(r);
  return true;
}

bool parseReturnVisit(const std::string& body, bool* fixed, int* score, ValidationError* p) {
  json doc;
  if (!parseObject(body, &doc, p)) return false;
  for (auto it = doc.begin(); it != doc.end(); ++it)
    if (it.key() != "fixed" && it.key() != "score")
      return problem(p, "unknown_field", "unknown field " + json(it.key()).dump());
  const auto f = doc.find("fixed");
  if (f == doc.end()) return problem(p, "missing_field", "fixed is required");
  if (!f->is_boolean()) return problem(p, "invalid_field", "fixed must be true or false");
  const auto s = doc.find("score");
  if (s == doc.end()) return problem(p, "missing_field", "score is required");
  if (!s->is_number_integer() || s->get<int64_t>() < 1 || s->get<int64_t>() > 5)
    return problem(p, "invalid_field", "score must be an integer from 1 to 5");
  *fixed = f->get<bool>();
  *score = s->get<int>();
  return true;
}

}  // namespace tools::central
