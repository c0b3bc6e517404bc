// stb-central sheds load by itself (tools/stb-central/admission.h), against
// the built binary: a burst of box reports while the store is held up
// (another writer holds SQLite's write lock, as a long admin command would)
// is partly answered 503 with Retry-After at once; afterwards every report
// is accepted, each with one ticket. And clients without a box certificate,
// however many, never take a place in the queue.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "tests/support/central_server.h"
#include "tests/tools/stb_central/stb_central_test_util.h"
#include "tools/stb-fleet/fleet_http.h"

namespace {

using stb_central_test::reportJson;
using testing_support::CentralServer;
using testing_support::CentralServerOptions;
using testing_support::ScratchDir;
using testing_support::TestPki;
using tools::fleet::FleetHttp;

const char kBox[] = "STB-TEST-0001";

std::string reportId(int i) {
  char id[40];
  std::snprintf(id, sizeof id, "3f1c2a4e-8b7d-4e2a-9c1f-%012d", i);
  return id;
}

size_t count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// The box's report I, from loopback address SOURCE (the server allows 32
// connections a peer); FORGED: with a certificate for the same CN from
// another CA, which the server refuses (an unauthenticated client).
FleetHttp::Request reportRequest(const CentralServer& server, const TestPki& pki, int i,
                                 const std::string& source, bool forged,
                                 stb::CentralApi::Done done) {
  FleetHttp::Request r;
  r.url = server.url() + "/v1/reports";
  r.ca_file = pki.pem("ca");
  const std::string cert = (forged ? "other-ca-box-" : "box-") + std::string(kBox);
  r.cert_file = pki.pem(cert);
  r.key_file = pki.key(cert);
  r.source_address = source;
  r.body = reportJson(reportId(i), kBox);
  r.headers = {"Idempotency-Key: " + reportId(i)};
  r.done = std::move(done);
  return r;
}

// Another writer holds the database's write lock until release().
class WriteLock {
 public:
  explicit WriteLock(const std::string& path) {
    if (sqlite3_open(path.c_str(), &db_) == SQLITE_OK)
      held_ = sqlite3_exec(db_, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK;
  }
  ~WriteLock() {
    release();
    sqlite3_close(db_);
  }
  bool held() const { return held_; }
  void release() {
    if (held_) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
    held_ = false;
  }

 private:
  sqlite3* db_ = nullptr;
  bool held_ = false;
};

TEST(CentralShedding, ABurstBeyondMaxPendingIsToldToComeBackAndNothingIsDoubled) {
  TestPki pki;
  ASSERT_TRUE(pki.ok()) << pki.output();
  ScratchDir dir("stb-central-shedding");
  CentralServer server;
  CentralServerOptions options;
  options.db = dir / "central.db";
  // 0: none may wait, so of serve's 2 threads one is always free to finish
  // handshakes and shed. With waiting places, the threads that wait for the
  // store also hold the handshakes of the connections they poll, and on a
  // loaded machine those time out before the gate sees them (noted in
  // docs/central-api.md); the places themselves are AdmissionGate's tests.
  options.extra = {"--max-pending", "0"};
  std::string error;
  ASSERT_TRUE(server.start(pki, options, &error)) << error;
  std::unique_ptr<FleetHttp> http = FleetHttp::create(&error);
  ASSERT_TRUE(http) << error;

  // The burst: 40 reports at once while the store is held up; the lock goes
  // as soon as the first 503 is in (SQLite's busy wait is 5 s).
  constexpr int kReports = 40;
  WriteLock lock(options.db);
  ASSERT_TRUE(lock.held());
  std::map<int, long> status;
  std::map<int, std::optional<int64_t>> retry_after;
  int shed = 0;
  for (int i = 0; i < kReports; ++i)
    http->start(reportRequest(server, pki, i, "127.0.3." + std::to_string(i + 1), false,
                              [&, i](const stb::CentralResponse& r) {
                                status[i] = r.http_status;
                                retry_after[i] = r.retry_after_ms;
                                if (r.http_status == 503) ++shed;
                              }));
  while (http->inFlight() > 0) {
    http->pump(20);
    if (shed > 0) lock.release();
  }
  lock.release();
  ASSERT_GT(shed, 0) << server.log();
  int accepted = 0, failed = 0;
  for (const auto& [i, s] : status) {
    if (s == 503) {
      ASSERT_TRUE(retry_after[i]) << "report " << i;
      EXPECT_GE(*retry_after[i], 1000);
      EXPECT_LE(*retry_after[i], 300'000);
    } else if (s == 201) {
      ++accepted;  // admitted: it waited its turn and got its ticket
    } else {
      // What a box retries like any failure, never a ticket twice (checked
      // below): the store's own 500 when SQLite's busy wait ran out, or no
      // answer (0) when a loaded machine let the handshake time out while
      // the server's threads waited for the store.
      EXPECT_TRUE(s == 500 || s == 0) << "report " << i << ": " << s;
      ++failed;
    }
  }
  EXPECT_EQ(accepted + shed + failed, kReports);

  // After the burst, one at a time (as the boxes' jittered retries come):
  // every report is accepted, each repeat gets its ticket back.
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < kReports; ++i) {
      long answer = 0;
      http->start(
          reportRequest(server, pki, i, "127.0.3.200", false,
                        [&answer](const stb::CentralResponse& r) { answer = r.http_status; }));
      while (http->inFlight() > 0) http->pump(20);
      EXPECT_TRUE(answer == 201 || answer == 200) << "report " << i << ": " << answer;
      if (round == 1) {
        EXPECT_EQ(answer, 200) << "report " << i;
      }
    }
  }
  ASSERT_EQ(server.stop(), 0);
  const auto tickets = server.tickets();
  std::set<std::string> ids;
  for (const auto& t : tickets) ids.insert(t.report_id);
  EXPECT_EQ(tickets.size(), static_cast<size_t>(kReports));
  EXPECT_EQ(ids.size(), static_cast<size_t>(kReports));

