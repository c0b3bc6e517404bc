// Incidents with two instances on one PostgreSQL (two connections, each
// with its own TicketStore), their calls overlapping: an area still gets
// one open incident, every outage report joins it, and a resolution racing
// with new reports never leaves a report open on a closed incident.
#include <gtest/gtest.h>

#include <atomic>
#include <map>
#include <thread>

#include "tests/tools/stb_central/pg_test_db.h"
#include "tests/tools/stb_central/stb_central_test_util.h"
#include "tools/stb-central/report_validation.h"
#include "tools/stb-central/ticket_store.h"

namespace tools::central {
namespace {

using stb_central_test::reportJson;

const UtcSeconds kMidnight = *dvb::parseIso8601("2026-12-05T00:00:00Z");
const SubmitTerms kTerms{Severity::kMajor, "major_fault", kMidnight + 72 * 3600, ""};

NewReport report(int n, const std::string& area) {
  char id[40];
  std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", n);
  NewReport r;
  ValidationError problem;
  EXPECT_TRUE(parseReport(reportJson(id, "STB-TEST-0001"), &r, &problem)) << problem.message;
  r.area_code = area;
  return r;
}

// Two threads meet here before each round, so that their calls overlap.
class Barrier {
 public:
  void arriveAndWait(int round) {
    arrived_.fetch_add(1);
    while (arrived_.load() < 2 * (round + 1)) std::this_thread::yield();
  }

 private:
  std::atomic<int> arrived_{0};
};

class IncidentPostgres : public testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    spec_ = stb_central_test::freshPostgresSchema(&error);
    ASSERT_FALSE(spec_.empty()) << error;
    for (auto& store : stores_) {
      store = TicketStore::open(spec_, &error);
      ASSERT_TRUE(store) << error;
    }
  }
  // ROUNDS reports from each instance, both calls of a round at once:
  // instance I files report WHAT(I, round) at WHEN(I, round).
  template <typename What, typename When>
  void race(int rounds, const What& what, const When& when) {
    Barrier barrier;
    const auto run = [&](int instance) {
      for (int round = 0; round < rounds; ++round) {
        const auto [n, area] = what(instance, round);
        const NewReport r = report(n, area);
        barrier.arriveAndWait(round);
        SubmitResult result;
        std::string error;
        EXPECT_TRUE(stores_[instance]->submit(r, kTerms, when(instance, round), &result, &error))
            << error;
      }
    };
    std::thread other(run, 1);
    run(0);
    other.join();
  }
  std::vector<Ticket> tickets() {
    std::vector<Ticket> all;
    std::string error;
    EXPECT_TRUE(stores_[0]->listTickets(&all, &error)) << error;
    return all;
  }
  std::vector<Incident> incidents() {
    std::vector<Incident> all;
    std::string error;
    EXPECT_TRUE(stores_[1]->listIncidents(false, &all, &error)) << error;
    return all;
  }
  std::string spec_;
  std::unique_ptr<TicketStore> stores_[2];
};

TEST_F(IncidentPostgres, TwoInstancesOpeningAnAreasIncidentAtOnceOpenOne) {
  // Every report opens an incident, and the two of a round are received on
  // two UTC days, so that they do not wait for each other's ticket number:
  // only the unique index keeps the area to one incident.
  IncidentRules one;
  one.min_reports = 1;
  for (auto& store : stores_) store->setIncidentRules(one);
  constexpr int kRounds = 40;
  race(
      kRounds,
      [](int instance, int round) {
        return std::pair<int, std::string>(2 * round + instance, "R" + std::to_string(round));
      },
      [](int instance, int) { return instance == 0 ? kMidnight - 1 : kMidnight; });
  const std::vector<Incident> all = incidents();
  ASSERT_EQ(all.size(), static_cast<size_t>(kRounds));
  std::map<std::string, int64_t> by_area;
  for (const Incident& i : all) {
    EXPECT_TRUE(by_area.emplace(i.area_code, i.id).second) << "two incidents in " << i.area_code;
    EXPECT_EQ(i.reports, 2u) << i.area_code;
  }
  const std::vector<Ticket> filed = tickets();
  ASSERT_EQ(filed.size(), static_cast<size_t>(2 * kRounds));
  for (const Ticket& t : filed) EXPECT_EQ(t.incident, by_area[t.area_code]) << t.ticket;
}

TEST_F(IncidentPostgres, ReportsOfOneAreaFromTwoInstancesAtOnceAllJoinOneIncident) {
  for (auto& store : stores_) store->setIncidentRules(IncidentRules{});
  constexpr int kRounds = 50;
  race(
      kRounds,
      [](int instance, int round) {
        return std::pair<int, std::string>(2 * round + instance, "A01");
      },
      [](int, int round) { return kMidnight + 3600 + round; });
  const std::vector<Incident> all = incidents();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].reports, static_cast<size_t>(2 * kRounds));
  EXPECT_EQ(all[0].status, IncidentStatus::kSuspected);
  for (const Ticket& t : tickets()) EXPECT_EQ(t.incident, all[0].id) << t.ticket;
}

TEST_F(IncidentPostgres, AResolutionRacingNewReportsLeavesNoReportOnAClosedIncident) {
  for (auto& store : stores_) store->setIncidentRules(IncidentRules{});
  const UtcSeconds start = kMidnight + 7200;
  for (int n = 0; n < 3; ++n) {
    SubmitResult result;
    std::string error;
    ASSERT_TRUE(stores_[0]->submit(report(1000 + n, "A01"), kTerms, start, &result, &error))
        << error;
  }
  ASSERT_EQ(incidents().size(), 1u);
  const int64_t first = incidents()[0].id;
  // Instance 1 files reports while instance 0 resolves the incident midway.
  constexpr int kReports = 40;
  Barrier barrier;
  std::thread filer([&] {
    for (int n = 0; n < kReports; ++n) {
      const NewReport r = report(n, "A01");
      if (n == kReports / 2) barrier.arriveAndWait(0);
      SubmitResult result;
      std::string error;
      EXPECT_TRUE(stores_[1]->submit(r, kTerms, start + 10 + n, &result, &error)) << error;
    }
  });
  barrier.arriveAndWait(0);
  IncidentOutcome outcome;
  std::string error;
  EXPECT_TRUE(stores_[0]->resolveIncident(first, "wang.boss", start + 30, &outcome, &error))
      << error;
  filer.join();
  EXPECT_EQ(outcome, IncidentOutcome::kDone);
  // Each report is resolved with the first incident, or open on a later
  // incident that is open, or open and unattached: never open on the first.
  size_t on_first = 0;
  for (const Ticket& t : tickets()) {
    if (t.incident == first) {
      ++on_first;
      EXPECT_EQ(t.status, TicketStatus::kResolved) << t.ticket;
      EXPECT_TRUE(t.return_visit_due) << t.ticket;
    } else {
      EXPECT_EQ(t.status, TicketStatus::kAccepted) << t.ticket;
    }
  }
  std::optional<Incident> resolved;
  ASSERT_TRUE(stores_[1]->findIncident(first, &resolved, &error)) << error;
  ASSERT_TRUE(resolved);
  EXPECT_EQ(resolved->reports, on_first);
  EXPECT_GE(on_first, 3u + kReports / 2);
  const std::vector<Incident> all = incidents();
  for (const Incident& i : all) {
    if (i.id != first) {
      EXPECT_EQ(i.status, IncidentStatus::kSuspected);
    }
  }
  EXPECT_LE(all.size(), 2u);
}

}  // namespace
}  // namespace tools::central
