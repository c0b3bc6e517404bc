// Fault reports that survive anything, through the real stbd and stb-central
// (issue 5): stbd killed with SIGKILL at random moments while the viewer
// files a report and while it is being sent, with the central system up and
// down, and then every report the box stored arrives exactly once; and TLS
// set up wrongly (wrong CA, expired server certificate, wrong host name, no
// client certificate): nothing is delivered, the log says why, the report
// stays queued and goes once the box is set up right.
//
// stbd runs in --replay realtime on a short stream with a key script; the
// test watches its log (stderr, written line by line) and stb-central's, and
// acts right after a chosen line. Key scripts run on stream time, which
// stbd reads in turns: keys up to a second past the stream's start come at
// the first turn, the next ones about 2 s later (stbd/stbd_run.cpp).
// STB_TEST_SEED=N repeats a run's kill moments.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <thread>

#include "dvb/mjd_time.h"
#include "platform/sqlite_outbox_store.h"
#include "platform/sqlite_state_store.h"
#include "tests/stbd/stbd_run.h"
#include "tests/support/central_server.h"
#include "tests/support/child_process.h"
#include "tests/support/corpus.h"

namespace {

using namespace std::chrono_literals;
using stbd_test::Scenario;
using stbd_test::startCentral;
using testing_support::binPath;
using testing_support::CentralServer;
using testing_support::CentralTicket;
using testing_support::ChildProcess;
using testing_support::TestPki;

const char kBoxCert[] = "box-STB-TEST-0001";  // the box's certificate in the test PKI

// The notice stream: one notice meant for another area (nothing crawls).
const char kNotices[] = R"({"notices": [{"id": 9, "revision": 1,
    "kind": "information", "start": "2026-12-20T00:00:00Z", "end": "2026-12-21T00:00:00Z",
    "targets": {"areas": ["44"]}, "texts": [{"language": "eng", "title": "Elsewhere",
    "body": "Not for Jiangxi."}]}]})";

struct BoxSetup {
  std::string url, ca = "ca", client = kBoxCert;  // client "": no client certificate
};

std::string centralSection(const TestPki& pki, const BoxSetup& b) {
  std::string s = "[central]\nurl = " + b.url + "\nca = " + pki.pem(b.ca) + "\n";
  if (!b.client.empty())
    s += "client_cert = " + pki.pem(b.client) + "\nclient_key = " + pki.key(b.client) + "\n";
  return s;
}

// A stream of SECONDS from now (the central system refuses reports dated in
// its future; the stream's time is the report's).
std::string buildStream(Scenario& s, int seconds, dvb::UtcSeconds* start) {
  *start = static_cast<dvb::UtcSeconds>(std::time(nullptr));
  return s.buildStream("live", kNotices, dvb::formatIso8601(*start),
                       dvb::formatIso8601(*start + seconds), "1s");
}

// The viewer files "no picture" with OK on every page: MENU, Report a
// fault, no picture, no callback number, visit period, confirm; all at the
// first turn. SPLIT holds the last three keys back to the second turn (about
// 2 s later), so that the menu stays open a while before the confirm key.
std::string writeFilingKeys(Scenario& s, dvb::UtcSeconds start, bool split) {
  std::string path = s.path(split ? "filing-split.keys" : "filing.keys");
  std::ofstream out(path);
  out << dvb::formatIso8601(start) << " MENU\n+200ms OK\n+200ms OK\n"
      << (split ? "+1900ms OK\n" : "+200ms OK\n") << "+100ms OK\n+100ms OK\n";
  return path;
}

std::string writeNoKeys(Scenario& s) {
  std::string path = s.path("none.keys");
  std::ofstream(path) << "# nothing pressed\n";
  return path;
}

