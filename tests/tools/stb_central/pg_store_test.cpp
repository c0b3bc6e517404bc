// stb-central on PostgreSQL, beyond what the store suites check on both
// backends: the placeholders, the migrations written down, two instances
// (two connections each with their own TicketStore) racing on the same
// reports and setting up the same empty database, and the console on
// either instance. Runs against the real server of the ctest fixture
// stb_postgres.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <regex>
#include <thread>

#include "tests/tools/stb_central/pg_test_db.h"
#include "tests/tools/stb_central/stb_central_test_util.h"
#include "tools/db/pg_connection.h"
#include "tools/stb-central/console/console.h"
#include "tools/stb-central/console/permissions.h"
#include "tools/stb-central/desk_statement.h"
#include "tools/stb-central/report_validation.h"
#include "tools/stb-central/ticket_store.h"
#include "tools/web/password.h"

namespace tools::central {
namespace {

using stb_central_test::freshPostgresSchema;
using stb_central_test::reportJson;

const UtcSeconds kNow = *dvb::parseIso8601("2026-12-04T10:00:00Z");

std::string uuid(int n) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "00000000-0000-4000-8000-%012d", n);
  return buf;
}

NewReport report(int n) {
  NewReport r;
  ValidationError problem;
  EXPECT_TRUE(parseReport(reportJson(uuid(n), "STB-TEST-0001"), &r, &problem)) << problem.message;
  return r;
}

const SubmitTerms kTerms{Severity::kGeneral, "general_fault", kNow + 24 * 3600, ""};

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

TEST(PostgresPlaceholders, NumberedAndBareBecomeDollarsOutsideQuotes) {
  EXPECT_EQ(db::postgresPlaceholders("SELECT ?1, ?12 WHERE a = '?' AND b = ?1"),
            "SELECT $1, $12 WHERE a = '?' AND b = $1");
  EXPECT_EQ(db::postgresPlaceholders("VALUES (?, ?, ?)"), "VALUES ($1, $2, $3)");
}

TEST(PostgresSpec, PostgresIsNamedSqliteIsAPath) {
  EXPECT_TRUE(db::isPostgres("postgresql://stb@db.example/stb"));
  EXPECT_TRUE(db::isPostgres("postgres://stb@db.example/stb"));
  EXPECT_TRUE(db::isPostgres("postgresql:host=/run/postgresql dbname=stb"));
  EXPECT_FALSE(db::isPostgres("/var/lib/stb-central/central.db"));
  EXPECT_FALSE(db::isPostgres("postgresql.db"));
  EXPECT_EQ(db::displayName("postgresql://stb:hunter2@db/stb"), "postgresql://stb@db/stb");
  EXPECT_EQ(db::displayName("postgresql:host=db password=hunter2 dbname=stb"),
            "postgresql:host=db dbname=stb");
  EXPECT_EQ(db::displayName("postgresql:host=db password=hunter2"), "postgresql:host=db");
}

class PostgresStore : public testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    spec_ = freshPostgresSchema(&error);
    ASSERT_FALSE(spec_.empty()) << error;
  }
  std::unique_ptr<TicketStore> open() {
    std::string error;
    auto store = TicketStore::open(spec_, &error);
    EXPECT_TRUE(store) << error;
    return store;
  }
  std::string spec_;
};

TEST_F(PostgresStore, ANewDatabaseWentThroughEveryStepAndWroteThemDown) {
  ASSERT_TRUE(open());
  std::string error;
  auto db = db::open(spec_, db::OpenOptions(), &error);
  ASSERT_TRUE(db) << error;
  Statement s(*db, "SELECT version, name FROM schema_migrations ORDER BY version");
  std::vector<int64_t> versions;
  while (s.step() == kRow) versions.push_back(s.integer(0));
  EXPECT_EQ(versions, (std::vector<int64_t>{1, 2, 3}));
  // Opening again applies nothing more.
  ASSERT_TRUE(open());
  Statement count(*db, "SELECT COUNT(*) FROM schema_migrations");
  ASSERT_EQ(count.step(), kRow);
  EXPECT_EQ(count.integer(0), 3);
}

