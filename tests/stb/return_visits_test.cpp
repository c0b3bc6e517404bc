// Which resolved tickets the box asks about, and which stored answers are
// stale (stb/return_visits.h).
#include "stb/return_visits.h"

#include <gtest/gtest.h>

namespace stb {
namespace {

OutboxReport report(const std::string& ticket, const std::string& status,
                    const std::string& state = "sent") {
  OutboxReport r;
  r.report_id = "id-" + ticket;
  r.ticket = ticket;
  r.status = status;
  r.state = state;
  return r;
}

OutboxReport answer(const std::string& ticket, const std::string& state) {
  OutboxReport r;
  r.report_id = "rv:" + ticket;
  r.kind = OutboxKind::kReturnVisit;
  r.ticket = ticket;
  r.state = state;
  return r;
}

using Tickets = std::vector<std::string>;

TEST(ReturnVisitsTest, OnlyResolvedTicketsAreDueOldestFirst) {
  const std::vector<OutboxReport> rows = {
      report("T3", "resolved"), report("T1", "accepted"), report("T2", "technician_assigned"),
      report("T4", "closed"),   report("T5", "resolved"), report("", "resolved", "waiting")};
  EXPECT_EQ(returnVisitsDue(rows, {}), (Tickets{"T3", "T5"}));
}

TEST(ReturnVisitsTest, AnAnsweredTicketIsNeverDueAgain) {
  // Stored (queued or delivered), or answered in this run without a row.
  const std::vector<OutboxReport> rows = {report("T1", "resolved"), report("T2", "resolved"),
                                          report("T3", "resolved"), answer("T1", "waiting"),
                                          answer("T2", "sent")};
  EXPECT_EQ(returnVisitsDue(rows, {}), (Tickets{"T3"}));
  EXPECT_EQ(returnVisitsDue(rows, {"T3"}), Tickets{});
}

TEST(ReturnVisitsTest, ADeliveredAnswerWhoseReportIsGoneIsStale) {
  const std::vector<OutboxReport> rows = {report("T1", "resolved"), answer("T1", "sent"),
                                          answer("T2", "sent"), answer("T3", "waiting")};
  // T3's answer is still to be delivered: it is kept whatever happened to
  // its report.
  EXPECT_EQ(staleReturnVisits(rows), (Tickets{"rv:T2"}));
  EXPECT_EQ(staleReturnVisits({}), Tickets{});
}

}  // namespace
}  // namespace stb
