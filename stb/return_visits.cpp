#include "stb/return_visits.h"

namespace stb {
namespace {

std::set<std::string> ticketsOf(const std::vector<OutboxReport>& rows, OutboxKind kind) {
  std::set<std::string> tickets;
  for (const OutboxReport& r : rows)
    if (r.kind == kind && !r.ticket.empty()) tickets.insert(r.ticket);
  return tickets;
}

}  // namespace

std::vector<std::string> returnVisitsDue(const std::vector<OutboxReport>& rows,
                                         const std::set<std::string>& answered) {
  const std::set<std::string> stored = ticketsOf(rows, OutboxKind::kReturnVisit);
  std::vector<std::string> due;
  for (const OutboxReport& r : rows)
    if (r.kind == OutboxKind::kReport && r.status == "resolved" && !r.ticket.empty() &&
        !stored.count(r.ticket) && !answered.count(r.ticket))
      due.push_back(r.ticket);
  return due;
}

std::vector<std::string> staleReturnVisits(const std::vector<OutboxReport>& rows) {
  const std::set<std::string> reported = ticketsOf(rows, OutboxKind::kReport);
  std::vector<std::string> stale;
  for (const OutboxReport& r : rows)
    if (r.kind == OutboxKind::kReturnVisit && r.state == "sent" && !reported.count(r.ticket))
      stale.push_back(r.report_id);
  return stale;
}

}  // namespace stb
