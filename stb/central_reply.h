#pragma once
// Reading the central system's answers (docs/central-api.md) on the box,
// with cJSON. Whatever comes back from the network (truncated, wrong types,
// bad escapes, garbage) is an error value with a reason for the log, never
// an exception; the caller keeps the report waiting.
#include <optional>
#include <string>

#include "stb/outbox.h"

namespace stb {

enum class ReplyKind {
  kReport,  // the answer to POST /v1/reports: the ticket is required
  kPoll,    // the answer to GET /v1/tickets/{ticket}: the ticket is not read
};

// A 200/201 answer: an object whose "status" is one of the API's and whose
// "deadline" (required in a report's answer) is UTC ISO 8601 (a fraction of
// a second is dropped, so the stored deadline is "YYYY-MM-DDThh:mm:ssZ"); "severity" (general,
// major), "category" and "hotline" are optional. The ticket, which goes
// into request paths, must be 1-64 of A-Z a-z 0-9 . _ -. Every kept string
// is valid UTF-8 without control characters (it reaches the screen).
// nullopt and *error (naming the member) otherwise.
//
// "charter_category" only labels the screen, so a bad one never costs the
// ticket: one of the charter's five is kept, anything else (not a string,
// a code the box does not know) is left out and said in *NOTE for the log.
// null or absent is no note ("assignee" and other members are not read).
std::optional<TicketInfo> parseTicketReply(const std::string& body, ReplyKind kind,
                                           std::string* error, std::string* note = nullptr);

// The charter's categories as the API names them, in the charter's order.
bool isCharterCategory(const std::string& code);

// The {"error": CODE, "message": TEXT} of a refusal, cut to 64 and 200
// bytes for the log. A member that is absent or not a string is left empty; JSON_OK false when the
// body is not a JSON object at all (an HTML page from a proxy, a cut-off answer).
struct ErrorReply {
  bool json_ok = false;
  std::string code, message;
};
ErrorReply parseErrorReply(const std::string& body);

// The top-level string member NAME of a JSON object, or nullopt (absent,
// not a string, or the text is not a JSON object).
std::optional<std::string> jsonStringMember(const std::string& json, const std::string& name);

// "2026-12-01T08:15:00.250Z" -> "2026-12-01T08:15:00Z"; nullopt when TEXT
// is not a UTC ISO 8601 time.
std::optional<std::string> wholeSecondUtc(const std::string& text);

}  // namespace stb