  // One episode, logged when it began and when it ended, with its count;
  // each refused request has its access line marked.
  const std::string log = server.log();
  EXPECT_EQ(count(log, "box api: shedding load:"), 1u) << log;
  EXPECT_EQ(count(log, "box api: stopped shedding load after"), 1u) << log;
  EXPECT_NE(log.find(std::to_string(shed) + " requests answered 503"), std::string::npos) << log;
  EXPECT_EQ(count(log, " 503 shed"), static_cast<size_t>(shed)) << log;
}

// Only requests with a verified box certificate reach the gate: with no
// waiting allowed at all (--max-pending 0), a box that sends one report at a
// time is never shed, however many clients without a certificate knock
// meanwhile.
TEST(CentralShedding, ClientsWithoutACertificateNeverTakeAPlace) {
  TestPki pki;
  ASSERT_TRUE(pki.ok()) << pki.output();
  ScratchDir dir("stb-central-shedding-anon");
  CentralServer server;
  CentralServerOptions options;
  options.db = dir / "central.db";
  options.extra = {"--max-pending", "0"};
  std::string error;
  ASSERT_TRUE(server.start(pki, options, &error)) << error;
  std::unique_ptr<FleetHttp> http = FleetHttp::create(&error);
  ASSERT_TRUE(http) << error;

  constexpr int kReports = 20, kAnonymous = 24;
  int anonymous_done = 0, anonymous_answered = 0, box_done = 0;
  std::vector<long> box_status;
  std::function<void(int)> knock = [&](int n) {
    http->start(reportRequest(server, pki, 1000 + n, "127.0.4." + std::to_string(n % 200 + 1), true,
                              [&, n](const stb::CentralResponse& r) {
                                ++anonymous_done;
                                if (r.http_status != 0) ++anonymous_answered;
                                if (box_done < kReports) knock(n + kAnonymous);
                              }));
  };
  std::function<void()> send_next = [&] {
    const int i = box_done;
    http->start(
        reportRequest(server, pki, i, "127.0.3.1", false, [&](const stb::CentralResponse& r) {
          box_status.push_back(r.http_status);
          if (++box_done < kReports) send_next();
        }));
  };
  for (int n = 0; n < kAnonymous; ++n) knock(n);
  send_next();
  while (http->inFlight() > 0) http->pump(20);

  ASSERT_EQ(box_status.size(), static_cast<size_t>(kReports));
  for (size_t i = 0; i < box_status.size(); ++i) EXPECT_EQ(box_status[i], 201) << i;
  EXPECT_GE(anonymous_done, kAnonymous);
  EXPECT_EQ(anonymous_answered, 0);  // refused in the handshake, never an HTTP answer
  ASSERT_EQ(server.stop(), 0);
  // They did reach the server, and were refused for their certificate.
  EXPECT_NE(server.log().find("without a valid client certificate"), std::string::npos)
      << server.log();
  EXPECT_EQ(server.log().find("shedding"), std::string::npos) << server.log();
  EXPECT_EQ(server.tickets().size(), static_cast<size_t>(kReports));
}

}  // namespace