TEST_F(PostgresStore, TwoInstancesSettingUpOneEmptyDatabaseAtOnceBothStart) {
  std::unique_ptr<TicketStore> a, b;
  std::thread other([&] { b = open(); });
  a = open();
  other.join();
  EXPECT_TRUE(a);
  EXPECT_TRUE(b);
}

TEST_F(PostgresStore, TheSameReportOnTwoInstancesAtOnceGivesOneTicket) {
  auto a = open(), b = open();
  ASSERT_TRUE(a && b);
  constexpr int kReports = 200;
  std::vector<SubmitResult> from_a(kReports), from_b(kReports);
  Barrier barrier;
  std::atomic<int> failures{0};
  const auto run = [&](TicketStore* store, std::vector<SubmitResult>* results) {
    for (int i = 0; i < kReports; ++i) {
      const NewReport r = report(i);
      barrier.arriveAndWait(i);
      std::string error;
      if (!store->submit(r, kTerms, kNow, &(*results)[static_cast<size_t>(i)], &error)) {
        ADD_FAILURE() << error;
        ++failures;
      }
    }
  };
  std::thread on_b(run, b.get(), &from_b);
  run(a.get(), &from_a);
  on_b.join();
  ASSERT_EQ(failures.load(), 0);
  int created_by_a = 0;
  for (int i = 0; i < kReports; ++i) {
    const SubmitResult& x = from_a[static_cast<size_t>(i)];
    const SubmitResult& y = from_b[static_cast<size_t>(i)];
    // One made it, the other found it: the same ticket.
    EXPECT_NE(x.outcome == SubmitOutcome::kCreated, y.outcome == SubmitOutcome::kCreated) << i;
    EXPECT_TRUE(x.outcome != SubmitOutcome::kConflict && y.outcome != SubmitOutcome::kConflict);
    EXPECT_EQ(x.ticket.ticket, y.ticket.ticket) << i;
    created_by_a += x.outcome == SubmitOutcome::kCreated;
  }
  std::vector<Ticket> all;
  std::string error;
  ASSERT_TRUE(a->listTickets(&all, &error)) << error;
  ASSERT_EQ(all.size(), static_cast<size_t>(kReports));
  // Numbered without a gap or a double.
  std::set<std::string> names;
  for (const Ticket& t : all) names.insert(t.ticket);
  EXPECT_EQ(names.size(), static_cast<size_t>(kReports));
  EXPECT_EQ(*names.rbegin(), "T20261204-000200");
  // Both did win some races: they ran at once.
  EXPECT_GT(created_by_a, 0);
  EXPECT_LT(created_by_a, kReports);
  std::vector<TicketEvent> events;
  ASSERT_TRUE(b->timeline(all[0].ticket, &events, &error)) << error;
  EXPECT_EQ(events.size(), 1u);  // one `accepted`, not two
}

TEST_F(PostgresStore, ChangesToOneTicketFromTwoInstancesAreNotLost) {
  auto a = open(), b = open();
  ASSERT_TRUE(a && b);
  SubmitResult created;
  std::string error;
  ASSERT_TRUE(a->submit(report(1), kTerms, kNow, &created, &error)) << error;
  const std::string t = created.ticket.ticket;
  // Both resolve at once: one does, the other finds it resolved already.
  ChangeResult ra, rb;
  std::thread on_b([&] {
    std::string e;
    EXPECT_TRUE(b->resolve(t, "b", kNow + 60, &rb, &e)) << e;
  });
  ASSERT_TRUE(a->resolve(t, "a", kNow + 60, &ra, &error)) << error;
  on_b.join();
  EXPECT_NE(ra.outcome == ChangeOutcome::kDone, rb.outcome == ChangeOutcome::kDone);
  std::vector<TicketEvent> events;
  ASSERT_TRUE(a->timeline(t, &events, &error)) << error;
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].kind, event_kind::kResolved);
}

