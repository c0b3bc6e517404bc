// Incidents in the ticket store, on SQLite and on PostgreSQL alike: which
// reports group (window, threshold, area, category), the supervisor's moves
// and their refusals, what the desk's queue and the box see.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/tools/stb_central/pg_test_db.h"
#include "tests/tools/stb_central/stb_central_test_util.h"
#include "tools/stb-central/report_validation.h"
#include "tools/stb-central/router.h"
#include "tools/stb-central/ticket_store.h"

namespace tools::central {
namespace {

using nlohmann::json;
using stb_central_test::apiRequest;
using stb_central_test::Backend;
using stb_central_test::reportJson;
using stb_central_test::ScratchDir;

const UtcSeconds kNow = *dvb::parseIso8601("2026-12-02T08:00:00Z");
const SubmitTerms kTerms{Severity::kMajor, "major_fault", kNow + 72 * 3600, ""};

class IncidentStoreTest : public testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    std::string error;
    db_ = stb_central_test::testDatabase(GetParam(), dir_, &error);
    ASSERT_FALSE(db_.empty()) << error;
    store_ = TicketStore::open(db_, &error);
    ASSERT_TRUE(store_) << error;
    store_->setIncidentRules(IncidentRules{});  // 900 s, 3 reports
  }
  // Report N of AREA and CATEGORY, received AT.
  Ticket file(int n, UtcSeconds at, const std::string& area = "A01",
              const std::string& category = "no_picture") {
    char id[40];
    std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", n);
    NewReport r;
    ValidationError problem;
    EXPECT_TRUE(parseReport(reportJson(id, "STB-TEST-0001", category), &r, &problem))
        << problem.message;
    r.area_code = area;
    SubmitResult result;
    std::string error;
    EXPECT_TRUE(store_->submit(r, kTerms, at, &result, &error)) << error;
    EXPECT_EQ(result.outcome, SubmitOutcome::kCreated);
    return result.ticket;
  }
  std::vector<Incident> incidents(bool open_only = false) {
    std::vector<Incident> out;
    std::string error;
    EXPECT_TRUE(store_->listIncidents(open_only, &out, &error)) << error;
    return out;
  }
  Incident incident(int64_t id) {
    std::optional<Incident> out;
    std::string error;
    EXPECT_TRUE(store_->findIncident(id, &out, &error)) << error;
    EXPECT_TRUE(out) << "no incident " << id;
    return out.value_or(Incident{});
  }
  Ticket find(const std::string& t) {
    std::optional<Ticket> out;
    std::string error;
    EXPECT_TRUE(store_->findTicket(t, &out, &error)) << error;
    return out.value_or(Ticket{});
  }
  std::vector<std::string> ticketsOf(int64_t id) {
    std::vector<Ticket> out;
    std::string error;
    EXPECT_TRUE(store_->incidentTickets(id, &out, &error)) << error;
    std::vector<std::string> names;
    for (const Ticket& t : out) names.push_back(t.ticket);
    return names;
  }
  std::vector<std::string> queue(std::optional<int64_t> incident = std::nullopt,
                                 bool open_only = false) {
    QueueFilter f;
    f.now = kNow;
    f.open_only = open_only;
    f.incident = incident;
    std::vector<Ticket> out;
    std::string error;
    EXPECT_TRUE(store_->queue(f, &out, &error)) << error;
    std::vector<std::string> names;
    for (const Ticket& t : out) names.push_back(t.ticket);
    std::sort(names.begin(), names.end());
    return names;
  }
  std::vector<TicketEvent> events(const std::string& t) {
    std::vector<TicketEvent> out;
    std::string error;
    EXPECT_TRUE(store_->timeline(t, &out, &error)) << error;
    return out;
  }
  IncidentOutcome confirm(int64_t id, UtcSeconds restore, UtcSeconds at) {
    IncidentOutcome outcome = IncidentOutcome::kNotFound;
    std::string error;
    EXPECT_TRUE(store_->confirmIncident(id, "wang.boss", restore, at, &outcome, &error)) << error;
    return outcome;
  }
  IncidentOutcome resolve(int64_t id, UtcSeconds at) {
    IncidentOutcome outcome = IncidentOutcome::kNotFound;
    std::string error;
    EXPECT_TRUE(store_->resolveIncident(id, "wang.boss", at, &outcome, &error)) << error;
    return outcome;
  }
  IncidentOutcome dismiss(int64_t id, UtcSeconds at) {
    IncidentOutcome outcome = IncidentOutcome::kNotFound;
    std::string error;
    EXPECT_TRUE(store_->dismissIncident(id, "wang.boss", at, &outcome, &error)) << error;
    return outcome;
  }
  // Three outage reports of A01 a minute apart: the incident they open.
  int64_t openIncident(std::vector<std::string>* tickets = nullptr, int first = 1) {
    for (int i = 0; i < 3; ++i) {
      const Ticket t = file(first + i, kNow + 60 * i);
      if (tickets) tickets->push_back(t.ticket);
    }
    const std::vector<Incident> open = incidents(true);
    EXPECT_EQ(open.size(), 1u);
    return open.empty() ? 0 : open[0].id;
  }
  ScratchDir dir_{"incidents"};
  std::string db_;
  std::unique_ptr<TicketStore> store_;
};

