// A viewer files a fault with the remote; the central system receives it:
// stbd with a key script, stb-central over mutual TLS on 127.0.0.1 with a
// test PKI made for the run (scripts/make-test-pki).
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <fstream>
#include <sstream>
#include <thread>

#include "dvb/mjd_time.h"
#include "tests/stbd/stbd_run.h"
#include "tests/support/command.h"
#include "tests/support/corpus.h"

namespace {

using stbd_test::linesWith;
using stbd_test::Scenario;
using testing_support::binPath;
using testing_support::runCommand;

std::string slurp(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// stb-central serving DB on a free port, stopped (SIGTERM) at the end.
class Central {
 public:
  Central(const Scenario& s, const std::string& pki) : s_(s) {
    const std::string out = s.path("central.out");
    const auto r = runCommand(binPath("stb-central") + " serve --db " + s.path("central.db") +
                              " --cert " + pki + "/server.pem --key " + pki + "/server.key --ca " +
                              pki + "/ca.pem --listen 127.0.0.1:0 > " + out + " 2> " +
                              s.path("central.log") + " & echo $!");
    pid_ = std::atoi(r.out.c_str());
    for (int i = 0; i < 100 && port_.empty(); ++i) {
      const std::string text = slurp(out);
      const size_t at = text.find("listening on 127.0.0.1:");
      if (at != std::string::npos) {
        port_ = text.substr(at + 23);
        port_ = port_.substr(0, port_.find_first_not_of("0123456789"));
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
      }
    }
    EXPECT_FALSE(port_.empty()) << "stb-central did not start: " << slurp(s.path("central.log"));
  }
  ~Central() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    // Not our child (the shell started it): wait until it has gone.
    for (int i = 0; i < 100 && kill(pid_, 0) == 0; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const std::string& port() const { return port_; }
  std::string tickets() const {
    return runCommand(binPath("stb-central") + " tickets --db " + s_.path("central.db") + " 2>&1")
        .out;
  }

 private:
  const Scenario& s_;
  int pid_ = -1;
  std::string port_;
};

// 12 s of stream starting now (the central system refuses reports dated in
// its future), played in real time; the viewer opens the menu at +2 s and
// files "no picture" with OK on every page.
struct FaultRun {
  explicit FaultRun(Scenario& s) {
    const dvb::UtcSeconds now = static_cast<dvb::UtcSeconds>(std::time(nullptr));
    const std::string from = dvb::formatIso8601(now);
    std::ofstream(s.path("n.json")) << R"({"notices": [{"id": 9, "revision": 1,
        "kind": "information", "start": "2026-12-20T00:00:00Z", "end": "2026-12-21T00:00:00Z",
        "targets": {"areas": ["44"]}, "texts": [{"language": "eng", "title": "Elsewhere",
        "body": "Not for Jiangxi."}]}]})";
    const auto r = runCommand(binPath("stb-notice") + " build " + s.path("n.json") + " --key " +
                              s.path("keys/operator.key.pem") + " --out " + s.path("live.ts") +
                              " --from " + from + " --duration 12s 2>&1");
    EXPECT_EQ(r.status, 0) << r.out;
    const std::string menu_at = dvb::formatIso8601(now + 2);
    std::ofstream(s.path("keys.txt")) << menu_at
                                      << " MENU\n"
                                         "+1s OK\n"   // Report a fault
                                         "+1s OK\n"   // no picture
                                         "+1s OK\n"   // no callback number
                                         "+1s OK\n"   // visit period
                                         "+1s OK\n";  // confirm
  }
};

std::string centralConfig(const std::string& pki, const std::string& port) {
  return "[central]\nurl = https://127.0.0.1:" + port + "\nclient_cert = " + pki +
         "/box-STB-TEST-0001.pem\nclient_key = " + pki + "/box-STB-TEST-0001.key\nca = " + pki +
         "/ca.pem\n";
}

