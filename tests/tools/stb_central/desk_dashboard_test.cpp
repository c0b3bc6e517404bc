// The charter dashboard from a small scripted history, made through the
// ticket store as the desk would make it, every figure checked against a
// hand count (in the comments); and its CSV.
#include <gtest/gtest.h>

#include "tests/tools/stb_central/stb_central_test_util.h"
#include "tools/stb-central/desk_csv.h"
#include "tools/stb-central/desk_dashboard.h"
#include "tools/stb-central/report_validation.h"

namespace tools::central {
namespace {

using stb_central_test::reportJson;
using stb_central_test::ScratchDir;

constexpr UtcSeconds kHour = 3600;
const UtcSeconds kDec1 = *dvb::parseIso8601("2026-12-01T00:00:00Z");
const UtcSeconds kDec8 = kDec1 + 7 * 24 * kHour;

// Times as "day hour" of December 2026 (day 0 = Nov 30).
UtcSeconds dec(int day, int hour) {
  return kDec1 + (day - 1) * 24 * kHour + hour * kHour;
}

class DashboardTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    store_ = TicketStore::open(dir_ / "central.db", &error);
    ASSERT_TRUE(store_) << error;
  }
  std::string file(int n, const std::string& area, const std::string& charter, UtcSeconds accepted,
                   UtcSeconds deadline, const std::string& assignee = "") {
    char id[40];
    std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", n);
    NewReport r;
    ValidationError problem;
    EXPECT_TRUE(parseReport(reportJson(id, "STB-TEST-0001"), &r, &problem)) << problem.message;
    r.area_code = area;
    SubmitResult result;
    std::string error;
    EXPECT_TRUE(store_->submit(r, SubmitTerms{Severity::kGeneral, charter, deadline, assignee},
                               accepted, &result, &error))
        << error;
    return result.ticket.ticket;
  }
  void done(bool ok, const ChangeResult& r, const std::string& error) {
    ASSERT_TRUE(ok) << error;
    ASSERT_EQ(r.outcome, ChangeOutcome::kDone);
  }
  void assign(const std::string& t, const std::string& worker, UtcSeconds at) {
    ChangeResult r;
    std::string error;
    done(store_->assign(t, worker, "boss", at, &r, &error), r, error);
  }
  void visit(const std::string& t, UtcSeconds at) {
    ChangeResult r;
    std::string error;
    done(store_->markVisited(t, "wang", "", at, &r, &error), r, error);
  }
  void resolve(const std::string& t, UtcSeconds at) {
    ChangeResult r;
    std::string error;
    done(store_->resolve(t, "wang", at, &r, &error), r, error);
  }
  void boxAnswer(const std::string& t, bool fixed, int score, UtcSeconds at,
                 std::optional<UtcSeconds> reopen = std::nullopt) {
    ChangeResult r;
    std::string error;
    done(store_->recordReturnVisit(t, ReturnVisitAnswer{fixed, score, "", reopen}, at, &r, &error),
         r, error);
  }
  void callback(const std::string& t, bool fixed, int score, UtcSeconds at) {
    ChangeResult r;
    std::string error;
    done(store_->logCallback(t, ReturnVisitAnswer{fixed, score, "rang", std::nullopt}, "desk1", at,
                             &r, &error),
         r, error);
  }
  Dashboard dashboard(UtcSeconds from, UtcSeconds to) {
    std::vector<TicketHistory> histories;
    std::string error;
    EXPECT_TRUE(store_->histories(to, &histories, &error)) << error;
    return computeDashboard(histories, from, to);
  }

  ScratchDir dir_{"dashboard"};
  std::unique_ptr<TicketStore> store_;
};