INSTANTIATE_TEST_SUITE_P(Backends, IncidentStoreTest,
                         testing::Values(Backend::kSqlite, Backend::kPostgres),
                         stb_central_test::backendName);

TEST_P(IncidentStoreTest, TheReportThatMakesTheThresholdOpensASuspectedIncidentWithAll) {
  const Ticket a = file(1, kNow);
  const Ticket b = file(2, kNow + 300);
  EXPECT_FALSE(a.incident);
  EXPECT_FALSE(b.incident);
  EXPECT_TRUE(incidents().empty());
  const Ticket c = file(3, kNow + 600);
  ASSERT_TRUE(c.incident);
  const Incident i = incident(*c.incident);
  EXPECT_EQ(i.area_code, "A01");
  EXPECT_EQ(i.status, IncidentStatus::kSuspected);
  EXPECT_EQ(i.opened, kNow + 600);
  EXPECT_EQ(i.last_report, kNow + 600);
  EXPECT_EQ(i.reports, 3u);
  EXPECT_FALSE(i.confirmed_at);
  EXPECT_EQ(ticketsOf(i.id), (std::vector<std::string>{a.ticket, b.ticket, c.ticket}));
  EXPECT_EQ(find(a.ticket).incident, i.id);
  // Each attachment is in the ticket's history.
  const std::vector<TicketEvent> e = events(a.ticket);
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[1].kind, event_kind::kAttached);
  EXPECT_EQ(e[1].actor, "system");
  EXPECT_EQ(e[1].at, kNow + 600);
  EXPECT_EQ(json::parse(e[1].detail), (json{{"incident", i.id}}));
}

TEST_P(IncidentStoreTest, ReportsFurtherApartThanTheWindowDoNotGroup) {
  file(1, kNow);
  file(2, kNow + 901);
  file(3, kNow + 1700);
  EXPECT_TRUE(incidents().empty());
  // The last two and this one are within 900 s: those three, not the first.
  const Ticket d = file(4, kNow + 1750);
  ASSERT_TRUE(d.incident);
  EXPECT_EQ(incident(*d.incident).reports, 3u);
  EXPECT_EQ(ticketsOf(*d.incident).size(), 3u);
  EXPECT_FALSE(find("T20261202-000001").incident);
}

TEST_P(IncidentStoreTest, ALaterReportJoinsTheOpenIncidentWhateverTheWindow) {
  const int64_t id = openIncident();
  const Ticket late = file(4, kNow + 5 * 3600);
  EXPECT_EQ(late.incident, id);
  const Incident i = incident(id);
  EXPECT_EQ(i.reports, 4u);
  EXPECT_EQ(i.last_report, kNow + 5 * 3600);
  EXPECT_EQ(i.opened, kNow + 120);
  EXPECT_EQ(incidents().size(), 1u);
}

