#include "stb/outbox.h"

#include <algorithm>
#include <cstdio>

#include "stb/central_reply.h"

namespace stb {

// ---- MemoryOutboxStore ----

namespace {
const char kWriteRefused[] = "memory outbox: write refused (simulated full flash)";
const char kReadRefused[] = "memory outbox: read refused (simulated damage)";
}  // namespace

bool MemoryOutboxStore::put(const OutboxReport& r, std::string* error) {
  if (fail_writes_) {
    if (error) *error = kWriteRefused;
    return false;
  }
  for (const auto& row : rows_)
    if (row.report_id == r.report_id) {
      if (error) *error = "memory outbox: " + r.report_id + " already exists";
      return false;
    }
  rows_.push_back(r);
  ++writes_;
  return true;
}

bool MemoryOutboxStore::update(const OutboxReport& r, std::string* error) {
  if (fail_writes_) {
    if (error) *error = kWriteRefused;
    return false;
  }
  for (auto& row : rows_)
    if (row.report_id == r.report_id) {
      row = r;
      ++writes_;
      return true;
    }
  if (error) *error = "memory outbox: no row " + r.report_id;
  return false;
}

bool MemoryOutboxStore::list(std::vector<OutboxReport>* out, std::string* error) {
  out->clear();
  if (fail_reads_) {
    if (error) *error = kReadRefused;
    return false;
  }
  *out = rows_;
  return true;
}

bool MemoryOutboxStore::remove(const std::string& report_id, std::string* error) {
  if (fail_writes_) {
    if (error) *error = kWriteRefused;
    return false;
  }
  const auto it = std::find_if(rows_.begin(), rows_.end(),
                               [&](const OutboxReport& r) { return r.report_id == report_id; });
  if (it != rows_.end()) {
    rows_.erase(it);
    ++writes_;
  }
  return true;
}

bool MemoryOutboxStore::count(OutboxKind kind, const std::string& state, int64_t* n,
                              std::string* error) {
  if (fail_reads_) {
    if (error) *error = kReadRefused;
    return false;
  }
  *n = 0;
  for (const auto& r : rows_)
    if (r.kind == kind && r.state == state) ++*n;
  return true;
}

// ---- Outbox ----

namespace {

// BODY with "report_id": ID as its first member; nullopt if BODY is not an
// object.
std::optional<std::string> withReportId(const std::string& body, const std::string& id) {
  const size_t open = body.find_first_not_of(" \t\r\n");
  if (open == std::string::npos || body[open] != '{') return std::nullopt;
  const size_t last = body.find_last_not_of(" \t\r\n");
  if (body[last] != '}') return std::nullopt;
  const size_t next = body.find_first_not_of(" \t\r\n", open + 1);
  const bool empty = next == last;
  return "{\"report_id\":\"" + id + "\"" + (empty ? "" : ",") + body.substr(open + 1);
}

}  // namespace

Outbox::Outbox(OutboxStore* store, RandomSource* random, OutboxPolicy policy)
    : store_(store), random_(random), policy_(policy) {}

bool Outbox::load(std::string* error) {
  std::vector<OutboxReport> rows;
  if (!store_->list(&rows, error)) {
    loaded_ = false;
    items_.clear();
    return false;
  }
  items_ = std::move(rows);
  for (OutboxReport& r : items_)
    if (r.kind == OutboxKind::kReport && r.category.empty())
      r.category = jsonStringMember(r.body_json, "category").value_or("");
  loaded_ = true;
  return true;
}

void Outbox::resume(int64_t now_ms) {
  for (auto& r : items_) {
    if (r.state == "waiting") r.next_attempt_ms = now_ms;
    if (r.state == "sent" && r.kind == OutboxKind::kReport && ticketOpen(r.status))
      r.next_poll_ms = now_ms;
  }
  // Only in memory: the stored times belong to the previous boot's clock and
  // are replaced at every resume.
}

namespace {

std::string uuidFrom(const uint64_t (&halves)[2]) {
  uint8_t b[16];
  for (int half = 0; half < 2; ++half) {
    const uint64_t v = halves[half];
    for (int i = 0; i < 8; ++i) b[half * 8 + i] = static_cast<uint8_t>(v >> (8 * i));
  }
  b[6] = static_cast<uint8_t>((b[6] & 0x0F) | 0x40);  // version 4
  b[8] = static_cast<uint8_t>((b[8] & 0x3F) | 0x80);  // RFC 4122 variant
  char out[37];
  std::snprintf(out, sizeof out,
                "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", b[0], b[1],
                b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12], b[13], b[14],
                b[15]);
  return out;
}

}  // namespace

std::string Outbox::makeUuid(RandomSource& random) {
  const uint64_t first = random.next();
  return uuidFrom({first, random.next()});
}

std::optional<std::string> Outbox::makeStrongUuid(RandomSource& random, std::string* error) {
  uint64_t halves[2];
  for (uint64_t& h : halves) {
    const std::optional<uint64_t> v = random.nextStrong(error);
    if (!v) return std::nullopt;
    h = *v;
  }
  return uuidFrom(halves);
}