TEST_F(PostgresStore, AConnectionTheServerDroppedIsMadeAgain) {
  // Named, so that only its connection is ended (other tests share the server).
  const std::string name = "stb_dropped_" + std::to_string(::getpid());
  std::string error;
  auto store = TicketStore::open(spec_ + " application_name=" + name, &error);
  ASSERT_TRUE(store) << error;
  SubmitResult created;
  ASSERT_TRUE(store->submit(report(1), kTerms, kNow, &created, &error)) << error;
  // As a server restart would.
  auto admin = db::open(spec_, db::OpenOptions(), &error);
  ASSERT_TRUE(admin) << error;
  Statement ended(*admin,
                  "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
                  "WHERE application_name = ?1");
  ASSERT_EQ(ended.bind(1, name).step(), kRow) << admin->lastError();
  ASSERT_EQ(ended.integer(0), 1);
  std::vector<Ticket> all;
  ASSERT_TRUE(store->listTickets(&all, &error)) << error;
  EXPECT_EQ(all.size(), 1u);
  ASSERT_TRUE(store->submit(report(2), kTerms, kNow, &created, &error)) << error;
  EXPECT_EQ(created.ticket.ticket, "T20261204-000002");
}

// The console of one instance: its own connections, its own sessions.
struct ConsoleInstance {
  std::unique_ptr<TicketStore> store;
  std::unique_ptr<StaffStore> staff;
  std::unique_ptr<Console> console;
};

std::string setCookieValue(const web::Response& r, const std::string& name) {
  for (const auto& [n, v] : r.headers)
    if (n == "Set-Cookie" && v.rfind(name + "=", 0) == 0)
      return v.substr(name.size() + 1, v.find(';') - name.size() - 1);
  return "";
}

web::Response send(Console& console, const std::string& method, const std::string& path,
                   const std::string& cookie = "", const std::string& body = "") {
  web::Request r;
  r.method = method;
  r.path = path;
  if (!cookie.empty()) r.headers.emplace_back("cookie", cookie);
  if (method == "POST") r.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
  r.body = body;
  return console.handle(r);
}

// The session cookie after logging in as LOGIN; "" when refused.
std::string logIn(Console& console, const std::string& login, const std::string& password) {
  const web::Response form = send(console, "GET", "/console/login");
  std::smatch m;
  if (!std::regex_search(form.body, m, std::regex(R"re(name="csrf" value="([0-9a-f]{64})")re")))
    return "";
  const web::Response r =
      send(console, "POST", "/console/login", "stb_login=" + setCookieValue(form, "stb_login"),
           "csrf=" + m[1].str() + "&login=" + login + "&password=" + password);
  return r.status == 303 ? setCookieValue(r, "stb_console") : "";
}

TEST_F(PostgresStore, TheConsoleLogsInOnEitherInstance) {
  ConsoleInstance instances[2];
  std::string error;
  for (ConsoleInstance& i : instances) {
    i.store = open();
    ASSERT_TRUE(i.store);
    i.staff = openDeskStaff(spec_, &error);
    ASSERT_TRUE(i.staff) << error;
    i.console =
        std::make_unique<Console>(*i.store, *i.staff, ConsoleOptions(), [] { return kNow; });
  }
  // The account is made through one instance (as `staff-add` would) ...
  StaffMember m;
  m.login = "wang.boss";
  m.name = "Wang";
  m.role = roleName(StaffRole::kSupervisor);
  m.password_hash = *web::hashPassword("s3cret-pass", web::ScryptCost{10, 8, 1});
  StaffStore::AddOutcome outcome;
  ASSERT_TRUE(instances[0].staff->add(m, &outcome, &error)) << error;
  // ... a ticket comes in through the other ...
  SubmitResult created;
  ASSERT_TRUE(instances[1].store->submit(report(7), kTerms, kNow, &created, &error)) << error;
  // ... and either one logs in and shows it.
  for (ConsoleInstance& i : instances) {
    const std::string session = logIn(*i.console, "wang.boss", "s3cret-pass");
    ASSERT_FALSE(session.empty());
    const web::Response queue =
        send(*i.console, "GET", "/console/queue", "stb_lang=eng; stb_console=" + session);
    EXPECT_EQ(queue.status, 200);
    EXPECT_NE(queue.body.find(created.ticket.ticket), std::string::npos);
  }
  // Sessions stay in the instance that made them (docs/central-api.md: the
  // load balancer keeps a browser on one instance): the other asks to log in.
  const std::string session = logIn(*instances[0].console, "wang.boss", "s3cret-pass");
  const web::Response elsewhere =
      send(*instances[1].console, "GET", "/console/queue", "stb_lang=eng; stb_console=" + session);
  EXPECT_EQ(elsewhere.status, 303);
}

}  // namespace
}  // namespace tools::central
