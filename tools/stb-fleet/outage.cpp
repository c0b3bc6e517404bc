#include "tools/stb-fleet/outage.h"

#include <sys/stat.h>
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <functional>
#include <map>
#include <memory>
#include <queue>
#include <set>
#include <sstream>
#include <vector>

#include "stb/replay_clock.h"
#include "tools/stb-fleet/box_certs.h"
#include "tools/stb-fleet/fleet_http.h"
#include "tools/stb-fleet/outage_central.h"
#include "tools/stb-fleet/outage_spool.h"
#include "tools/stb-fleet/sim_box.h"
#include "tools/stb-fleet/storm_figures.h"

namespace tools::fleet {
namespace {

using Steady = std::chrono::steady_clock;

enum class EventType { kPhase, kViewer, kNotice, kCancel };

struct Event {
  int64_t at_ms;
  EventType type;
  size_t index;  // the viewer's box; the phase
  bool operator>(const Event& o) const {
    return at_ms != o.at_ms ? at_ms > o.at_ms : type > o.type;
  }
};

std::string boxId(size_t i) {
  char id[32];
  std::snprintf(id, sizeof id, "AREA-%07zu", i + 1);
  return id;
}

// Uniform in [0, 1) from the fleet's seeded source.
double unit(SeededRandom& r) {
  return static_cast<double>(r.next() >> 11) * 0x1.0p-53;
}

}  // namespace

bool runOutage(const OutageConfig& config, OutageResult* out, std::string* error) {
  const Steady::time_point real_start = Steady::now();
  // The fleet's UTC: the computer's at the start plus virtual time. The
  // central system's clock runs on real time, slower, so its times (the
  // notice's start = the confirmation) stay at or before the boxes' now.
  const dvb::UtcSeconds utc_base = std::time(nullptr);
  const auto utcAt = [utc_base](int64_t ms) { return utc_base + ms / 1000; };

  CentralGroup central(
      {config.central_binary, config.pki_dir, config.work_dir, config.db, config.instances, {}});
  if (!central.start({}, error)) return false;

  // Who reports, and when: a share of the boxes, uniform over the span.
  SeededRandom pick(config.seed);
  std::vector<std::pair<int64_t, size_t>> viewers;  // (when, box index)
  for (size_t i = 0; i < static_cast<size_t>(config.boxes); ++i)
    if (unit(pick) < config.report_share)
      viewers.emplace_back(static_cast<int64_t>(pick.next() % config.filing_span_ms), i);
  out->viewers = viewers.size();

  std::vector<std::string> ids;
  for (const auto& v : viewers) ids.push_back(boxId(v.second));
  BoxCertificates certs;
  if (!makeBoxCertificates(config.pki_dir + "/ca.pem", config.pki_dir + "/ca.key", config.work_dir,
                           ids, &certs, error))
    return false;
  std::unique_ptr<FleetHttp> http = FleetHttp::create(error);
  if (!http) return false;

  // The operator's key: the boxes trust it (one ring for the fleet: every
  // box holds the same key list).
  dvb::notice::KeyRing keys;
  const std::string spool_dir = config.work_dir + "/spool";
  ::mkdir(spool_dir.c_str(), 0755);
  const std::string key_path = makeOperatorKey(config.work_dir + "/keys", &keys, error);
  if (key_path.empty()) return false;

  stb::ReplayClock clock;
  stb::NullLog log;
  using Wake = std::pair<int64_t, size_t>;
  std::priority_queue<Wake, std::vector<Wake>, std::greater<>> wakes;
  std::priority_queue<Event, std::vector<Event>, std::greater<>> events;
  std::map<int64_t, size_t> per_minute;        // requests started, by virtual minute
  std::vector<std::unique_ptr<SimBox>> boxes;  // one per viewer, in viewers' order
  for (size_t v = 0; v < viewers.size(); ++v) {
    SimBox::Hooks hooks;
    hooks.wake_at = [&wakes, v](std::optional<int64_t> ms) {
      if (ms) wakes.emplace(*ms, v);
    };
    hooks.sending = [&per_minute](int64_t now_ms) { ++per_minute[now_ms / 60'000]; };
    auto box = std::make_unique<SimBox>(
        ids[v], config.seed * 1'000'003 + viewers[v].second, http.get(),
        BoxLink::Config{central.urlFor(viewers[v].second), config.pki_dir + "/ca.pem",
                        certs.cert_files[v], certs.key_file, loopbackAddress(viewers[v].second)},
        &clock, &log, std::move(hooks));
    box->setAreaCode(config.area_code);
    box->answerReturnVisits(5);
    boxes.push_back(std::move(box));
    events.push({viewers[v].first, EventType::kViewer, v});
  }
  // Each box's tune-in delay: where in the carousel's cycle it starts to
  // gather the notice PID, uniform over the interval.
  std::vector<int64_t> tune_in;
  for (size_t v = 0; v < viewers.size(); ++v)
    tune_in.push_back(
        static_cast<int64_t>(pick.next() % std::max<int64_t>(1, config.notice_interval_ms)));

  std::vector<std::vector<dvb::Section>> notice_tables, cancel_tables;
  const NoticePublishing publishing{spool_dir, key_path, 480, "96123"};
  const std::string actor = "fleet-supervisor";

  // The supervisor: confirm the area's incident (waiting a minute at a time
  // until the central system has opened one), publish; later resolve, withdraw.
  const auto confirm = [&](int64_t now, std::string* e) -> std::optional<bool> {
    std::vector<IncidentRow> open;
    if (!listIncidents(config.central_binary, central.db(), true, &open, e)) return std::nullopt;
    const IncidentRow* row = nullptr;
    for (const auto& i : open)
      if (i.area_code == config.area_code) row = &i;
    if (!row) return false;
    out->incident_id = row->id;
    const dvb::UtcSeconds restore = utcAt(config.expected_restore_ms);
    PublishedNotice published;
    if (!confirmIncident(central.db(), publishing, row->id, actor, restore, &published, e) ||
        !readSpool(spool_dir, &notice_tables, e))
      return std::nullopt;
    out->notice_object_id = published.object_id;
    out->confirmed_ms = now;
    out->published_ms = now;
    for (size_t v = 0; v < boxes.size(); ++v)
      events.push({now + tune_in[v], EventType::kNotice, v});
    return true;
  };
  const auto resolve = [&](int64_t now, std::string* e) {
    PublishedNotice withdrawn;
    if (!resolveIncident(central.db(), publishing, out->incident_id, actor, &withdrawn, e) ||
        !readSpool(spool_dir, &cancel_tables, e))
      return false;
    out->resolved_ms = now;
    for (size_t v = 0; v < boxes.size(); ++v)
      events.push({now + tune_in[v], EventType::kCancel, v});
    return true;
  };
  events.push({config.confirm_at_ms, EventType::kPhase, 0});
  events.push({config.resolve_at_ms, EventType::kPhase, 1});
  bool confirmed = false;

  SeededRandom viewer_mind(config.seed ^ 0x5eed);
  const int64_t give_up_ms = config.resolve_at_ms + 12 * 3'600'000;
  double carry_ms = 0;
  while (clock.nowMs() < give_up_ms) {
    const int64_t now = clock.nowMs();
    while (!events.empty() && events.top().at_ms <= now) {
      const Event ev = events.top();
      events.pop();
      SimBox* box = ev.type == EventType::kPhase ? nullptr : boxes[ev.index].get();
      switch (ev.type) {
        case EventType::kPhase:
          if (ev.index == 0) {
            const auto done = confirm(now, error);
            if (!done) return false;
            confirmed = *done;
            if (!confirmed) events.push({now + 60'000, EventType::kPhase, 0});
          } else if (!confirmed) {
            if (error) *error = "no incident opened for area " + config.area_code + " by hour 3";
            return false;
          } else if (!resolve(now, error)) {
            return false;
          }
          break;
        case EventType::kViewer: {
          if (box->knownOutage(utcAt(now))) {
            ++out->viewers_aware;
            if (unit(viewer_mind) >= config.report_anyway) {
              ++out->suppressed;
              break;
            }
            ++out->filed_anyway;
          } else {
            ++out->viewers_unaware;
            ++out->filed_unaware;
          }
          std::string why;
          if (box->file(config.area_code, &why)) ++out->filed;
          break;
        }
        case EventType::kNotice:
          for (const auto& table : notice_tables) box->onNoticeTable(table, keys, utcAt(now));
          if (box->knownOutage(utcAt(now))) {
            ++out->boxes_shown;
            if (out->first_known_ms < 0) out->first_known_ms = now;
            out->last_known_ms = now;
          }
          break;
        case EventType::kCancel:
          for (const auto& table : cancel_tables) box->onNoticeTable(table, keys, utcAt(now));
          if (box->knownOutage(utcAt(now))) ++out->shown_after_withdrawal;
          break;
      }
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
    // Done: every event past, nothing on the wire, no box waiting for a timer.
    while (!wakes.empty() && boxes[wakes.top().second]->wakeAt() != wakes.top().first) wakes.pop();
    if (events.empty() && wakes.empty()) break;
    int64_t next = give_up_ms;
    if (!events.empty()) next = std::min(next, events.top().at_ms);
    if (!wakes.empty()) next = std::min(next, wakes.top().first);
    clock.advanceTo(std::max(next, now + 1));
  }

  std::vector<double> latencies;
  std::set<std::string> delivered_ids;
  for (const auto& box : boxes) {
    bool has_ticket = false;
    for (const auto& row : box->outbox().items()) {
      if (row.kind != stb::OutboxKind::kReport) continue;
      if (row.state == "sent") {
        ++out->delivered;
        delivered_ids.insert(row.report_id);
        has_ticket = true;
      } else if (row.state == "failed") {
        ++out->refused;
      }
    }
    if (has_ticket) ++out->return_visit_boxes;
    out->return_visits_asked += box->returnVisitsAsked();
    out->return_visits_answered += box->returnVisitsAnswered();
    out->last_return_visit_ms = std::max(out->last_return_visit_ms, box->lastAskedMs());
    out->early += box->timing().early;
    out->before_retry_after += box->timing().before_retry_after;
  }
  for (const Exchange& e : http->exchanges()) {
    ++out->requests;
    if (e.http_status == 0) continue;
    ++out->answered;
    latencies.push_back(e.latency_ms);
  }
  out->peak_rps = peakPerSecond(http->exchanges());
  for (const auto& [minute, n] : per_minute) {
    if (n > out->peak_per_minute) {
      out->peak_per_minute = n;
      out->peak_minute = minute;
    }
  }
  out->p50_ms = percentile(latencies, 50);
  out->p99_ms = percentile(latencies, 99);
  out->virtual_ms = clock.nowMs();
  boxes.clear();
  http.reset();
  if (!central.stop()) {
    if (error) *error = "stb-central did not stop cleanly (see " + central.logPath(0) + ")";
    return false;
  }
  if (!countTickets(config.central_binary, central.db(), &out->tickets, error)) return false;
  std::vector<IncidentRow> incidents;
  if (!listIncidents(config.central_binary, central.db(), false, &incidents, error)) return false;
  out->incidents = incidents.size();
  std::map<std::string, std::optional<int64_t>> attached;
  if (!ticketIncidents(config.central_binary, central.db(), &attached, error)) return false;
  for (const std::string& id : delivered_ids) {
    const auto it = attached.find(id);
    if (it != attached.end() && it->second == out->incident_id) ++out->attached;
  }
  out->all_attached = out->incident_id != 0 && out->attached == delivered_ids.size();
  out->real_s = std::chrono::duration<double>(Steady::now() - real_start).count();
  return true;
}

bool held(const OutageResult& r) {
  return r.delivered == r.filed && r.refused == 0 && r.tickets.tickets == r.filed &&
         r.tickets.distinct_reports == r.filed && r.incidents == 1 && r.all_attached &&
         r.return_visits_asked == r.return_visit_boxes &&
         r.return_visits_answered == r.return_visit_boxes && r.shown_after_withdrawal == 0 &&
         r.early == 0 && r.before_retry_after == 0;
}

std::string describe(const OutageConfig& c, const OutageResult& r) {
  std::ostringstream o;
  const auto min = [](int64_t ms) { return static_cast<double>(ms) / 60'000.0; };
  const auto share = [](size_t a, size_t b) { return b ? static_cast<double>(a) / b : 0.0; };
  o << "boxes in area " << c.area_code << ": " << c.boxes
    << " (viewers who would report: " << r.viewers << ", instantiated)\n"
    << "central: " << c.instances << " instance(s) on "
    << (isPostgres(c.db) ? "PostgreSQL" : "SQLite") << "\n"
    << "tickets: " << r.tickets.tickets << " / incidents: " << r.incidents << " (incident "
    << r.incident_id << ")\n"
    << "reports filed: " << r.filed << " (box showed no outage yet: " << r.filed_unaware
    << ", reported despite the known-outage page: " << r.filed_anyway << ")\n"
    << "reports the known-outage page answered: " << r.suppressed << "\n"
    << "reports delivered: " << r.delivered << ", refused for good: " << r.refused << "\n"
    << "duplicates (reports after the first of the incident): with the notice "
    << (r.filed ? r.filed - 1 : 0) << ", without the notice " << (r.viewers ? r.viewers - 1 : 0)
    << " (every viewer would have reported)\n"
    << "viewers who reported: box without the notice " << r.filed_unaware << "/"
    << r.viewers_unaware << " (" << share(r.filed_unaware, r.viewers_unaware)
    << "), box showing it " << r.filed_anyway << "/" << r.viewers_aware << " ("
    << share(r.filed_anyway, r.viewers_aware) << ")\n"
    << "every report attached to its incident: " << (r.all_attached ? "yes" : "NO") << " ("
    << r.attached << " of " << r.delivered << ")\n"
    << "requests: " << r.requests << " (answered " << r.answered << ")\n"
    << "peak requests/s (answered, real time): " << r.peak_rps << "\n"
    << "busiest virtual minute: " << r.peak_per_minute << " requests started at min "
    << r.peak_minute << "\n"
    << "latency p50/p99 ms: " << r.p50_ms << " / " << r.p99_ms << "\n"
    << "confirmed and published (virtual min): " << min(r.published_ms) << " (notice object 0x"
    << std::hex << r.notice_object_id << std::dec << ")\n"
    << "publish -> first box showing the known outage (virtual s): "
    << (r.first_known_ms < 0 ? -1.0 : (r.first_known_ms - r.published_ms) / 1000.0)
    << ", last: " << (r.last_known_ms < 0 ? -1.0 : (r.last_known_ms - r.published_ms) / 1000.0)
    << " (" << r.boxes_shown << " boxes)\n"
    << "resolved and withdrawn (virtual min): " << min(r.resolved_ms) << "\n"
    << "boxes still showing the outage after the withdrawal: " << r.shown_after_withdrawal << "\n"
    << "return visits: " << r.return_visit_boxes << " boxes with a ticket, asked "
    << r.return_visits_asked << ", answered " << r.return_visits_answered
    << ", the last asked at virtual min " << min(r.last_return_visit_ms) << "\n"
    << "sends before the backoff / Retry-After allowed: " << r.early << " / "
    << r.before_retry_after << "\n"
    << "simulated: " << min(r.virtual_ms) << " min in " << r.real_s << " s real\n";
  return o.str();
}

}  // namespace tools::fleet
