#include "tools/stb-fleet/sim_box.h"

#include <ctime>

#include "stb/menu/menu_controller.h"
#include "stb/menu/report_body.h"
#include "stb/return_visits.h"

namespace tools::fleet {

uint64_t SeededRandom::next() {
  uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

SimBoxStatus::SimBoxStatus(dvb::notice::KeyRing& keys, dvb::notice::BoxIdentity identity,
                           stb::Log& log)
    : identity_(std::move(identity)), intake_(keys, store_, identity_, log) {}

void SimBoxStatus::onTable(const std::vector<dvb::Section>& sections, dvb::UtcSeconds now) {
  now_ = now;
  intake_.expire(now);
  intake_.onTable(sections, now);
}

const std::optional<dvb::Pat>& SimBoxStatus::pat() const {
  static const std::optional<dvb::Pat> none;
  return none;
}

const std::optional<dvb::Sdt>& SimBoxStatus::sdt() const {
  static const std::optional<dvb::Sdt> none;
  return none;
}

SimBox::SimBox(std::string box_id, uint64_t seed, FleetHttp* http, BoxLink::Config link,
               const stb::MonotonicClock* clock, stb::Log* log, Hooks hooks)
    : id_(std::move(box_id)),
      random_(seed),
      outbox_(&store_, &random_),
      link_(http, std::move(link)),
      clock_(clock),
      hooks_(std::move(hooks)),
      log_(log) {
  std::string error;
  outbox_.load(&error);  // an empty memory store always loads
  sender_ = std::make_unique<stb::ReportSender>(&outbox_, this, clock, log,
                                                [this](std::optional<int64_t> ms) {
                                                  wake_at_ = ms;
                                                  if (hooks_.wake_at) hooks_.wake_at(ms);
                                                });
}

bool SimBox::file(const std::string& area_code, std::string* error) {
  stb::menu::ReportRequest request;
  request.category = stb::Category::kNoPicture;
  dvb::notice::BoxIdentity identity;
  identity.area_code = area_code;
  identity.box_id = id_;
  identity.smartcard_id = "SC" + id_;
  stb::menu::Diagnostics diagnostics;
  diagnostics.software_version = "stb-fleet";
  diagnostics.tuner.source = "simulated box (stb-fleet)";
  // The server takes `created` on its own clock (at most 1 h ahead): real
  // time, not the virtual one.
  const std::string body =
      stb::menu::reportBodyJson(request, identity, std::time(nullptr), diagnostics);
  if (!outbox_.enqueue(body, "no_picture", clock_->nowMs(), error)) return false;
  sender_->run();
  return true;
}

void SimBox::onNoticeTable(const std::vector<dvb::Section>& sections, dvb::notice::KeyRing& keys,
                           dvb::UtcSeconds now) {
  if (!status_) {
    dvb::notice::BoxIdentity identity;
    identity.area_code = area_code_;
    identity.box_id = id_;
    identity.smartcard_id = "SC" + id_;
    status_ = std::make_unique<SimBoxStatus>(keys, std::move(identity), *log_);
  }
  status_->onTable(sections, now);
}

std::optional<std::string> SimBox::knownOutage(dvb::UtcSeconds now) {
  if (!status_) return std::nullopt;
  status_->setNow(now);
  const auto outage = stb::menu::knownOutage(*status_);
  if (!outage) return std::nullopt;
  return outage->until_text;
}

size_t SimBox::returnVisitsAnswered() const {
  size_t n = 0;
  for (const auto& row : outbox_.items())
    if (row.kind == stb::OutboxKind::kReturnVisit && row.state == "sent") ++n;
  return n;
}

void SimBox::askReturnVisits() {
  if (!return_visit_score_) return;
  bool queued = false;
  for (const std::string& ticket : stb::returnVisitsDue(outbox_.items(), asked_)) {
    asked_.insert(ticket);
    last_asked_ms_ = clock_->nowMs();
    std::string error;
    queued =
        outbox_.enqueueReturnVisit(ticket, true, *return_visit_score_, clock_->nowMs(), &error) ||
        queued;
  }
  if (queued) sender_->run();
}

void SimBox::request(const std::string& path, const std::string& body,
                     const std::vector<std::string>& headers, Done done) {
  std::string key;
  for (const auto& h : headers)
    if (h.rfind("Idempotency-Key: ", 0) == 0) key = h.substr(17);
  const int64_t now = clock_->nowMs();
  if (hooks_.sending) hooks_.sending(now);
  if (!key.empty()) {
    ++timing_.sends;
    auto it = not_before_.find(key);
    if (it != not_before_.end()) {
      if (now < it->second.first) ++timing_.early;
      if (now < it->second.second) ++timing_.before_retry_after;
    }
  }
  link_.request(
      path, body, headers, [this, key, done = std::move(done)](const stb::CentralResponse& r) {
        done(r);            // the sender writes the outcome to the outbox
        askReturnVisits();  // a poll may have found the ticket resolved
        if (key.empty()) return;
        const stb::OutboxReport* row = outbox_.find(key);
        if (!row || row->state != "waiting") {
          not_before_.erase(key);
          if (row && hooks_.settled) hooks_.settled(row->created_ms);
          return;
        }
        const int64_t at = clock_->nowMs();
        if (r.retry_after_ms) ++timing_.retry_after_seen;
        not_before_[key] = {row->next_attempt_ms, r.retry_after_ms ? at + *r.retry_after_ms : 0};
      });
}

}  // namespace tools::fleet
