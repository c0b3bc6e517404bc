#pragma once
// The charter dashboard: its five figures per service area and per worker
// for a period [from, to), computed from the tickets' events alone
// (TicketStore::histories), so that a period's figures never change once it
// is over.
//
// Each figure counts items (a ticket's acceptance, one of its deadlines, one
// of its resolutions, an answer), and each item in the period of the moment
// its outcome became known:
// - response_24h: a ticket's acceptance. Met when its first `visited` or
//   `resolved` event came within 24 h of the `accepted` one (known then);
//   missed when 24 h passed without (known at accepted + 24 h).
// - deadlines: each deadline a ticket had (the `accepted` event's, and each
//   `reopened` event's). Met when the next `resolved` (or `closed`) event
//   came at or before it (known then); missed when it passed first (known at
//   the deadline).
// - return_visits_72h: each `resolved` event. Met when a `return_visit` or
//   `callback_logged` event followed within 72 h (known then); missed when
//   72 h passed first (known at resolution + 72 h). The target is 100 %.
// - satisfaction: each `return_visit` / `callback_logged` event in the
//   period: the count and the mean score.
// - complaints: each `accepted` event in the period of a ticket whose charter
//   category is complaint.
// An area's figures are its tickets'. A worker's are the items of the
// tickets assigned to them (the last `assigned` event) at the item's moment;
// "" is nobody.
#include <cstdint>
#include <string>
#include <vector>

#include "tools/stb-central/ticket_store.h"

namespace tools::central {

struct CharterRate {
  int64_t met = 0;
  int64_t total = 0;
  // met / total in percent; nullopt when there is nothing to count.
  std::optional<double> percent() const;
};

struct CharterFigures {
  CharterRate response_24h;
  CharterRate deadlines;
  CharterRate return_visits_72h;
  int64_t satisfaction_count = 0;
  int64_t satisfaction_sum = 0;  // of the scores
  int64_t complaints = 0;
  std::optional<double> satisfactionMean() const;
};

struct DashboardRow {
  std::string key;  // area code or worker login ("" = unassigned)
  CharterFigures figures;
};

struct Dashboard {
  UtcSeconds from = 0;
  UtcSeconds to = 0;
  CharterFigures total;
  std::vector<DashboardRow> by_area;    // by key
  std::vector<DashboardRow> by_worker;  // by key
};

constexpr UtcSeconds kResponseWindow = 24 * 3600;

// Pure: HISTORIES as TicketStore::histories(to) gives them; later events
// change nothing (what they decide is decided at TO or after). Events whose
// detail is not the JSON expected are skipped.
Dashboard computeDashboard(const std::vector<TicketHistory>& histories, UtcSeconds from,
                           UtcSeconds to);

}  // namespace tools::central