// The period is December 1 to 8 (exclusive); areas A01 (worker wang) and
// A02 (worker li).
TEST_F(DashboardTest, EveryFigureMatchesTheHandCount) {
  // T1, A01, general fault, wang from the start: accepted Dec 1 01:00
  // (deadline Dec 2 01:00), visited 06:00, resolved 11:00, the box answers
  // fixed, score 5, at 21:00.
  const std::string t1 = file(1, "A01", "general_fault", dec(1, 1), dec(2, 1), "wang");
  visit(t1, dec(1, 6));
  resolve(t1, dec(1, 11));
  boxAnswer(t1, true, 5, dec(1, 21));
  // T2, A01, major fault, nobody at first: accepted Dec 1 02:00 (deadline
  // Dec 4 02:00), assigned to wang Dec 2 00:00, visited Dec 2 04:00 (26 h),
  // resolved Dec 3 00:00; no box answer; a call-back on Dec 6 10:00 (after
  // the 72 h): fixed, score 2.
  const std::string t2 = file(2, "A01", "major_fault", dec(1, 2), dec(4, 2));
  assign(t2, "wang", dec(2, 0));
  visit(t2, dec(2, 4));
  resolve(t2, dec(3, 0));
  callback(t2, true, 2, dec(6, 10));
  // T3, A02, complaint, li from the start: accepted Dec 2 10:00 (deadline
  // Dec 5 10:00), resolved Dec 2 20:00; the box answers not fixed, score 1,
  // Dec 3 08:00, which reopens it with the deadline Dec 4 08:00; resolved
  // again Dec 5 12:00, late; that return visit is due Dec 8 12:00.
  const std::string t3 = file(3, "A02", "complaint", dec(2, 10), dec(5, 10), "li");
  resolve(t3, dec(2, 20));
  boxAnswer(t3, false, 1, dec(3, 8), dec(4, 8));
  resolve(t3, dec(5, 12));
  // T4, A02, nobody: accepted Dec 7 12:00, deadline Dec 8 12:00, nothing
  // since: its 24 h and its deadline end after the period.
  file(4, "A02", "general_fault", dec(7, 12), dec(8, 12));
  // T5, A01, wang: accepted Nov 30 20:00 (deadline Dec 1 20:00), resolved
  // Dec 2 09:00, the box answers fixed, score 4, Dec 2 10:00.
  const std::string t5 = file(5, "A01", "general_fault", dec(0, 20), dec(1, 20), "wang");
  resolve(t5, dec(2, 9));
  boxAnswer(t5, true, 4, dec(2, 10));
  // T6, A02, a complaint accepted after the period (Dec 8 01:00).
  file(6, "A02", "complaint", dec(8, 1), dec(11, 1), "li");
  // T7, A01, all of it before the period (Nov 25 to 26).
  const std::string t7 = file(7, "A01", "general_fault", dec(-5, 8), dec(-4, 8), "wang");
  resolve(t7, dec(-5, 12));
  boxAnswer(t7, false, 2, dec(-4, 12), dec(-3, 12));

  const Dashboard d = dashboard(kDec1, kDec8);
  // Response within 24 h, each acceptance counted when its outcome was known:
  // T1 met (Dec 1 06:00), T2 missed (Dec 2 02:00, wang's by then), T3 met
  // (by its resolution, Dec 2 20:00), T5 missed (Dec 1 20:00); T4 not yet
  // known (Dec 8 12:00); T7 before; T6 after. 2 of 4.
  EXPECT_EQ(d.total.response_24h.met, 2);
  EXPECT_EQ(d.total.response_24h.total, 4);
  EXPECT_DOUBLE_EQ(*d.total.response_24h.percent(), 50.0);
  // Deadlines: T1 met (Dec 1 11:00), T2 met (Dec 3 00:00), T3's first met
  // (Dec 2 20:00), T3's second (after the reopen) missed (Dec 4 08:00), T5
  // missed (Dec 1 20:00); T4's is after the period. 3 of 5.
  EXPECT_EQ(d.total.deadlines.met, 3);
  EXPECT_EQ(d.total.deadlines.total, 5);
  // Return visits within 72 h: T1 met (10 h), T2 missed (due Dec 6 00:00;
  // the call-back came later), T3's first met (12 h), T5 met (1 h); T3's
  // second is due after the period. 3 of 4.
  EXPECT_EQ(d.total.return_visits_72h.met, 3);
  EXPECT_EQ(d.total.return_visits_72h.total, 4);
  // Satisfaction: T1 5, T2 2 (the call-back), T3 1, T5 4: 4 answers, mean 3.
  EXPECT_EQ(d.total.satisfaction_count, 4);
  EXPECT_EQ(d.total.satisfaction_sum, 12);
  EXPECT_DOUBLE_EQ(*d.total.satisfactionMean(), 3.0);
  // Complaints: T3 (T6 is after the period).
  EXPECT_EQ(d.total.complaints, 1);

  // Per area. A01 = T1, T2, T5 (and T7, before): response 1/3, deadlines
  // 2/3, return visits 2/3, satisfaction 5+2+4 = 11 over 3, no complaint.
  // A02 = T3, T4: response 1/1, deadlines 1/2, return visits 1/1,
  // satisfaction 1 over 1, 1 complaint.
  ASSERT_EQ(d.by_area.size(), 2u);
  const CharterFigures& a01 = d.by_area[0].figures;
  const CharterFigures& a02 = d.by_area[1].figures;
  EXPECT_EQ(d.by_area[0].key, "A01");
  EXPECT_EQ(d.by_area[1].key, "A02");
  EXPECT_EQ(a01.response_24h.met, 1);
  EXPECT_EQ(a01.response_24h.total, 3);
  EXPECT_EQ(a01.deadlines.met, 2);
  EXPECT_EQ(a01.deadlines.total, 3);
  EXPECT_EQ(a01.return_visits_72h.met, 2);
  EXPECT_EQ(a01.return_visits_72h.total, 3);
  EXPECT_EQ(a01.satisfaction_count, 3);
  EXPECT_EQ(a01.satisfaction_sum, 11);
  EXPECT_EQ(a01.complaints, 0);
  EXPECT_EQ(a02.response_24h.met, 1);
  EXPECT_EQ(a02.response_24h.total, 1);
  EXPECT_EQ(a02.deadlines.met, 1);
  EXPECT_EQ(a02.deadlines.total, 2);
  EXPECT_EQ(a02.return_visits_72h.met, 1);
  EXPECT_EQ(a02.return_visits_72h.total, 1);
  EXPECT_EQ(a02.satisfaction_count, 1);
  EXPECT_EQ(a02.satisfaction_sum, 1);
  EXPECT_EQ(a02.complaints, 1);

  // Per worker: wang held T1, T5 throughout and T2 from Dec 2 00:00, before
  // any of T2's outcomes; li held T3. Nothing counted was unassigned, so
  // there is no "" row. wang = A01's figures, li = A02's.
  ASSERT_EQ(d.by_worker.size(), 2u);
  EXPECT_EQ(d.by_worker[0].key, "li");
  EXPECT_EQ(d.by_worker[1].key, "wang");
  const CharterFigures& li = d.by_worker[0].figures;
  const CharterFigures& wang = d.by_worker[1].figures;
  EXPECT_EQ(wang.response_24h.met, 1);
  EXPECT_EQ(wang.response_24h.total, 3);
  EXPECT_EQ(wang.deadlines.met, 2);
  EXPECT_EQ(wang.deadlines.total, 3);
  EXPECT_EQ(wang.return_visits_72h.met, 2);
  EXPECT_EQ(wang.return_visits_72h.total, 3);
  EXPECT_EQ(wang.satisfaction_sum, 11);
  EXPECT_EQ(li.deadlines.met, 1);
  EXPECT_EQ(li.deadlines.total, 2);
  EXPECT_EQ(li.complaints, 1);

  // The CSV of the same figures, one row each.
  const std::string csv = dashboardCsv(d);
  const std::string from_to = "2026-12-01T00:00:00Z,2026-12-08T00:00:00Z,";
  EXPECT_EQ(csv,
            "period_from,period_to,scope,key,response_24h_met,response_24h_total,"
            "response_24h_percent,deadlines_met,deadlines_total,deadlines_percent,"
            "return_visits_72h_met,return_visits_72h_total,return_visits_72h_percent,"
            "satisfaction_count,satisfaction_mean,complaints\r\n" +
                from_to + "all,,2,4,50.0,3,5,60.0,3,4,75.0,4,3.00,1\r\n" + from_to +
                "area,A01,1,3,33.3,2,3,66.7,2,3,66.7,3,3.67,0\r\n" + from_to +
                "area,A02,1,1,100.0,1,2,50.0,1,1,100.0,1,1.00,1\r\n" + from_to +
                "worker,li,1,1,100.0,1,2,50.0,1,1,100.0,1,1.00,1\r\n" + from_to +
                "worker,wang,1,3,33.3,2,3,66.7,2,3,66.7,3,3.67,0\r\n");
}