int64_t Outbox::uniform(int64_t lo, int64_t hi) {
  if (hi <= lo) return lo;
  const uint64_t span = static_cast<uint64_t>(hi - lo) + 1;
  return lo + static_cast<int64_t>(random_->next() % span);
}

int64_t Outbox::retryDelayMs(int attempts) {
  int64_t ceiling = policy_.retry_base_ms;
  for (int i = 1; i < attempts && ceiling < policy_.retry_cap_ms; ++i) ceiling *= 2;
  ceiling = std::min(ceiling, policy_.retry_cap_ms);
  return uniform(std::min(policy_.retry_floor_ms, ceiling), ceiling);
}

int64_t Outbox::pollDelayMs(int attempts) {
  int64_t interval = policy_.poll_first_ms;
  for (int i = 0; i < attempts && interval < policy_.poll_cap_ms; ++i) interval *= 2;
  interval = std::min(interval, policy_.poll_cap_ms);
  return uniform(interval / 2, interval);
}

OutboxReport* Outbox::findMutable(const std::string& report_id) {
  for (auto& r : items_)
    if (r.report_id == report_id) return &r;
  return nullptr;
}

const OutboxReport* Outbox::find(const std::string& report_id) const {
  for (const auto& r : items_)
    if (r.report_id == report_id) return &r;
  return nullptr;
}

int Outbox::waitingReports() const {
  int n = 0;
  for (const auto& r : items_)
    if (r.kind == OutboxKind::kReport && r.state == "waiting") ++n;
  return n;
}

bool Outbox::save(const OutboxReport& r, std::string* error) {
  return store_->update(r, error);
}

std::optional<std::string> Outbox::enqueue(const std::string& body_json,
                                           const std::string& category, int64_t now_ms,
                                           std::string* error) {
  if (!loaded_) {
    if (error) *error = "outbox not available (its store could not be read); call the hotline";
    return std::nullopt;
  }
  // Waiting and failed reports both hold a place: a failed one stays until
  // the viewer has seen it.
  int held = 0;
  for (const auto& r : items_)
    if (r.kind == OutboxKind::kReport && r.state != "sent") ++held;
  if (held >= policy_.max_reports) {
    if (error)
      *error = "outbox full: " + std::to_string(held) + " reports waiting; call the hotline";
    return std::nullopt;
  }
  OutboxReport r;
  std::string why;
  const std::optional<std::string> id = makeStrongUuid(*random_, &why);
  if (!id) {
    if (error) *error = "no report id can be made (" + why + "); call the hotline";
    return std::nullopt;
  }
  // A repeat means the random source is broken: the server would answer
  // another report's ticket for this one.
  if (find(*id)) {
    if (error)
      *error = "report id " + *id + " repeats; the random source is broken; call the hotline";
    return std::nullopt;
  }
  r.report_id = *id;
  const auto body = withReportId(body_json, r.report_id);
  if (!body) {
    if (error) *error = "report body is not a JSON object";
    return std::nullopt;
  }
  r.kind = OutboxKind::kReport;
  r.body_json = *body;
  r.category = category;
  r.created_ms = now_ms;
  r.next_attempt_ms = now_ms;
  r.state = "waiting";
  if (!store_->put(r, error)) return std::nullopt;  // not accepted: the viewer is told so
  items_.push_back(r);
  return r.report_id;
}

std::optional<std::string> Outbox::enqueueReturnVisit(const std::string& ticket, bool fixed,
                                                      int score, int64_t now_ms,
                                                      std::string* error) {
  if (!loaded_) {
    if (error) *error = "outbox not available (its store could not be read)";
    return std::nullopt;
  }
  if (score < 1 || score > 5) {
    if (error) *error = "return-visit score must be 1..5, not " + std::to_string(score);
    return std::nullopt;
  }
  const std::string id = "rv:" + ticket;
  if (find(id)) {
    if (error) *error = "ticket " + ticket + " already has a return-visit answer queued";
    return std::nullopt;
  }
  int held = 0;
  for (const auto& r : items_)
    if (r.kind == OutboxKind::kReturnVisit && r.state != "sent") ++held;
  if (held >= policy_.max_return_visits) {
    if (error) *error = "outbox full: " + std::to_string(held) + " return-visit answers waiting";
    return std::nullopt;
  }
  OutboxReport r;
  r.report_id = id;
  r.kind = OutboxKind::kReturnVisit;
  r.ticket = ticket;
  r.body_json = std::string("{\"fixed\":") + (fixed ? "true" : "false") +
                ",\"score\":" + std::to_string(score) + "}";
  r.created_ms = now_ms;
  r.next_attempt_ms = now_ms;
  if (!store_->put(r, error)) return std::nullopt;
  items_.push_back(r);
  return id;
}