TEST_P(IncidentStoreTest, EachAreaHasItsOwn) {
  file(1, kNow, "A01");
  file(2, kNow, "A02");
  file(3, kNow + 1, "A01");
  file(4, kNow + 1, "A02");
  EXPECT_TRUE(incidents().empty());
  const Ticket t = file(5, kNow + 2, "A02");
  ASSERT_TRUE(t.incident);
  const Incident i = incident(*t.incident);
  EXPECT_EQ(i.area_code, "A02");
  EXPECT_EQ(ticketsOf(i.id),
            (std::vector<std::string>{"T20261202-000002", "T20261202-000004", t.ticket}));
  const Ticket u = file(6, kNow + 3, "A01");
  ASSERT_TRUE(u.incident);
  EXPECT_NE(*u.incident, i.id);
  EXPECT_EQ(incident(*u.incident).area_code, "A01");
  EXPECT_EQ(incidents(true).size(), 2u);
}

TEST_P(IncidentStoreTest, OnlyOutageCategoriesCountOrAreAttached) {
  file(1, kNow, "A01", "no_sound");
  file(2, kNow + 1, "A01", "mosaic_freezing");
  file(3, kNow + 2, "A01", "no_picture");
  file(4, kNow + 3, "A01", "no_sound");
  EXPECT_TRUE(incidents().empty());
  const Ticket t = file(5, kNow + 4, "A01", "channels_missing");
  EXPECT_FALSE(t.incident);  // two outage reports, whatever the others
  const Ticket u = file(6, kNow + 5, "A01", "no_picture");
  ASSERT_TRUE(u.incident);
  EXPECT_EQ(incident(*u.incident).reports, 3u);
  // With the incident open, a report of another kind is the desk's as ever.
  const Ticket v = file(7, kNow + 6, "A01", "no_sound");
  EXPECT_FALSE(v.incident);
  EXPECT_EQ(incident(*u.incident).reports, 3u);
}

TEST_P(IncidentStoreTest, WithoutRulesNothingGroups) {
  store_->setIncidentRules(std::nullopt);
  for (int n = 1; n <= 5; ++n) EXPECT_FALSE(file(n, kNow + n).incident);
  EXPECT_TRUE(incidents().empty());
  IncidentRules off;
  off.min_reports = 0;
  store_->setIncidentRules(off);
  EXPECT_FALSE(file(6, kNow + 6).incident);
  EXPECT_TRUE(incidents().empty());
}

TEST_P(IncidentStoreTest, TheQueueLeavesOutTheTicketsOfAnOpenIncident) {
  const Ticket other = file(10, kNow, "A01", "no_sound");
  std::vector<std::string> attached;
  const int64_t id = openIncident(&attached);
  EXPECT_EQ(queue(), (std::vector<std::string>{other.ticket}));
  EXPECT_EQ(queue(id), attached);
  QueueFilter open;
  open.open_only = true;
  open.area_code = "A01";
  std::vector<Ticket> found;
  std::string error;
  ASSERT_TRUE(store_->queue(open, &found, &error)) << error;
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].ticket, other.ticket);
}

