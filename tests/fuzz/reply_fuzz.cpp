// libFuzzer target: arbitrary bytes as the central system's answer to the
// box (stb/central_reply.h), read directly and through ReportSender for a
// report's POST, a ticket poll and a return visit. Whatever is accepted
// must be what the API allows; nothing may crash, and a report whose answer
// is refused must still be in the outbox.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "stb/central_reply.h"
#include "stb/report_sender.h"

namespace {

class FixedRandom : public stb::RandomSource {
 public:
  uint64_t next() override { return ++n_ * 0x9E3779B97F4A7C15ULL; }

 private:
  uint64_t n_ = 0;
};

class Clock : public stb::MonotonicClock {
 public:
  int64_t nowMs() const override { return now; }
  int64_t now = 0;
};

// Answers every request at once with STATUS and BODY.
class Api : public stb::CentralApi {
 public:
  void request(const std::string&, const std::string&, const std::vector<std::string>&,
               Done done) override {
    pending = std::move(done);
  }
  void answer(long status, const std::string& body) {
    if (!pending) return;
    Done d = std::move(pending);
    pending = nullptr;
    stb::CentralResponse r;
    r.http_status = status;
    r.body = body;
    d(r);
  }
  Done pending;
};

void checkAccepted(const stb::TicketInfo& info, stb::ReplyKind kind) {
  if (kind == stb::ReplyKind::kReport && (info.ticket.empty() || info.ticket.size() > 64 ||
                                          info.ticket.find('/') != std::string::npos))
    std::abort();
  if (!info.deadline.empty() && stb::wholeSecondUtc(info.deadline) != info.deadline) std::abort();
  if (kind == stb::ReplyKind::kReport && info.deadline.empty()) std::abort();
  if (!info.severity.empty() && info.severity != "general" && info.severity != "major")
    std::abort();
  // Only the charter's own categories reach the screen.
  if (!info.charter_category.empty() && !stb::isCharterCategory(info.charter_category))
    std::abort();
}

void throughSender(long status, const std::string& body) {
  stb::MemoryOutboxStore store;
  FixedRandom random;
  stb::Outbox outbox(&store, &random);
  std::string error;
  if (!outbox.load(&error)) std::abort();
  Clock clock;
  Api api;
  stb::NullLog log;
  stb::ReportSender sender(&outbox, &api, &clock, &log, [](std::optional<int64_t>) {});
  const auto id = outbox.enqueue(R"({"category":"no_picture"})", "no_picture", 0, &error);
  if (!id) std::abort();
  sender.run();
  api.answer(status, body);  // the report's answer
  const stb::OutboxReport* row = outbox.find(*id);
  if (!row) std::abort();  // never lost
  if (!row->charter_category.empty() && !stb::isCharterCategory(row->charter_category))
    std::abort();
  if (row->state == "sent") {
    // Polled with the same bytes.
    clock.now = row->next_poll_ms;
    sender.run();
    api.answer(200, body);
    if (!outbox.find(*id)) std::abort();
  }
  // A return visit answered with them.
  if (outbox.enqueueReturnVisit("T20261130-000123", true, 5, clock.now, &error)) {
    sender.run();
    api.answer(status, body);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string body(reinterpret_cast<const char*>(data), size);
  std::string error;
  for (stb::ReplyKind kind : {stb::ReplyKind::kReport, stb::ReplyKind::kPoll}) {
    std::string note;
    if (const auto info = stb::parseTicketReply(body, kind, &error, &note))
      checkAccepted(*info, kind);
    else if (error.empty())
      std::abort();  // a refusal always says why
  }
  stb::parseErrorReply(body);
  stb::jsonStringMember(body, "ticket");
  stb::wholeSecondUtc(body);
  static const long kStatuses[] = {201, 200, 409, 503, 400};
  throughSender(kStatuses[size % 5], body);
  return 0;
}