std::optional<OutboxAction> Outbox::nextDue(int64_t now_ms) const {
  const OutboxReport* send = nullptr;
  const OutboxReport* poll = nullptr;
  for (const auto& r : items_) {
    if (r.state == "waiting" && r.next_attempt_ms <= now_ms &&
        (!send || r.next_attempt_ms < send->next_attempt_ms))
      send = &r;
    if (r.state == "sent" && r.kind == OutboxKind::kReport && ticketOpen(r.status) &&
        !r.ticket.empty() && r.next_poll_ms <= now_ms &&
        (!poll || r.next_poll_ms < poll->next_poll_ms))
      poll = &r;
  }
  OutboxAction a;
  if (send) {
    a.type = send->kind == OutboxKind::kReport ? OutboxAction::Type::kSendReport
                                               : OutboxAction::Type::kSendReturnVisit;
    a.report_id = send->report_id;
    a.ticket = send->ticket;
    a.body_json = send->body_json;
    return a;
  }
  if (poll) {
    a.type = OutboxAction::Type::kPollTicket;
    a.report_id = poll->report_id;
    a.ticket = poll->ticket;
    return a;
  }
  return std::nullopt;
}

std::optional<int64_t> Outbox::nextWakeMs() const {
  std::optional<int64_t> wake;
  const auto consider = [&](int64_t t) {
    if (!wake || t < *wake) wake = t;
  };
  for (const auto& r : items_) {
    if (r.state == "waiting") consider(r.next_attempt_ms);
    if (r.state == "sent" && r.kind == OutboxKind::kReport && ticketOpen(r.status) &&
        !r.ticket.empty())
      consider(r.next_poll_ms);
  }
  return wake;
}

bool Outbox::onDelivered(const std::string& report_id, const TicketInfo& info, int64_t now_ms,
                         std::string* error) {
  return changeRow(report_id, error, [&](OutboxReport& r) {
    r.state = "sent";
    r.last_error.clear();
    if (r.kind == OutboxKind::kReport) {
      r.ticket = info.ticket;
      r.status = info.status;
      r.deadline = info.deadline;
      r.hotline = info.hotline;
      r.severity = info.severity;
      r.charter_category = info.charter_category;
      // An answer without a category keeps the one the report was sent with.
      if (!info.category.empty()) r.category = info.category;
      r.poll_attempts = 0;
      r.next_poll_ms = now_ms + pollDelayMs(0);
    }
    // An answered return visit stays as "sent": the box remembers the ticket
    // was answered and never asks again (the host forgets it with its report).
  });
}

bool Outbox::onFailed(const std::string& report_id, int64_t now_ms,
                      std::optional<int64_t> retry_after_ms, const std::string& reason,
                      std::string* error) {
  return changeRow(report_id, error, [&](OutboxReport& r) {
    ++r.attempts;
    int64_t delay = retryDelayMs(r.attempts);
    if (retry_after_ms && *retry_after_ms > delay) delay = *retry_after_ms;
    r.next_attempt_ms = now_ms + delay;
    r.last_error = reason;
  });
}

bool Outbox::onRejected(const std::string& report_id, const std::string& reason,
                        std::string* error) {
  return changeRow(report_id, error, [&](OutboxReport& r) {
    ++r.attempts;
    r.state = "failed";
    r.last_error = reason;
  });
}

bool Outbox::onPolled(const std::string& report_id, const TicketInfo& info, int64_t now_ms,
                      std::string* error) {
  return changeRow(report_id, error, [&](OutboxReport& r) {
    const bool changed = info.status != r.status || info.deadline != r.deadline;
    r.status = info.status;
    if (!info.deadline.empty()) r.deadline = info.deadline;
    // The operator may re-file a ticket; an answer without these keeps them.
    if (!info.severity.empty()) r.severity = info.severity;
    if (!info.category.empty()) r.category = info.category;
    if (!info.charter_category.empty()) r.charter_category = info.charter_category;
    r.last_error.clear();
    r.poll_attempts = changed ? 0 : r.poll_attempts + 1;
    r.next_poll_ms = now_ms + pollDelayMs(r.poll_attempts);
  });
}

bool Outbox::onPollFailed(const std::string& report_id, int64_t now_ms,
                          std::optional<int64_t> retry_after_ms, const std::string& reason,
                          std::string* error) {
  return changeRow(report_id, error, [&](OutboxReport& r) {
    ++r.poll_attempts;
    int64_t delay = pollDelayMs(r.poll_attempts);
    if (retry_after_ms && *retry_after_ms > delay) delay = *retry_after_ms;
    r.next_poll_ms = now_ms + delay;
    r.last_error = reason;
  });
}

bool Outbox::forget(const std::string& report_id, std::string* error) {
  if (!store_->remove(report_id, error)) return false;
  items_.erase(std::remove_if(items_.begin(), items_.end(),
                              [&](const OutboxReport& r) { return r.report_id == report_id; }),
               items_.end());
  return true;
}

}  // namespace stb
