#include "tools/stb-fleet/storm.h"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <queue>
#include <sstream>
#include <vector>

#include "stb/replay_clock.h"
#include "tools/stb-fleet/box_certs.h"
#include "tools/stb-fleet/fleet_http.h"
#include "tools/stb-fleet/sim_box.h"
#include "tools/stb-fleet/storm_figures.h"

namespace tools::fleet {
namespace {

using Steady = std::chrono::steady_clock;

// A change of the server at a virtual time.
struct Phase {
  int64_t at_ms;
  std::function<bool(std::string*)> apply;
};

std::string boxId(int i) {
  char id[32];
  std::snprintf(id, sizeof id, "FLEET-%06d", i + 1);
  return id;
}

}  // namespace

bool runStorm(const StormConfig& config, StormResult* out, std::string* error) {
  const Steady::time_point real_start = Steady::now();
  CentralGroup central(
      {config.central_binary, config.pki_dir, config.work_dir, config.db, config.instances, {}});
  // Options of every start of the servers; the refusal phase adds its own.
  std::vector<std::string> serve;
  if (config.max_pending) serve = {"--max-pending", std::to_string(*config.max_pending)};
  if (!central.start(serve, error)) return false;

  std::vector<std::string> ids;
  for (int i = 0; i < config.boxes; ++i) ids.push_back(boxId(i));
  BoxCertificates certs;
  if (!makeBoxCertificates(config.pki_dir + "/ca.pem", config.pki_dir + "/ca.key", config.work_dir,
                           ids, &certs, error))
    return false;
  std::unique_ptr<FleetHttp> http = FleetHttp::create(error);
  if (!http) return false;

  // One clock for the whole fleet (stb::ReplayClock: moved by its owner,
  // never back), as a fast replay moves a single box's.
  stb::ReplayClock clock;
  stb::NullLog log;
  // Box wake-ups, earliest first; an entry counts only while it is still
  // the box's wake-up (a later one replaces it).
  using Wake = std::pair<int64_t, size_t>;
  std::priority_queue<Wake, std::vector<Wake>, std::greater<>> wakes;
  size_t settled = 0;
  int64_t last_settled_ms = 0, backlog_drained_ms = 0;
  const int64_t back_at = config.down_at_ms + config.down_for_ms;
  std::map<int64_t, size_t> per_minute;  // requests started, by virtual minute
  std::vector<std::unique_ptr<SimBox>> boxes;
  for (size_t i = 0; i < ids.size(); ++i) {
    SimBox::Hooks hooks;
    hooks.wake_at = [&wakes, i](std::optional<int64_t> ms) {
      if (ms) wakes.emplace(*ms, i);
    };
    hooks.settled = [&settled, &last_settled_ms, &backlog_drained_ms, &clock,
                     back_at](int64_t filed_ms) {
      ++settled;
      last_settled_ms = clock.nowMs();
      if (filed_ms < back_at) backlog_drained_ms = clock.nowMs();
    };
    hooks.sending = [&per_minute](int64_t now_ms) { ++per_minute[now_ms / 60'000]; };
    boxes.push_back(std::make_unique<SimBox>(
        ids[i], config.seed * 1'000'003 + i, http.get(),
        BoxLink::Config{central.urlFor(i), config.pki_dir + "/ca.pem", certs.cert_files[i],
                        certs.key_file, loopbackAddress(i)},
        &clock, &log, std::move(hooks)));
  }

  // Who reports, and when: a share of the boxes, uniform over the span.
  SeededRandom pick(config.seed);
  std::vector<std::pair<int64_t, size_t>> filings;
  for (size_t i = 0; i < boxes.size(); ++i) {
    if (static_cast<double>(pick.next() % 1'000'000) < config.report_share * 1'000'000)
      filings.emplace_back(static_cast<int64_t>(pick.next() % config.filing_span_ms), i);
  }
  std::sort(filings.begin(), filings.end());

  std::vector<std::string> refuse = serve;
  refuse.insert(refuse.end(), {"--refuse-with-retry-after", std::to_string(config.retry_after_s)});
  std::vector<Phase> phases = {{config.down_at_ms, [&](std::string*) { return central.stop(); }}};
  if (config.refuse_for_ms > 0) {
    phases.push_back({back_at, [&](std::string* e) { return central.start(refuse, e); }});
    phases.push_back({back_at + config.refuse_for_ms,
                      [&](std::string* e) { return central.stop() && central.start(serve, e); }});
  } else {
    phases.push_back({back_at, [&](std::string* e) { return central.start(serve, e); }});
  }

  size_t next_filing = 0, next_phase = 0;
  const int64_t give_up_ms = config.filing_span_ms + back_at + 6 * 3'600'000;
  double carry_ms = 0;  // real time while in flight, not yet on the clock
  while (clock.nowMs() < give_up_ms) {
    const int64_t now = clock.nowMs();
    for (; next_phase < phases.size() && phases[next_phase].at_ms <= now; ++next_phase)
      if (!phases[next_phase].apply(error)) return false;
    for (; next_filing < filings.size() && filings[next_filing].first <= now; ++next_filing) {
      if (boxes[filings[next_filing].second]->file("110105", error)) ++out->filed;
    }
    while (!wakes.empty() && wakes.top().first <= now) {
      const auto [at, i] = wakes.top();
      wakes.pop();
      if (boxes[i]->wakeAt() == at) boxes[i]->wake();
    }
    if (http->inFlight() > 0) {
      const Steady::time_point t0 = Steady::now();
      http->pump(5);
      carry_ms += std::chrono::duration<double, std::milli>(Steady::now() - t0).count();
      const auto whole = static_cast<int64_t>(carry_ms);
      carry_ms -= static_cast<double>(whole);
      clock.advanceTo(now + whole);
      continue;
    }
    if (next_filing == filings.size() && next_phase == phases.size() && settled == out->filed)
      break;
    int64_t next = give_up_ms;
    if (next_filing < filings.size()) next = std::min(next, filings[next_filing].first);
    if (next_phase < phases.size()) next = std::min(next, phases[next_phase].at_ms);
    if (!wakes.empty()) next = std::min(next, wakes.top().first);
    clock.advanceTo(std::max(next, now + 1));
  }

  std::vector<double> attempts, latencies;
  for (const auto& box : boxes) {
    for (const auto& row : box->outbox().items()) {
      if (row.kind != stb::OutboxKind::kReport) continue;
      if (row.state == "sent") {
        ++out->delivered;
        attempts.push_back(row.attempts + 1);
      } else if (row.state == "failed") {
        ++out->refused;
      }
    }
    out->sends += box->timing().sends;
    out->early += box->timing().early;
    out->before_retry_after += box->timing().before_retry_after;
    out->retry_after_seen += box->timing().retry_after_seen;
  }
  for (const Exchange& e : http->exchanges()) {
    ++out->requests;
    if (e.http_status == 0) continue;
    ++out->answered;
    if (e.http_status == 503) ++out->answers_503;
    latencies.push_back(e.latency_ms);
  }
  out->peak_rps = peakPerSecond(http->exchanges());
  for (const auto& [minute, n] : per_minute) {
    if (n > out->peak_per_minute) {
      out->peak_per_minute = n;
      out->peak_minute = minute;
    }
    if (minute >= back_at / 60'000)
      out->peak_per_minute_back = std::max(out->peak_per_minute_back, n);
  }
  out->p50_ms = percentile(latencies, 50);
  out->p99_ms = percentile(latencies, 99);
  out->attempts_p50 = static_cast<int>(percentile(attempts, 50));
  out->attempts_p99 = static_cast<int>(percentile(attempts, 99));
  out->attempts_max = static_cast<int>(percentile(attempts, 100));
  out->back_at_ms = back_at;
  out->last_delivery_ms = last_settled_ms;
  out->backlog_drained_ms = backlog_drained_ms;
  out->virtual_ms = clock.nowMs();
  boxes.clear();
  http.reset();
  if (!central.stop()) {
    if (error) *error = "stb-central did not stop cleanly (see " + central.logPath(0) + ")";
    return false;
  }
  if (!countTickets(config.central_binary, central.db(), &out->tickets, error)) return false;
  for (size_t i = 0; i < central.size(); ++i) {
    std::ifstream central_log(central.logPath(i));
    for (std::string line; std::getline(central_log, line);)
      if (line.find("box api: shedding load:") != std::string::npos) ++out->shed_episodes;
  }
  out->real_s = std::chrono::duration<double>(Steady::now() - real_start).count();
  return true;
}

std::string describe(const StormConfig& c, const StormResult& r) {
  std::ostringstream o;
  o << "boxes: " << c.boxes << "\n"
    << "central: " << c.instances << " instance(s) on "
    << (isPostgres(c.db) ? "PostgreSQL" : "SQLite") << "\n"
    << "reports filed: " << r.filed << "\n"
    << "reports delivered: " << r.delivered << "\n"
    << "reports refused for good: " << r.refused << "\n"
    << "tickets: " << r.tickets.tickets << "\n"
    << "duplicates: " << r.tickets.tickets - r.tickets.distinct_reports << "\n"
    << "requests: " << r.requests << " (answered " << r.answered << ")\n"
    << "report POSTs: " << r.sends << "\n"
    << "peak requests/s (answered, real time): " << r.peak_rps << "\n"
    << "busiest virtual minute: " << r.peak_per_minute << " requests started at min "
    << r.peak_minute << "\n"
    << "busiest virtual minute once back: " << r.peak_per_minute_back << " requests\n"
    << "latency p50/p99 ms: " << r.p50_ms << " / " << r.p99_ms << "\n"
    << "server down at / back at (virtual min): " << c.down_at_ms / 60'000.0 << " / "
    << r.back_at_ms / 60'000.0 << " (then 503 Retry-After " << c.retry_after_s << " s for "
    << c.refuse_for_ms / 60'000.0 << " min)\n"
    << "server's --max-pending: "
    << (c.max_pending ? std::to_string(*c.max_pending) : std::string("its default")) << "\n"
    << "answers 503: " << r.answers_503
    << " (shedding episodes in the server's log: " << r.shed_episodes << ")\n"
    << "backlog drained after back (virtual min): "
    << std::max<int64_t>(0, r.backlog_drained_ms - r.back_at_ms) / 60'000.0 << "\n"
    << "last delivery (virtual min): " << r.last_delivery_ms / 60'000.0 << "\n"
    << "attempts per report p50/p99/max: " << r.attempts_p50 << " / " << r.attempts_p99 << " / "
    << r.attempts_max << "\n"
    << "answers with Retry-After: " << r.retry_after_seen << "\n"
    << "sends before the backoff allowed: " << r.early << "\n"
    << "sends before Retry-After ran out: " << r.before_retry_after << "\n"
    << "simulated: " << r.virtual_ms / 60'000.0 << " min in " << r.real_s << " s real\n";
  return o.str();
}

}  // namespace tools::fleet
