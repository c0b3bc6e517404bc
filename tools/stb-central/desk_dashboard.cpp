// The charter dashboard from the tickets' events (desk_dashboard.h has the
// definitions of the figures).
#include "tools/stb-central/desk_dashboard.h"

#include <map>
#include <nlohmann/json.hpp>

namespace tools::central {
namespace {

using nlohmann::json;

constexpr char kComplaint[] = "complaint";

// One ticket's events read once: who had it when, and the details the
// figures need.
class Replay {
 public:
  explicit Replay(const TicketHistory& h) {
    for (const TicketEvent& e : h.events)
      if (e.kind == event_kind::kAssigned) {
        const json d = detail(e);
        owners_.emplace_back(e.at, d.contains("assignee") && d["assignee"].is_string()
                                       ? d["assignee"].get<std::string>()
                                       : std::string());
      }
  }
  // The worker the ticket was assigned to at AT ("" = nobody).
  std::string ownerAt(UtcSeconds at) const {
    std::string owner;
    for (const auto& [since, who] : owners_)
      if (since <= at) owner = who;
    return owner;
  }
  static json detail(const TicketEvent& e) {
    json d = json::parse(e.detail, nullptr, false);
    return d.is_object() ? d : json::object();
  }
  static std::optional<UtcSeconds> deadlineOf(const TicketEvent& e) {
    const json d = detail(e);
    if (!d.contains("deadline") || !d["deadline"].is_string()) return std::nullopt;
    return dvb::parseIso8601(d["deadline"].get<std::string>());
  }

 private:
  std::vector<std::pair<UtcSeconds, std::string>> owners_;
};

bool isAnswer(const TicketEvent& e) {
  return e.kind == event_kind::kReturnVisit || e.kind == event_kind::kCallbackLogged;
}

class Tally {
 public:
  Tally(UtcSeconds from, UtcSeconds to) : from_(from), to_(to) {}

  // Adds an item of TICKET known at AT (ignored outside the period) to the
  // figures of all, its area and the worker who had it then.
  template <typename AddTo>
  void count(const TicketHistory& h, const Replay& r, UtcSeconds at, AddTo add) {
    if (at < from_ || at >= to_) return;
    add(&total_);
    add(&areas_[h.area_code]);
    add(&workers_[r.ownerAt(at)]);
  }

  Dashboard result() const {
    Dashboard d;
    d.from = from_;
    d.to = to_;
    d.total = total_;
    for (const auto& [key, f] : areas_) d.by_area.push_back(DashboardRow{key, f});
    for (const auto& [key, f] : workers_) d.by_worker.push_back(DashboardRow{key, f});
    return d;
  }

 private:
  UtcSeconds from_, to_;
  CharterFigures total_;
  std::map<std::string, CharterFigures> areas_, workers_;
};

void rate(CharterRate CharterFigures::*which, bool met, CharterFigures* f) {
  ++(f->*which).total;
  if (met) ++(f->*which).met;
}

// The figures of one ticket's events (all before the period's end), each
// item added with the moment its outcome became known.
class TicketFigures {
 public:
  TicketFigures(const TicketHistory& h, Tally* tally) : h_(h), replay_(h), tally_(tally) {}

  void countAll() {
    const std::vector<TicketEvent>& events = h_.events;
    for (size_t i = 0; i < events.size(); ++i) {
      const TicketEvent& e = events[i];
      if (e.kind == event_kind::kAccepted) {
        if (h_.charter_category == kComplaint)
          count(e.at, [](CharterFigures* f) { ++f->complaints; });
        response(i);
      }
      if (e.kind == event_kind::kAccepted || e.kind == event_kind::kReopened) deadline(i);
      if (e.kind == event_kind::kResolved) returnVisit(i);
      if (isAnswer(e)) satisfaction(e);
    }
  }

 private:
  template <typename AddTo>
  void count(UtcSeconds at, AddTo add) {
    tally_->count(h_, replay_, at, add);
  }
  void countRate(CharterRate CharterFigures::*which, bool met, UtcSeconds at) {
    count(at, [which, met](CharterFigures* f) { rate(which, met, f); });
  }
  // The acceptance at I: met by the first visit or resolution within 24 h.
  void response(size_t i) {
    const UtcSeconds accepted = h_.events[i].at;
    std::optional<UtcSeconds> first;
    for (size_t j = i + 1; j < h_.events.size() && !first; ++j)
      if (h_.events[j].kind == event_kind::kVisited || h_.events[j].kind == event_kind::kResolved)
        first = h_.events[j].at;
    const bool met = first && *first - accepted <= kResponseWindow;
    countRate(&CharterFigures::response_24h, met, met ? *first : accepted + kResponseWindow);
  }
  // The deadline set at I: met by the next resolution (or closing) at or before it.
  void deadline(size_t i) {
    const std::optional<UtcSeconds> due = Replay::deadlineOf(h_.events[i]);
    if (!due) return;
    std::optional<UtcSeconds> end;
    for (size_t j = i + 1; j < h_.events.size() && !end; ++j) {
      const std::string& k = h_.events[j].kind;
      if (k == event_kind::kResolved || k == event_kind::kClosed) end = h_.events[j].at;
      if (k == event_kind::kReopened) break;  // not ended: a new deadline took over
    }
    const bool met = end && *end <= *due;
    countRate(&CharterFigures::deadlines, met, met ? *end : *due);
  }
  // The resolution at I: met by an answer within 72 h, before any new resolution.
  void returnVisit(size_t i) {
    const UtcSeconds resolved = h_.events[i].at;
    std::optional<UtcSeconds> answered;
    for (size_t j = i + 1; j < h_.events.size() && !answered; ++j) {
      if (h_.events[j].kind == event_kind::kResolved) break;
      if (isAnswer(h_.events[j])) answered = h_.events[j].at;
    }
    const bool met = answered && *answered - resolved <= kReturnVisitWindow;
    countRate(&CharterFigures::return_visits_72h, met,
              met ? *answered : resolved + kReturnVisitWindow);
  }
  void satisfaction(const TicketEvent& e) {
    const json d = Replay::detail(e);
    if (!d.contains("score") || !d["score"].is_number_integer()) return;
    count(e.at, [score = d["score"].get<int64_t>()](CharterFigures* f) {
      ++f->satisfaction_count;
      f->satisfaction_sum += score;
    });
  }

  const TicketHistory& h_;
  const Replay replay_;
  Tally* tally_;
};

}  // namespace

std::optional<double> CharterRate::percent() const {
  if (total == 0) return std::nullopt;
  return 100.0 * static_cast<double>(met) / static_cast<double>(total);
}

std::optional<double> CharterFigures::satisfactionMean() const {
  if (satisfaction_count == 0) return std::nullopt;
  return static_cast<double>(satisfaction_sum) / static_cast<double>(satisfaction_count);
}

Dashboard computeDashboard(const std::vector<TicketHistory>& histories, UtcSeconds from,
                           UtcSeconds to) {
  Tally tally(from, to);
  // Events at or after TO need no filtering: every item they could decide
  // is decided at TO or later, outside the period.
  for (const TicketHistory& h : histories) TicketFigures(h, &tally).countAll();
  return tally.result();
}

}  // namespace tools::central