// One stbd in realtime replay at debug level, its log in NAME.log.
class Stbd {
 public:
  Stbd(Scenario& s, const std::string& config, const std::string& stream, const std::string& keys,
       const std::string& name)
      : log_path_(s.path(name + ".log")) {
    std::string error;
    started_ = process_.start({binPath("stbd"), "--config", config, "--source", stream, "--replay",
                               "realtime", "--keys", keys, "--log-level", "debug"},
                              s.path(name + ".out"), log_path_, &error);
    EXPECT_TRUE(started_) << error;
  }
  // True once the log holds NEEDLE COUNT times (false if stbd ends first).
  bool waitFor(const std::string& needle, size_t count = 1,
               std::chrono::milliseconds timeout = 20s) {
    return started_ && testing_support::waitForText(log_path_, needle, count, timeout, &process_);
  }
  // Which of NEEDLES shows first; -1 if none within TIMEOUT or stbd ended.
  int waitForAny(const std::vector<std::string>& needles, std::chrono::milliseconds timeout = 20s) {
    const auto give_up = std::chrono::steady_clock::now() + timeout;
    while (started_) {
      const bool ended = !process_.running() || process_.wait(0ms);
      const std::string text = log();
      for (size_t i = 0; i < needles.size(); ++i)
        if (text.find(needles[i]) != std::string::npos) return static_cast<int>(i);
      if (ended || std::chrono::steady_clock::now() >= give_up) break;
      std::this_thread::sleep_for(1ms);
    }
    return -1;
  }
  // SIGKILL: the power cut. Its status (-SIGKILL, or its exit status if it
  // had ended already).
  int kill() {
    process_.signal(SIGKILL);
    return process_.wait(60s).value_or(0);
  }
  // SIGTERM: a clean stop (stbd exits 0).
  int stop() { return process_.stop(30s); }
  std::string log() const { return testing_support::readTextFile(log_path_); }

 private:
  std::string log_path_;
  ChildProcess process_;
  bool started_ = false;
};

// Report ids in LOG lines matching PATTERN (one group: the id).
std::vector<std::string> idsIn(const std::string& log, const std::string& pattern) {
  std::vector<std::string> out;
  const std::regex re(pattern);
  for (std::sregex_iterator it(log.begin(), log.end(), re), end; it != end; ++it)
    out.push_back((*it)[1]);
  return out;
}

const char kStoredRe[] = "fault report ([0-9a-f-]{36}) stored in the outbox";
const char kDeliveredRe[] = "central: report ([0-9a-f-]{36}) delivered \\(HTTP 20[01]\\)";
const char kRepeatRe[] = "central: report ([0-9a-f-]{36}) delivered \\(HTTP 200\\)";

// The box's outbox as stored on its flash (read while no stbd runs).
std::vector<stb::OutboxReport> storedReports(const Scenario& s) {
  std::string error;
  auto state = platform::SqliteStateStore::open(s.path("state"), &error);
  EXPECT_TRUE(state) << error;
  if (!state) return {};
  EXPECT_FALSE(state->recovery()) << *state->recovery();  // a kill never damages it
  std::vector<stb::OutboxReport> rows;
  {
    auto store = platform::SqliteOutboxStore::open(*state, &error);
    EXPECT_TRUE(store) << error;
    if (store) {
      EXPECT_TRUE(store->list(&rows, &error)) << error;
    }
  }
  std::vector<stb::OutboxReport> reports;
  for (auto& r : rows)
    if (r.kind == stb::OutboxKind::kReport) reports.push_back(std::move(r));
  return reports;
}

// ---- SIGKILL at random moments ----

enum class Moment { kNavigating, kConfirming, kSending, kAnswered, kResending };

const char* momentName(Moment m) {
  switch (m) {
    case Moment::kNavigating:
      return "navigating the menu";
    case Moment::kConfirming:
      return "around the confirm key";
    case Moment::kSending:
      return "sending the new report";
    case Moment::kAnswered:
      return "the central system has just answered";
    case Moment::kResending:
      return "resending at start";
  }
  return "?";
}

// What each round aims at, in blocks of four: with the central system up
// (rounds 0-3, 8-11, ...), then down (4-7, 12-15, ...; the last block is
// down, so that reports wait for the final run).
struct Plan {
  bool central_up;
  Moment moment;
};
Plan planFor(int n) {
  static const Moment kUp[] = {Moment::kConfirming, Moment::kSending, Moment::kAnswered,
                               Moment::kResending};
  static const Moment kDown[] = {Moment::kNavigating, Moment::kConfirming, Moment::kSending,
                                 Moment::kResending};
  const bool up = (n / 4) % 2 == 0;
  return Plan{up, up ? kUp[n % 4] : kDown[n % 4]};
}