TEST_P(IncidentStoreTest, ConfirmThenResolveResolvesEveryTicketWithItsReturnVisit) {
  std::vector<std::string> tickets;
  const int64_t id = openIncident(&tickets);
  const UtcSeconds restore = kNow + 4 * 3600;
  EXPECT_EQ(confirm(id, restore, kNow + 600), IncidentOutcome::kDone);
  Incident i = incident(id);
  EXPECT_EQ(i.status, IncidentStatus::kConfirmed);
  EXPECT_EQ(i.confirmed_at, kNow + 600);
  EXPECT_EQ(i.confirmed_by, "wang.boss");
  EXPECT_EQ(i.expected_restore, restore);
  // A later restore time: the confirmation stays as it was.
  EXPECT_EQ(confirm(id, restore + 3600, kNow + 900), IncidentOutcome::kDone);
  i = incident(id);
  EXPECT_EQ(i.confirmed_at, kNow + 600);
  EXPECT_EQ(i.expected_restore, restore + 3600);
  // A report after the confirmation joins; one ticket the desk resolved by
  // itself stays as it was.
  tickets.push_back(file(4, kNow + 1000).ticket);
  ChangeResult changed;
  std::string error;
  ASSERT_TRUE(store_->resolve(tickets[0], "li.wei", kNow + 1100, &changed, &error)) << error;
  const UtcSeconds at = kNow + 3 * 3600;
  EXPECT_EQ(resolve(id, at), IncidentOutcome::kDone);
  i = incident(id);
  EXPECT_EQ(i.status, IncidentStatus::kResolved);
  EXPECT_EQ(i.resolved_at, at);
  EXPECT_EQ(i.resolved_by, "wang.boss");
  EXPECT_EQ(i.reports, 4u);
  EXPECT_TRUE(incidents(true).empty());
  EXPECT_EQ(find(tickets[0]).resolved_at, kNow + 1100);
  for (size_t n = 1; n < tickets.size(); ++n) {
    const Ticket t = find(tickets[n]);
    EXPECT_EQ(t.status, TicketStatus::kResolved) << t.ticket;
    EXPECT_EQ(t.resolved_at, at);
    EXPECT_EQ(t.return_visit_due, at + kReturnVisitWindow);
    EXPECT_EQ(t.updated, at);
    const TicketEvent last = events(t.ticket).back();
    EXPECT_EQ(last.kind, event_kind::kResolved);
    EXPECT_EQ(last.actor, "wang.boss");
    EXPECT_EQ(json::parse(last.detail),
              (json{{"incident", id},
                    {"return_visit_due", dvb::formatIso8601(at + kReturnVisitWindow)}}));
  }
  // The confirmations were written on the tickets open then.
  const std::vector<TicketEvent> e = events(tickets[1]);
  ASSERT_EQ(e.size(), 5u);  // accepted, attached, confirmed twice, resolved
  EXPECT_EQ(e[2].kind, event_kind::kIncidentConfirmed);
  EXPECT_EQ(json::parse(e[2].detail)["expected_restore"], dvb::formatIso8601(restore));
  // The box's return-visit queue has them all.
  std::vector<Ticket> due;
  ASSERT_TRUE(store_->returnVisitQueue(at, &due, &error)) << error;
  EXPECT_EQ(due.size(), 4u);
}

TEST_P(IncidentStoreTest, MovesTheStatusDoesNotAllowAreRefused) {
  const int64_t id = openIncident();
  EXPECT_EQ(confirm(id + 100, kNow, kNow), IncidentOutcome::kNotFound);
  EXPECT_EQ(resolve(id + 100, kNow), IncidentOutcome::kNotFound);
  EXPECT_EQ(dismiss(id + 100, kNow), IncidentOutcome::kNotFound);
  EXPECT_EQ(confirm(id, kNow + 3600, kNow + 200), IncidentOutcome::kDone);
  // A confirmed outage is resolved, never dismissed.
  EXPECT_EQ(dismiss(id, kNow + 300), IncidentOutcome::kWrongStatus);
  EXPECT_EQ(resolve(id, kNow + 400), IncidentOutcome::kDone);
  EXPECT_EQ(resolve(id, kNow + 500), IncidentOutcome::kWrongStatus);
  EXPECT_EQ(confirm(id, kNow + 3600, kNow + 500), IncidentOutcome::kWrongStatus);
  EXPECT_EQ(dismiss(id, kNow + 500), IncidentOutcome::kWrongStatus);
  EXPECT_EQ(incident(id).resolved_at, kNow + 400);
  // Once it is resolved, new reports of the area count towards a new one.
  const Ticket t = file(4, kNow + 600);
  EXPECT_FALSE(t.incident);
  std::vector<std::string> next;
  const int64_t second = openIncident(&next, 5);
  EXPECT_NE(second, id);
  EXPECT_EQ(ticketsOf(second).size(), 4u);  // the report at +600 too
  // Dismissed: no further move.
  EXPECT_EQ(dismiss(second, kNow + 900), IncidentOutcome::kDone);
  EXPECT_EQ(confirm(second, kNow + 3600, kNow + 901), IncidentOutcome::kWrongStatus);
  EXPECT_EQ(resolve(second, kNow + 901), IncidentOutcome::kWrongStatus);
}

