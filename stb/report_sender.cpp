#include "stb/report_sender.h"

#include <cctype>

namespace stb {
namespace {

// A JSON string starting at S[I] == '"'; I moves past it. Handles the
// escapes; \u is decoded for the BMP into UTF-8.
bool readString(const std::string& s, size_t* i, std::string* out) {
  if (*i >= s.size() || s[*i] != '"') return false;
  ++*i;
  out->clear();
  while (*i < s.size()) {
    const char c = s[(*i)++];
    if (c == '"') return true;
    if (c != '\\') {
      out->push_back(c);
      continue;
    }
    if (*i >= s.size()) return false;
    const char e = s[(*i)++];
    switch (e) {
      case 'n':
        out->push_back('\n');
        break;
      case 't':
        out->push_back('\t');
        break;
      case 'r':
        out->push_back('\r');
        break;
      case 'b':
        out->push_back('\b');
        break;
      case 'f':
        out->push_back('\f');
        break;
      case 'u': {
        if (*i + 4 > s.size()) return false;
        const unsigned v = static_cast<unsigned>(std::stoul(s.substr(*i, 4), nullptr, 16));
        *i += 4;
        if (v < 0x80) {
          out->push_back(static_cast<char>(v));
        } else if (v < 0x800) {
          out->push_back(static_cast<char>(0xC0 | (v >> 6)));
          out->push_back(static_cast<char>(0x80 | (v & 0x3F)));
        } else {
          out->push_back(static_cast<char>(0xE0 | (v >> 12)));
          out->push_back(static_cast<char>(0x80 | ((v >> 6) & 0x3F)));
          out->push_back(static_cast<char>(0x80 | (v & 0x3F)));
        }
        break;
      }
      default:
        out->push_back(e);
    }
  }
  return false;
}

void skipSpace(const std::string& s, size_t* i) {
  while (*i < s.size() && std::isspace(static_cast<unsigned char>(s[*i]))) ++*i;
}

// Skips any JSON value (strings aware of escapes, nesting counted).
bool skipValue(const std::string& s, size_t* i) {
  skipSpace(s, i);
  if (*i >= s.size()) return false;
  if (s[*i] == '"') {
    std::string ignored;
    return readString(s, i, &ignored);
  }
  int depth = 0;
  while (*i < s.size()) {
    const char c = s[*i];
    if (c == '"') {
      std::string ignored;
      if (!readString(s, i, &ignored)) return false;
      continue;
    }
    if (c == '{' || c == '[') ++depth;
    if (c == '}' || c == ']') {
      if (depth == 0) return true;
      --depth;
      if (depth == 0) {
        ++*i;
        return true;
      }
    }
    if (c == ',' && depth == 0) return true;
    ++*i;
  }
  return depth == 0;
}

// 1234 -> "1.2 s", 65000 -> "65 s".
std::string seconds(int64_t ms) {
  if (ms >= 10'000) return std::to_string(ms / 1000) + " s";
  return std::to_string(ms / 1000) + "." + std::to_string(ms % 1000 / 100) + " s";
}

}  // namespace

std::optional<std::string> jsonStringMember(const std::string& json, const std::string& name) {
  size_t i = 0;
  skipSpace(json, &i);
  if (i >= json.size() || json[i] != '{') return std::nullopt;
  ++i;
  for (;;) {
    skipSpace(json, &i);
    if (i >= json.size() || json[i] == '}') return std::nullopt;
    std::string key;
    if (!readString(json, &i, &key)) return std::nullopt;
    skipSpace(json, &i);
    if (i >= json.size() || json[i] != ':') return std::nullopt;
    ++i;
    skipSpace(json, &i);
    if (key == name) {
      std::string value;
      if (i < json.size() && json[i] == '"' && readString(json, &i, &value)) return value;
      return std::nullopt;
    }
    if (!skipValue(json, &i)) return std::nullopt;
    skipSpace(json, &i);
    if (i < json.size() && json[i] == ',') ++i;
  }
}

std::string describeFailure(const CentralResponse& r) {
  if (r.http_status == 0) return r.curl_error.empty() ? "no answer" : r.curl_error;
  std::string text = "HTTP " + std::to_string(r.http_status);
  const auto code = jsonStringMember(r.body, "error");
  const auto message = jsonStringMember(r.body, "message");
  if (code) text += " " + *code;
  if (message) text += ": " + *message;
  if (r.retry_after_ms) text += " (retry after " + seconds(*r.retry_after_ms) + ")";
  return text;
}

ReportSender::ReportSender(Outbox* outbox, CentralApi* api, const MonotonicClock* clock, Log* log,
                           WakeAt wake_at)
    : outbox_(outbox),
      api_(api),
      clock_(clock),
      log_(log),
      wake_at_(std::move(wake_at)),
      alive_(std::make_shared<bool>(true)) {}

ReportSender::~ReportSender() {
  *alive_ = false;
}

void ReportSender::check(bool ok, const std::string& error) {
  if (!ok) log_->error("outbox: cannot save the outcome: " + error);
}

void ReportSender::run() {
  if (busy_) return;  // the answer in flight calls run() again
  const auto action = outbox_->nextDue(clock_->nowMs());
  if (!action) {
    wake_at_(outbox_->nextWakeMs());
    return;
  }
  std::string path;
  std::vector<std::string> headers;
  std::string body;
  switch (action->type) {
    case OutboxAction::Type::kSendReport:
      path = "/v1/reports";
      headers.push_back("Idempotency-Key: " + action->report_id);
      body = action->body_json;
      break;
    case OutboxAction::Type::kSendReturnVisit:
      path = "/v1/tickets/" + action->ticket + "/return-visit";
      body = action->body_json;
      break;
    case OutboxAction::Type::kPollTicket:
      path = "/v1/tickets/" + action->ticket;
      break;
  }
  busy_ = true;
  ++requests_;
  std::weak_ptr<bool> alive = alive_;
  api_->request(path, body, headers, [this, alive, a = *action](const CentralResponse& r) {
    const auto still = alive.lock();
    if (!still || !*still) return;  // the sender is gone: the outbox row stays as it was
    busy_ = false;
    finish(a, r);
    run();
  });
}

void ReportSender::finish(const OutboxAction& action, const CentralResponse& r) {
  if (action.type == OutboxAction::Type::kPollTicket)
    finishPoll(action, r);
  else
    finishSend(action, r);
}

void ReportSender::finishSend(const OutboxAction& a, const CentralResponse& r) {
  const int64_t now = clock_->nowMs();
  const bool report = a.type == OutboxAction::Type::kSendReport;
  const std::string what = report ? "report " + a.report_id : "return visit for ticket " + a.ticket;
  std::string error;
  if (r.http_status == 200 || r.http_status == 201) {
    TicketInfo info;
    info.ticket = jsonStringMember(r.body, "ticket").value_or(a.ticket);
    info.status = jsonStringMember(r.body, "status").value_or("");
    info.deadline = jsonStringMember(r.body, "deadline").value_or("");
    info.hotline = jsonStringMember(r.body, "hotline").value_or("");
    if (report && info.ticket.empty()) {
      // An answer without a ticket: not what the API promises; keep trying.
      log_->warning("central: " + what + ": HTTP " + std::to_string(r.http_status) +
                    " without a ticket; will retry");
      check(
          outbox_->onFailed(a.report_id, now, r.retry_after_ms, "answer without a ticket", &error),
          error);
      return;
    }
    log_->info("central: " + what + " delivered (HTTP " + std::to_string(r.http_status) + ")" +
               (report ? ": ticket " + info.ticket + " status " + info.status + " deadline " +
                             info.deadline
                       : ""));
    check(outbox_->onDelivered(a.report_id, info, now, &error), error);
    return;
  }
  if (!report && r.http_status == 409 &&
      jsonStringMember(r.body, "error").value_or("") == "already_answered") {
    // Our own earlier attempt got there and its answer was lost.
    log_->info("central: " + what + " was already answered; done");
    check(outbox_->onDelivered(a.report_id, TicketInfo{a.ticket, "", "", ""}, now, &error), error);
    return;
  }
  const std::string reason = describeFailure(r);
  const bool transient =
      r.http_status == 0 || r.http_status == 429 || r.http_status >= 500 || r.http_status == 408;
  if (transient) {
    check(outbox_->onFailed(a.report_id, now, r.retry_after_ms, reason, &error), error);
    const OutboxReport* row = outbox_->find(a.report_id);
    const int64_t next = row ? row->next_attempt_ms - now : 0;
    log_->warning("central: " + what + " not delivered: " + reason + "; attempt " +
                  std::to_string(row ? row->attempts : 0) + ", retry in " + seconds(next));
    return;
  }
  // 409 (the key was used with another body), 400, 403, other 4xx: sending
  // the same bytes again cannot succeed.
  log_->error("central: " + what + " refused for good: " + reason +
              "; kept as failed, not sent again");
  check(outbox_->onRejected(a.report_id, reason, &error), error);
}

void ReportSender::finishPoll(const OutboxAction& a, const CentralResponse& r) {
  const int64_t now = clock_->nowMs();
  std::string error;
  if (r.http_status == 200) {
    TicketInfo info;
    info.ticket = a.ticket;
    info.status = jsonStringMember(r.body, "status").value_or("");
    info.deadline = jsonStringMember(r.body, "deadline").value_or("");
    const OutboxReport* before = outbox_->find(a.report_id);
    if (before && before->status != info.status)
      log_->info("central: ticket " + a.ticket + " is now " + info.status);
    check(outbox_->onPolled(a.report_id, info, now, &error), error);
    return;
  }
  const std::string reason = describeFailure(r);
  if (r.http_status == 404 || r.http_status == 403) {
    // The central system no longer knows the ticket (or not for this box):
    // stop polling it, keep the row for the viewer.
    log_->error("central: ticket " + a.ticket + ": " + reason + "; polling stopped");
    TicketInfo info{a.ticket, "closed", "", ""};
    const OutboxReport* row = outbox_->find(a.report_id);
    if (row) info.deadline = row->deadline;
    check(outbox_->onPolled(a.report_id, info, now, &error), error);
    return;
  }
  log_->warning("central: polling ticket " + a.ticket + " failed: " + reason);
  check(outbox_->onPollFailed(a.report_id, now, r.retry_after_ms, reason, &error), error);
}

}  // namespace stb