uint64_t testSeed() {
  if (const char* env = std::getenv("STB_TEST_SEED"); env && *env)
    return std::strtoull(env, nullptr, 10);
  return std::random_device{}();
}

TEST(StbdFaultResilience, KilledAtRandomWhileFilingAndSendingEveryStoredReportArrivesOnce) {
  const uint64_t seed = testSeed();
  SCOPED_TRACE("seed " + std::to_string(seed) + " (STB_TEST_SEED=" + std::to_string(seed) +
               " runs these kills again)");
  std::cout << "seed " << seed << "\n";
  std::mt19937_64 rng(seed);
  const auto uniform = [&rng](int lo, int hi) {
    return std::uniform_int_distribution<int>(lo, hi)(rng);
  };

  Scenario s("resilience");
  const TestPki pki;
  CentralServer central;
  startCentral(central, pki, s);
  if (HasFatalFailure()) return;
  const int port = central.port();
  dvb::UtcSeconds start = 0;
  const std::string stream = buildStream(s, 4, &start);
  const std::string filing = writeFilingKeys(s, start, false);
  const std::string filing_slowly = writeFilingKeys(s, start, true);
  const std::string config = s.writeConfig("eng", centralSection(pki, {central.url()}));

  constexpr int kRounds = 48;    // an even number of blocks
  std::set<std::string> logged;  // every id a "stored in the outbox" line named
  int navigating_kills = 0, sending_rounds = 0, storing_rounds = 0;
  std::string all_logs;
  for (int round = 0; round < kRounds; ++round) {
    const Plan plan = planFor(round);
    const bool up = plan.central_up;
    Moment moment = plan.moment;
    if (up && !central.running()) startCentral(central, pki, s, "server", port);
    if (!up && central.running()) central.stop();
    if (HasFatalFailure()) return;
    const size_t answered_before = testing_support::countOf(central.log(), " POST /v1/reports 20");

    const std::string name = "round" + std::to_string(round);
    // Only a kill while navigating needs the menu open for a while.
    Stbd stbd(s, config, stream, moment == Moment::kNavigating ? filing_slowly : filing, name);
    std::string anchor;
    int delay_ms = 0;
    bool seen = false;
    if (moment == Moment::kResending) {
      // The reports an earlier round left waiting go out at start; when
      // none is waiting, the new report is sent instead.
      const int first =
          stbd.waitForAny({"item(s) waiting to be sent", "remote: reading DirectFB key events"});
      if (first == 0) {
        anchor = "item(s) waiting to be sent";
        delay_ms = uniform(0, 120);
        seen = true;
      } else {
        moment = Moment::kSending;
      }
    }
    switch (moment) {
      case Moment::kNavigating:
        anchor = "menu: opened";  // with the first keys; the rest come at the next turn
        delay_ms = uniform(0, 1000);
        seen = stbd.waitFor(anchor);
        break;
      case Moment::kConfirming: {
        // The 2nd to 5th OK: the last pages, the confirm key and the
        // outbox write take a few milliseconds in all (more under ASan).
        const int key = uniform(2, 5);
        anchor = "key OK from key script";
        delay_ms = uniform(0, 3);
        seen = stbd.waitFor(anchor, static_cast<size_t>(key));
        anchor += " #" + std::to_string(key);
        break;
      }
      case Moment::kSending:
        anchor = "stored in the outbox";  // the POST starts right after
        delay_ms = uniform(0, 150);
        seen = stbd.waitFor(anchor);
        ++sending_rounds;
        break;
      case Moment::kAnswered:
        // stb-central logs a request once its ticket is committed, just
        // before it answers: the kill lands at once, often before the box
        // has recorded the answer (its next start resends; HTTP 200).
        anchor = "POST /v1/reports 20 in stb-central's log";
        delay_ms = 0;
        seen = testing_support::waitForText(central.logPath(), " POST /v1/reports 20",
                                            answered_before + 1, 20s);
        break;
      case Moment::kResending:
        break;
    }
    EXPECT_TRUE(seen) << name << ": no '" << anchor << "' line:\n" << stbd.log();
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms));
    const int status = stbd.kill();
    const std::string log = stbd.log();
    all_logs += log;

    // Where the kill landed, from what the log got to say.
    const auto stored = idsIn(log, kStoredRe);
    logged.insert(stored.begin(), stored.end());
    const bool opened = log.find("menu: opened") != std::string::npos;
    const bool confirmed = log.find("menu: the viewer confirmed") != std::string::npos;
    std::string landed = !opened          ? "before the menu opened"
                         : !confirmed     ? "menu open, nothing confirmed"
                         : stored.empty() ? "confirmed, before the outbox write was logged"
                                          : "report stored";
    if (opened && !confirmed) ++navigating_kills;
    if (!stored.empty()) ++storing_rounds;
    if (!stored.empty()) {
      const std::string id = stored[0];
      landed += log.find("report " + id + " delivered") != std::string::npos ? ", delivered"
                : log.find("report " + id + " not delivered") != std::string::npos
                    ? ", its attempt failed"
                    : ", no answer yet";
    }
    const size_t resent =
        idsIn(log, kDeliveredRe).size() - (landed.find(", delivered") != std::string::npos);
    std::cout << name << ": central " << (up ? "up" : "down") << ", SIGKILL " << delay_ms
              << " ms after '" << anchor << "' (" << momentName(moment) << "): "
              << (status == -SIGKILL ? ""
                                     : "it had ended (status " + std::to_string(status) + "); ")
              << landed << "; " << resent << " earlier report(s) delivered\n";
  }

  // The central system is up: a run without keys sends what waits, then
  // stops cleanly.
  if (!central.running()) startCentral(central, pki, s, "server", port);
  if (HasFatalFailure()) return;
  {
    Stbd last(s, config, stream, writeNoKeys(s), "final");
    ASSERT_EQ(last.waitForAny({"item(s) waiting to be sent", "remote: reading"}), 0)
        << "the rounds with the central system down left nothing waiting:\n"
        << last.log();
    const auto waiting = idsIn(last.log(), "fault outbox: ([0-9]+) item\\(s\\) waiting");
    ASSERT_EQ(waiting.size(), 1u) << last.log();
    const size_t n = std::stoul(waiting[0]);
    EXPECT_TRUE(last.waitFor(" delivered (HTTP 20", n, 60s)) << last.log();
    std::cout << "final run: " << n << " report(s) waiting, "
              << idsIn(last.log(), kDeliveredRe).size() << " delivered\n";
    EXPECT_TRUE(last.waitFor("remote: reading")) << last.log();
    EXPECT_EQ(last.stop(), 0) << last.log();
    all_logs += last.log();
  }

  // Exactly once: every report the box stored (its rows, and every id a log
  // line called stored) is on the central system once, with the ticket the
  // box holds; nothing else is there.
  const std::vector<stb::OutboxReport> rows = storedReports(s);
  std::set<std::string> ids = logged;
  std::map<std::string, std::string> box_ticket;
  for (const auto& r : rows) {
    ids.insert(r.report_id);
    box_ticket[r.report_id] = r.ticket;
    EXPECT_EQ(r.state, "sent") << r.report_id << ": " << r.last_error;
  }
  for (const std::string& id : logged)
    EXPECT_TRUE(box_ticket.count(id)) << "report " << id << " was stored, then lost";
  const std::vector<CentralTicket> tickets = central.tickets();
  std::map<std::string, int> on_central;
  for (const CentralTicket& t : tickets) {
    ++on_central[t.report_id];
    EXPECT_TRUE(ids.count(t.report_id))
        << "a ticket for a report the box never stored: " << t.ticket << " " << t.report_id;
    if (box_ticket.count(t.report_id)) {
      EXPECT_EQ(box_ticket[t.report_id], t.ticket);
    }
  }
  for (const std::string& id : ids) EXPECT_EQ(on_central[id], 1) << "report " << id;
  EXPECT_EQ(tickets.size(), ids.size());

  // Not vacuous: every sending round stored a report, and some rounds were
  // killed with the menu open and nothing confirmed.
  EXPECT_GE(storing_rounds, sending_rounds);
  EXPECT_GE(sending_rounds, kRounds / 4);
  EXPECT_GE(ids.size(), static_cast<size_t>(storing_rounds));
  EXPECT_GE(navigating_kills, 1);
  // A kill never damages the database (it would be moved aside, reports
  // and all), nor leaves anything the next start complains about.
  for (const std::string& line : stbd_test::linesWith(all_logs, "] error: ")) ADD_FAILURE() << line;
  std::cout << ids.size() << " report(s) stored in " << kRounds << " rounds, " << tickets.size()
            << " ticket(s); " << idsIn(all_logs, kRepeatRe).size()
            << " delivery(ies) answered 200 (the central system had it already: a kill "
               "between its commit and the box's)\n";
}

