// The three API operations of CentralService (router.h).
#include <cctype>

#include "tools/stb-central/charter_terms.h"
#include "tools/stb-central/report_validation.h"
#include "tools/stb-central/router.h"

namespace tools::central {
namespace {

using nlohmann::json;

HttpResponse storeFailure(const std::string& why) {
  HttpResponse r = HttpResponse::error(500, "internal_error", "the ticket store failed");
  r.log_note = "store error: " + why;
  return r;
}

bool isJsonContentType(const HttpRequest& request) {
  const std::string* type = request.header("content-type");
  if (!type) return false;
  std::string media = type->substr(0, type->find(';'));
  while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) media.pop_back();
  for (char& c : media) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return media == "application/json";
}

json assigneeJson(const Ticket& t) {
  return t.assignee ? json(*t.assignee) : json(nullptr);
}

json ticketJson(const Ticket& t) {
  return json{{"ticket", t.ticket},
              {"status", statusName(t.status)},
              {"deadline", dvb::formatIso8601(t.deadline)},
              {"updated", dvb::formatIso8601(t.updated)},
              {"severity", severityName(t.severity)},
              {"category", t.category},
              {"charter_category", t.charter_category},
              {"assignee", assigneeJson(t)}};
}

}  // namespace

HttpResponse CentralService::postReport(const HttpRequest& request, const std::string& client_cn) {
  if (!isJsonContentType(request))
    return HttpResponse::error(415, "unsupported_media_type",
                               "send the report as Content-Type: application/json");
  const std::string* key_header = request.header("idempotency-key");
  if (!key_header)
    return HttpResponse::error(400, "missing_idempotency_key",
                               "Idempotency-Key: <report_id> is required");
  std::string key;
  if (!isUuid(*key_header, &key))
    return HttpResponse::error(400, "invalid_idempotency_key", "Idempotency-Key must be a UUID");
  NewReport report;
  ValidationError problem;
  if (!parseReport(request.body, &report, &problem))
    return HttpResponse::error(400, problem.code, problem.message);
  if (report.report_id != key)
    return HttpResponse::error(400, "idempotency_key_mismatch",
                               "Idempotency-Key must equal report_id");
  if (report.box_id != client_cn)
    return HttpResponse::error(403, "forbidden", "box_id does not match the client certificate");
  const UtcSeconds now = clock_();
  if (report.created > now + options_.max_clock_skew_seconds)
    return HttpResponse::error(400, "invalid_field", "created is in the future");
  // The charter's clock starts at acceptance: now, not the box's `created`.
  std::string area_note;
  const SubmitTerms terms =
      charterTerms(policy_, options_.areas, report.category, report.area_code, now, &area_note);
  SubmitResult result;
  std::string error;
  if (!store_.submit(report, terms, now, &result, &error)) return storeFailure(error);
  if (result.outcome == SubmitOutcome::kConflict)
    return HttpResponse::error(409, "idempotency_conflict",
                               "this Idempotency-Key was used with a different report");
  const Ticket& t = result.ticket;
  HttpResponse r = HttpResponse::json(result.outcome == SubmitOutcome::kCreated ? 201 : 200,
                                      json{{"ticket", t.ticket},
                                           {"status", statusName(t.status)},
                                           {"severity", severityName(t.severity)},
                                           {"category", t.category},
                                           {"charter_category", t.charter_category},
                                           {"deadline", dvb::formatIso8601(t.deadline)},
                                           {"assignee", assigneeJson(t)},
                                           {"hotline", options_.hotline}});
  r.headers.emplace_back("Location", "/v1/tickets/" + t.ticket);
  r.log_note = t.ticket;
  if (result.outcome == SubmitOutcome::kCreated && !area_note.empty())
    r.log_note += " (" + area_note + ")";
  return r;
}

std::optional<HttpResponse> CentralService::findOwnTicket(const std::string& ticket,
                                                          const std::string& client_cn,
                                                          std::optional<Ticket>* t) {
  std::string error;
  if (!store_.findTicket(ticket, t, &error)) return storeFailure(error);
  if (!*t) return HttpResponse::error(404, "not_found", "no such ticket");
  if ((*t)->box_id != client_cn)
    return HttpResponse::error(403, "forbidden", "the ticket belongs to another box");
  return std::nullopt;
}

HttpResponse CentralService::getTicket(const std::string& ticket, const std::string& client_cn) {
  std::optional<Ticket> t;
  if (std::optional<HttpResponse> refused = findOwnTicket(ticket, client_cn, &t)) return *refused;
  return HttpResponse::json(200, ticketJson(*t));
}

HttpResponse CentralService::postReturnVisit(const HttpRequest& request, const std::string& ticket,
                                             const std::string& client_cn) {
  std::optional<Ticket> t;
  if (std::optional<HttpResponse> refused = findOwnTicket(ticket, client_cn, &t)) return *refused;
  if (!isJsonContentType(request))
    return HttpResponse::error(415, "unsupported_media_type",
                               "send the answer as Content-Type: application/json");
  bool fixed = false;
  int score = 0;
  ValidationError problem;
  if (!parseReturnVisit(request.body, &fixed, &score, &problem))
    return HttpResponse::error(400, problem.code, problem.message);
  const UtcSeconds now = clock_();
  ReturnVisitAnswer a;
  a.fixed = fixed;
  a.score = score;
  // "Not fixed" reopens the ticket: a new deadline by the charter, from now.
  a.reopen_deadline =
      policy_.deadlineFor(t->category, now, areaKindOf(options_.areas, t->area_code));
  ChangeResult changed;
  std::string error;
  if (!store_.recordReturnVisit(ticket, a, now, &changed, &error)) return storeFailure(error);
  switch (changed.outcome) {
    case ChangeOutcome::kDone:
      break;
    case ChangeOutcome::kNotFound:
      return HttpResponse::error(404, "not_found", "no such ticket");
    case ChangeOutcome::kAlreadyAnswered:
      return HttpResponse::error(409, "already_answered",
                                 "the return visit of this ticket was already answered");
    case ChangeOutcome::kWrongStatus:
      return HttpResponse::error(409, "not_resolved",
                                 "only a resolved ticket takes a return-visit answer");
  }
  return HttpResponse::json(200, json{{"ticket", ticket},
                                      {"fixed", fixed},
                                      {"score", score},
                                      {"answered", dvb::formatIso8601(now)}});
}

}  // namespace tools::central
