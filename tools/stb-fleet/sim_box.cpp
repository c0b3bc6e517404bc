#include "tools/stb-fleet/sim_box.h"

#include <ctime>

#include "stb/menu/report_body.h"

namespace tools::fleet {

uint64_t SeededRandom::next() {
  uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

SimBox::SimBox(std::string box_id, uint64_t seed, FleetHttp* http, BoxLink::Config link,
               const stb::MonotonicClock* clock, stb::Log* log, Hooks hooks)
    : id_(std::move(box_id)),
      random_(seed),
      outbox_(&store_, &random_),
      link_(http, std::move(link)),
      clock_(clock),
      hooks_(std::move(hooks)) {
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
        done(r);  // the sender writes the outcome to the outbox
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