// ---- TLS set up wrongly ----

struct TlsCase {
  std::string server_cert;  // the server's certificate in the PKI
  BoxSetup box;             // url filled in by the test
  std::string reason;       // what the log line says
};

// The report is filed with the box set up as C.box: not delivered, the log
// says C.reason, the central system holds nothing and the report waits.
// Then, set up right, the box delivers it once.
void expectHeldBackThenDelivered(const std::string& name, const TlsCase& c) {
  Scenario s(name);
  const TestPki pki;
  CentralServer central;
  startCentral(central, pki, s, c.server_cert);
  if (testing::Test::HasFatalFailure()) return;
  dvb::UtcSeconds start = 0;
  const std::string stream = buildStream(s, 3, &start);
  BoxSetup wrong = c.box;
  wrong.url = central.url();
  std::string config = s.writeConfig("eng", centralSection(pki, wrong));
  std::string id;
  {
    Stbd stbd(s, config, stream, writeFilingKeys(s, start, false), "wrong");
    ASSERT_TRUE(stbd.waitFor(" not delivered: ")) << stbd.log();
    EXPECT_EQ(stbd.stop(), 0);
    const std::string log = stbd.log();
    const auto stored = idsIn(log, kStoredRe);
    ASSERT_EQ(stored.size(), 1u) << log;
    id = stored[0];
    const auto lines = stbd_test::linesWith(log, "report " + id + " not delivered: " + c.reason);
    EXPECT_FALSE(lines.empty()) << "no line saying '" << c.reason << "':\n" << log;
    for (const auto& line : lines) std::cout << line << "\n";
    EXPECT_TRUE(stbd_test::linesWith(log, " delivered (HTTP").empty()) << log;
  }
  EXPECT_TRUE(central.tickets().empty());
  std::vector<stb::OutboxReport> rows = storedReports(s);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].report_id, id);
  EXPECT_EQ(rows[0].state, "waiting");
  EXPECT_GE(rows[0].attempts, 1);
  EXPECT_NE(rows[0].last_error.find(c.reason), std::string::npos) << rows[0].last_error;

  // Set up right (the operator's server certificate, the box's own), the
  // queued report goes, once.
  if (c.server_cert != "server") {
    startCentral(central, pki, s);
    if (testing::Test::HasFatalFailure()) return;
  }
  config = s.writeConfig("eng", centralSection(pki, {central.url()}));
  {
    Stbd stbd(s, config, stream, writeNoKeys(s), "right");
    EXPECT_TRUE(stbd.waitFor("report " + id + " delivered (HTTP 201)")) << stbd.log();
    EXPECT_EQ(stbd.stop(), 0);
  }
  const std::vector<CentralTicket> tickets = central.tickets();
  ASSERT_EQ(tickets.size(), 1u);
  EXPECT_EQ(tickets[0].report_id, id);
  rows = storedReports(s);
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].state, "sent");
  EXPECT_EQ(rows[0].ticket, tickets[0].ticket);
}

TEST(StbdFaultTls, AServerFromAnotherCaIsNotTrusted) {
  expectHeldBackThenDelivered("tls-ca",
                              {"server",
                               {"", "other-ca", kBoxCert},
                               "TLS: the server's certificate is not from the configured CA"});
}

TEST(StbdFaultTls, AnExpiredServerCertificateIsRefused) {
  expectHeldBackThenDelivered("tls-expired",
                              {"server-expired", {}, "TLS: the server's certificate has expired"});
}

TEST(StbdFaultTls, AServerCertificateForAnotherHostIsRefused) {
  expectHeldBackThenDelivered(
      "tls-host",
      {"server-wrong-host", {}, "TLS: the server's certificate does not name this host"});
}

TEST(StbdFaultTls, WithoutAClientCertificateTheServerRefusesTheBox) {
  expectHeldBackThenDelivered("tls-noclient",
                              {"server", {"", "ca", ""}, "TLS: the box has no client certificate"});
}

}  // namespace