TEST_P(IncidentStoreTest, DismissPutsTheTicketsBackInTheQueue) {
  std::vector<std::string> tickets;
  const int64_t id = openIncident(&tickets);
  EXPECT_TRUE(queue().empty());
  EXPECT_EQ(dismiss(id, kNow + 500), IncidentOutcome::kDone);
  const Incident i = incident(id);
  EXPECT_EQ(i.status, IncidentStatus::kDismissed);
  EXPECT_EQ(i.resolved_at, kNow + 500);
  EXPECT_EQ(i.resolved_by, "wang.boss");
  EXPECT_EQ(i.reports, 3u);  // how many it had
  EXPECT_TRUE(ticketsOf(id).empty());
  EXPECT_EQ(queue(), tickets);
  for (const std::string& t : tickets) {
    const Ticket found = find(t);
    EXPECT_FALSE(found.incident);
    EXPECT_EQ(found.status, TicketStatus::kAccepted);
    const TicketEvent last = events(t).back();
    EXPECT_EQ(last.kind, event_kind::kDetached);
    EXPECT_EQ(last.actor, "wang.boss");
    EXPECT_EQ(json::parse(last.detail), (json{{"incident", id}, {"dismissed", true}}));
  }
  // Found not to be an outage, they do not open the next one: three new
  // reports do.
  EXPECT_FALSE(file(4, kNow + 600).incident);
  EXPECT_FALSE(file(5, kNow + 601).incident);
  const Ticket t = file(6, kNow + 602);
  ASSERT_TRUE(t.incident);
  EXPECT_EQ(ticketsOf(*t.incident).size(), 3u);
}

TEST_P(IncidentStoreTest, TheNoticeIsRecorded) {
  const int64_t id = openIncident();
  std::string error;
  const std::string sha(64, 'a');
  ASSERT_TRUE(store_->recordIncidentNotice(id, 0x7F000000u + 1, 2, sha, &error)) << error;
  const Incident i = incident(id);
  EXPECT_EQ(i.notice_object_id, 0x7F000000u + 1);
  EXPECT_EQ(i.notice_revision, 2u);
  EXPECT_EQ(i.notice_sha256, sha);
  EXPECT_FALSE(store_->recordIncidentNotice(id + 1, 1, 1, sha, &error));
  EXPECT_EQ(error, "no incident " + std::to_string(id + 1));
}

TEST_P(IncidentStoreTest, TheBoxSeesItsTicketResolvedAndItsAnswerReopensItForTheDesk) {
  UtcSeconds clock = kNow;
  CentralService service(*store_, DeadlinePolicy::defaults(), ServiceOptions{},
                         [&clock] { return clock; });
  std::vector<std::string> tickets;
  for (int n = 1; n <= 3; ++n) {
    char id[40];
    std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", n);
    const HttpResponse r = service.handle(
        apiRequest("POST", "/v1/reports", reportJson(id, "STB-TEST-0001"), id), "STB-TEST-0001");
    ASSERT_EQ(r.status, 201) << r.body;
    // The box's answer is what it always was.
    const json answer = json::parse(r.body);
    EXPECT_EQ(answer["status"], "accepted");
    EXPECT_FALSE(answer.contains("incident"));
    tickets.push_back(answer["ticket"]);
    clock += 60;
  }
  const std::vector<Incident> open = incidents(true);
  ASSERT_EQ(open.size(), 1u);
  const auto get = [&](const std::string& t) {
    const HttpResponse r = service.handle(apiRequest("GET", "/v1/tickets/" + t), "STB-TEST-0001");
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body, nullptr, false);
  };
  EXPECT_EQ(get(tickets[0])["status"], "accepted");
  EXPECT_EQ(resolve(open[0].id, clock), IncidentOutcome::kDone);
  for (const std::string& t : tickets) EXPECT_EQ(get(t)["status"], "resolved") << t;
  // Not fixed: the ticket is open again, and the desk's (its incident is over).
  clock += 600;
  const HttpResponse answered =
      service.handle(apiRequest("POST", "/v1/tickets/" + tickets[1] + "/return-visit",
                                R"({"fixed": false, "score": 3})"),
                     "STB-TEST-0001");
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(get(tickets[1])["status"], "accepted");
  EXPECT_EQ(queue(std::nullopt, true), (std::vector<std::string>{tickets[1]}));
}

}  // namespace
}  // namespace tools::central
