#include "stb/report_sender.h"

#include <cctype>

namespace stb {
namespace {

// 1234 -> "1.2 s", 65000 -> "65 s".
std::string seconds(int64_t ms) {
  if (ms >= 10'000) return std::to_string(ms / 1000) + " s";
  return std::to_string(ms / 1000) + "." + std::to_string(ms % 1000 / 100) + " s";
}

}  // namespace

std::string describeFailure(const CentralResponse& r) {
  if (r.http_status == 0) return r.curl_error.empty() ? "no answer" : r.curl_error;
  std::string text = "HTTP " + std::to_string(r.http_status);
  const ErrorReply e = parseErrorReply(r.body);
  if (!e.code.empty()) text += " " + e.code;
  if (!e.message.empty()) text += ": " + e.message;
  if (!e.json_ok && !r.body.empty()) text += " (the answer is not JSON)";
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
    // A return visit's answer only needs to exist; a report's must give the
    // ticket, its deadline and category as the central system committed to.
    TicketInfo info{a.ticket, "", "", "", "", ""};
    if (report) {
      std::string why, note;
      const std::optional<TicketInfo> parsed =
          parseTicketReply(r.body, ReplyKind::kReport, &why, &note);
      if (!parsed) {
        // Not what the API promises: keep the report waiting and ask again
        // with the same key (the server answers the same ticket).
        const OutboxReport* row = outbox_->find(a.report_id);
        check(outbox_->onFailed(a.report_id, now, r.retry_after_ms, "malformed answer: " + why,
                                &error),
              error);
        log_->warning("central: " + what + ": HTTP " + std::to_string(r.http_status) +
                      " with a malformed answer: " + why + "; kept, retry in " +
                      seconds(row ? row->next_attempt_ms - now : 0));
        return;
      }
      info = *parsed;
      if (!note.empty()) log_->warning("central: " + what + ": " + note);
    }
    log_->info("central: " + what + " delivered (HTTP " + std::to_string(r.http_status) + ")" +
               (report
                    ? ": ticket " + info.ticket + " status " + info.status + " severity " +
                          (info.severity.empty() ? "(not given)" : info.severity) +
                          " charter category " +
                          (info.charter_category.empty() ? "(not given)" : info.charter_category) +
                          " deadline " + info.deadline
                    : ""));
    check(outbox_->onDelivered(a.report_id, info, now, &error), error);
    return;
  }
  if (!report && r.http_status == 409 && parseErrorReply(r.body).code == "already_answered") {
    // Our own earlier attempt got there and its answer was lost.
    log_->info("central: " + what + " was already answered; done");
    check(outbox_->onDelivered(a.report_id, TicketInfo{a.ticket, "", "", "", "", ""}, now, &error),
          error);
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
    std::string why, note;
    std::optional<TicketInfo> parsed = parseTicketReply(r.body, ReplyKind::kPoll, &why, &note);
    if (!parsed) {
      log_->warning("central: polling ticket " + a.ticket + ": HTTP 200 with a malformed answer: " +
                    why + "; the ticket is kept as it was");
      check(outbox_->onPollFailed(a.report_id, now, r.retry_after_ms, "malformed answer: " + why,
                                  &error),
            error);
      return;
    }
    if (!note.empty()) log_->warning("central: polling ticket " + a.ticket + ": " + note);
    TicketInfo info = std::move(*parsed);
    info.ticket = a.ticket;
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
    TicketInfo info{a.ticket, "closed", "", "", "", ""};
    const OutboxReport* row = outbox_->find(a.report_id);
    if (row) info.deadline = row->deadline;
    check(outbox_->onPolled(a.report_id, info, now, &error), error);
    return;
  }
  log_->warning("central: polling ticket " + a.ticket + " failed: " + reason);
  check(outbox_->onPollFailed(a.report_id, now, r.retry_after_ms, reason, &error), error);
}

}  // namespace stb
