#include "stb/central_reply.h"

#include <cjson/cJSON.h>

#include <cctype>
#include <memory>
#include <set>

#include "dvb/mjd_time.h"
#include "stb/clean_text.h"

namespace stb {
namespace {

struct JsonDelete {
  void operator()(cJSON* j) const { cJSON_Delete(j); }
};
using Json = std::unique_ptr<cJSON, JsonDelete>;

// What cJSON lets through in strings and must not: it reads a \u escape
// with non-hex digits as U+0000, and its strings end at a U+0000 (escaped or
// raw), so "acc\u00zzepted" would silently read as "acc". JSON allows no
// raw control characters in strings either.
bool stringsAreSound(const std::string& body, std::string* error) {
  bool in_string = false;
  for (size_t i = 0; i < body.size(); ++i) {
    const auto c = static_cast<unsigned char>(body[i]);
    if (!in_string) {
      in_string = c == '"';
      continue;
    }
    if (c == '"') {
      in_string = false;
    } else if (c < 0x20) {
      *error = "the answer has a control character in a string (at byte " + std::to_string(i) + ")";
      return false;
    } else if (c == '\\' && i + 1 < body.size()) {
      if (body[++i] != 'u') continue;
      bool hex = i + 4 < body.size(), zero = true;
      for (size_t k = 1; hex && k <= 4; ++k) {
        hex = std::isxdigit(static_cast<unsigned char>(body[i + k])) != 0;
        zero = zero && body[i + k] == '0';
      }
      if (!hex || zero) {
        *error = std::string("the answer has ") +
                 (hex ? "\\u0000" : "a \\u escape without 4 hex digits") +
                 " in a string (at byte " + std::to_string(i - 1) + ")";
        return false;
      }
      i += 4;
    }
  }
  return true;
}

// The whole body as one JSON value (nothing but white space after it).
Json parse(const std::string& body, std::string* error) {
  if (!stringsAreSound(body, error)) return nullptr;
  const char* end = nullptr;
  Json doc(cJSON_ParseWithLengthOpts(body.data(), body.size(), &end, false));
  if (!doc) {
    const size_t at = end && end >= body.data() ? static_cast<size_t>(end - body.data()) : 0;
    *error = body.empty() ? "the answer is empty"
                          : "the answer is not valid JSON (at byte " + std::to_string(at) + " of " +
                                std::to_string(body.size()) + ")";
    return nullptr;
  }
  for (size_t i = static_cast<size_t>(end - body.data()); i < body.size(); ++i) {
    if (!std::isspace(static_cast<unsigned char>(body[i]))) {
      *error = "the answer has data after its JSON value (at byte " + std::to_string(i) + ")";
      return nullptr;
    }
  }
  return doc;
}

// An object whose member names are all different: cJSON would silently read
// the first of two "deadline"s, another reader the last.
bool isPlainObject(const cJSON* doc, std::string* error) {
  if (!cJSON_IsObject(doc)) {
    *error = "the answer is not a JSON object";
    return false;
  }
  std::set<std::string> names;
  for (const cJSON* m = doc->child; m; m = m->next) {
    if (m->string && !names.insert(m->string).second) {
      *error = std::string("member \"") + m->string + "\" is repeated";
      return false;
    }
  }
  return true;
}

// Member NAME as a string: absent leaves *out alone and is an error only
// when REQUIRED; any other type, or text that is not clean, is an error.
bool stringMember(const cJSON* doc, const char* name, bool required, std::string* out,
                  std::string* error) {
  const cJSON* m = cJSON_GetObjectItemCaseSensitive(doc, name);
  if (!m) {
    if (required) *error = std::string("member \"") + name + "\" is missing";
    return !required;
  }
  if (!cJSON_IsString(m) || !m->valuestring) {
    *error = std::string("member \"") + name + "\" is not a string";
    return false;
  }
  if (firstUncleanByte(m->valuestring) != std::string::npos) {
    *error = std::string("member \"") + name + "\" is not clean UTF-8 text";
    return false;
  }
  *out = m->valuestring;
  return true;
}

// TEXT (clean UTF-8) cut to at most MAX bytes at a character boundary,
// "..." marking a cut: what the answer said, without flooding the log.
std::string shortText(const std::string& text, size_t max) {
  if (text.size() <= max) return text;
  size_t end = max;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return text.substr(0, end) + "...";
}

// "NAME \"VALUE\"" for an error, VALUE cut short.
std::string named(const char* name, const std::string& value) {
  return std::string(name) + " \"" + shortText(value, 40) + "\"";
}

bool isIdentifier(const std::string& s, size_t max) {
  if (s.empty() || s.size() > max) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-')
      return false;
  return true;
}

bool bad(std::string* error, const std::string& why) {
  *error = why;
  return false;
}

constexpr const char* kCharterCategories[] = {"general_fault", "major_fault", "new_installation",
                                              "service_restoration", "complaint"};

// The answer's "charter_category": one of the charter's codes, or empty
// and *NOTE saying what was left out.
std::string charterCategory(const cJSON* doc, std::string* note) {
  const cJSON* m = cJSON_GetObjectItemCaseSensitive(doc, "charter_category");
  if (!m || cJSON_IsNull(m)) return "";
  std::string why;
  if (!cJSON_IsString(m) || !m->valuestring)
    why = "charter_category is not a string";
  else if (firstUncleanByte(m->valuestring) != std::string::npos)
    why = "charter_category is not clean UTF-8 text";
  else if (isCharterCategory(m->valuestring))
    return m->valuestring;
  else
    why = named("charter_category", m->valuestring) + " is not one of the charter's categories";
  if (note) *note = why + "; not shown";
  return "";
}

}  // namespace

bool isCharterCategory(const std::string& code) {
  for (const char* c : kCharterCategories)
    if (code == c) return true;
  return false;
}

std::optional<std::string> wholeSecondUtc(const std::string& text) {
  const std::optional<dvb::UtcSeconds> t = dvb::parseIso8601(text, dvb::IsoFraction::kDropped);
  if (!t) return std::nullopt;
  return dvb::formatIso8601(*t);
}

std::optional<TicketInfo> parseTicketReply(const std::string& body, ReplyKind kind,
                                           std::string* error, std::string* note) {
  std::string why;
  const Json doc = parse(body, &why);
  TicketInfo info;
  std::string deadline;
  const bool ok =
      doc && isPlainObject(doc.get(), &why) &&
      stringMember(doc.get(), "status", true, &info.status, &why) &&
      stringMember(doc.get(), "deadline", kind == ReplyKind::kReport, &deadline, &why) &&
      stringMember(doc.get(), "severity", false, &info.severity, &why) &&
      stringMember(doc.get(), "category", false, &info.category, &why) &&
      stringMember(doc.get(), "hotline", false, &info.hotline, &why) &&
      (kind != ReplyKind::kReport || stringMember(doc.get(), "ticket", true, &info.ticket, &why));
  if (!ok) {
    *error = why;
    return std::nullopt;
  }
  bool valid = true;
  if (kind == ReplyKind::kReport && !isIdentifier(info.ticket, 64))
    valid = bad(&why, named("ticket", info.ticket) + " is not 1-64 of A-Z a-z 0-9 . _ -");
  else if (info.status != "accepted" && info.status != "technician_assigned" &&
           info.status != "resolved" && info.status != "closed")
    valid = bad(&why, named("status", info.status) + " is not one of the API's");
  else if (deadline.empty() && kind == ReplyKind::kPoll)
    ;  // a poll without one keeps the deadline the ticket had
  else if (const auto whole = wholeSecondUtc(deadline))
    info.deadline = *whole;
  else
    valid = bad(&why, named("deadline", deadline) + " is not a UTC time");
  if (valid && !info.severity.empty() && info.severity != "general" && info.severity != "major")
    valid = bad(&why, named("severity", info.severity) + " is neither general nor major");
  if (valid && !info.category.empty() && !isIdentifier(info.category, 32))
    valid = bad(&why, named("category", info.category) + " is not a category code");
  if (valid && info.hotline.size() > 32) valid = bad(&why, "hotline is longer than 32 bytes");
  if (!valid) {
    *error = why;
    return std::nullopt;
  }
  info.charter_category = charterCategory(doc.get(), note);
  return info;
}

ErrorReply parseErrorReply(const std::string& body) {
  ErrorReply out;
  std::string ignored;
  const Json doc = parse(body, &ignored);
  if (!doc || !cJSON_IsObject(doc.get())) return out;
  out.json_ok = true;
  if (!stringMember(doc.get(), "error", false, &out.code, &ignored)) out.code.clear();
  if (!stringMember(doc.get(), "message", false, &out.message, &ignored)) out.message.clear();
  out.code = shortText(out.code, 64);
  out.message = shortText(out.message, 200);
  return out;
}

std::optional<std::string> jsonStringMember(const std::string& json, const std::string& name) {
  std::string ignored;
  const Json doc = parse(json, &ignored);
  if (!doc || !cJSON_IsObject(doc.get())) return std::nullopt;
  const cJSON* m = cJSON_GetObjectItemCaseSensitive(doc.get(), name.c_str());
  if (!cJSON_IsString(m) || !m->valuestring) return std::nullopt;
  return std::string(m->valuestring);
}

}  // namespace stb