Scenario::Run runRealtime(Scenario& s, const std::string& config, const std::string& shots) {
  Scenario::Run run;
  run.snapshot_dir = s.path(shots);
  runCommand("mkdir -p " + run.snapshot_dir);
  const auto r =
      runCommand(binPath("stbd") + " --config " + config + " --source " + s.path("live.ts") +
                 " --replay realtime --keys " + s.path("keys.txt") + " --snapshot-dir " +
                 run.snapshot_dir + " --snapshot-every 1s 2> " + s.path(shots + ".log"));
  run.status = r.status;
  run.log = slurp(s.path(shots + ".log"));
  return run;
}

TEST(StbdFault, NoPictureReportReachesTheCentralSystemOnce) {
  Scenario s("fault");
  const std::string pki = s.path("pki");
  auto r = runCommand(std::string(STB_SOURCE_DIR) + "/scripts/make-test-pki " + pki + " 2>&1");
  ASSERT_EQ(r.status, 0) << r.out;
  Central central(s, pki);
  ASSERT_FALSE(central.port().empty());
  FaultRun setup(s);
  const std::string config = s.writeConfig("zho, eng", centralConfig(pki, central.port()));
  const Scenario::Run run = runRealtime(s, config, "shots");
  ASSERT_EQ(run.status, 0) << run.log;
  EXPECT_FALSE(linesWith(run.log, "stored in the outbox (no_picture)").empty()) << run.log;

  // Exactly one ticket, with every diagnostics field.
  const std::string tickets = central.tickets();
  size_t count = 0;
  for (size_t at = tickets.find("T20"); at != std::string::npos; at = tickets.find("T20", at + 1))
    ++count;
  ASSERT_EQ(count, 1u) << tickets;
  const std::string ticket = tickets.substr(tickets.find("T20"), 16);
  r = runCommand(binPath("stb-central") + " report --db " + s.path("central.db") + " " + ticket);
  ASSERT_EQ(r.status, 0) << r.out;
  for (const char* field :
       {"\"category\":\"no_picture\"", "\"box_id\":\"STB-TEST-0001\"", "\"smartcard_id\"",
        "\"area_code\":\"360102\"", "\"node\":17", "\"software_version\"", "\"uptime_s\"",
        "\"service\"", "\"tsid\"", "\"tuner\"", "\"signal_dbm\"", "\"snr_db\"", "\"ber_pre_fec\"",
        "\"ber_post_fec\"", "\"stream_health\"", "\"continuity_errors\"", "\"crc_errors\"",
        "\"active_notices\"", "\"last_errors\""})
    EXPECT_NE(r.out.find(field), std::string::npos) << field << " in " << r.out;

  // The result page: the ticket came back while the viewer watched.
  EXPECT_FALSE(linesWith(run.log, ticket).empty()) << run.log;
}

TEST(StbdFault, CentralSystemDownTheReportWaitsThenArrivesOnce) {
  Scenario s("faultdown");
  const std::string pki = s.path("pki");
  auto r = runCommand(std::string(STB_SOURCE_DIR) + "/scripts/make-test-pki " + pki + " 2>&1");
  ASSERT_EQ(r.status, 0) << r.out;
  FaultRun setup(s);
  // First the central system is down (a port nothing listens on).
  std::string config = s.writeConfig("eng", centralConfig(pki, "9"));
  const Scenario::Run down = runRealtime(s, config, "down");
  ASSERT_EQ(down.status, 0) << down.log;
  EXPECT_FALSE(linesWith(down.log, "stored in the outbox").empty()) << down.log;
  EXPECT_FALSE(linesWith(down.log, "cannot connect to the central system").empty()) << down.log;

  // Then it is up: the next run delivers the stored report, once; the
  // key script files nothing new (the keys are dropped from the script).
  Central central(s, pki);
  ASSERT_FALSE(central.port().empty());
  std::ofstream(s.path("keys.txt"), std::ios::trunc) << "";
  config = s.writeConfig("eng", centralConfig(pki, central.port()));
  const Scenario::Run up = runRealtime(s, config, "up");
  ASSERT_EQ(up.status, 0) << up.log;
  const std::string tickets = central.tickets();
  size_t count = 0;
  for (size_t at = tickets.find("T20"); at != std::string::npos; at = tickets.find("T20", at + 1))
    ++count;
  EXPECT_EQ(count, 1u) << tickets << up.log;
}

}  // namespace