TEST_F(DashboardTest, APeriodsFiguresDoNotChangeAfterIt) {
  // Dec 1 alone: T1 accepted 01:00 and resolved 11:00 (met); T2 accepted
  // 02:00, resolved on Dec 3 (a response missed at Dec 2 02:00, outside).
  const std::string t1 = file(1, "A01", "general_fault", dec(1, 1), dec(2, 1), "wang");
  resolve(t1, dec(1, 11));
  const std::string t2 = file(2, "A01", "general_fault", dec(1, 2), dec(2, 2), "wang");
  const Dashboard before = dashboard(dec(1, 0), dec(2, 0));
  resolve(t2, dec(3, 0));
  const Dashboard after = dashboard(dec(1, 0), dec(2, 0));
  // Given later events too (T2's resolution), it leaves them out.
  std::vector<TicketHistory> all;
  std::string error;
  ASSERT_TRUE(store_->histories(dec(4, 0), &all, &error)) << error;
  const Dashboard given_later = computeDashboard(all, dec(1, 0), dec(2, 0));
  for (const Dashboard* d : {&before, &after, &given_later}) {
    EXPECT_EQ(d->total.response_24h.met, 1);
    EXPECT_EQ(d->total.response_24h.total, 1);
    EXPECT_EQ(d->total.deadlines.met, 1);
    EXPECT_EQ(d->total.deadlines.total, 1);
    EXPECT_EQ(d->total.return_visits_72h.total, 0);
    EXPECT_FALSE(d->total.return_visits_72h.percent());
    EXPECT_FALSE(d->total.satisfactionMean());
  }
}

TEST(DeskCsv, QuotesAsRfc4180Says) {
  EXPECT_EQ(csvField("plain"), "plain");
  EXPECT_EQ(csvField(""), "");
  EXPECT_EQ(csvField("a,b"), "\"a,b\"");
  EXPECT_EQ(csvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csvField("cr\r"), "\"cr\r\"");
  EXPECT_EQ(csvRecord({"a", "b,c", ""}), "a,\"b,c\",\r\n");
}

}  // namespace
}  // namespace tools::central
