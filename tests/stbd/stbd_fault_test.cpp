// A viewer files a fault with the remote; the central system receives it:
// stbd with a key script, stb-central over mutual TLS on 127.0.0.1 with a
// test PKI made for the run (scripts/make-test-pki).
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <thread>

#include "dvb/mjd_time.h"
#include "tests/stbd/stbd_run.h"
#include "tests/support/central_server.h"
#include "tests/support/child_process.h"
#include "tests/support/command.h"
#include "tests/support/corpus.h"

namespace {

using stbd_test::centralConfig;
using stbd_test::linesWith;
using stbd_test::Scenario;
using stbd_test::startCentral;
using testing_support::binPath;
using testing_support::CentralServer;
using testing_support::CentralTicket;
using testing_support::ChildProcess;
using testing_support::runCommand;
using testing_support::TestPki;

// The viewer's keys after MENU: "no picture" with OK on every page.
const char* const kNoPictureKeys =
    "+150ms OK\n"   // Report a fault
    "+150ms OK\n"   // no picture
    "+150ms OK\n"   // no callback number
    "+150ms OK\n"   // visit period
    "+150ms OK\n";  // confirm

// 6 s of stream starting now (the central system refuses reports dated in
// its future), played in real time; the viewer opens the menu at once and
// presses KEYS (by default files "no picture"). The runs stop once the log
// shows what the test waits for.
struct FaultRun {
  explicit FaultRun(Scenario& s, const char* keys = kNoPictureKeys) {
    const dvb::UtcSeconds now = static_cast<dvb::UtcSeconds>(std::time(nullptr));
    const std::string from = dvb::formatIso8601(now);
    std::ofstream(s.path("n.json")) << R"({"notices": [{"id": 9, "revision": 1,
        "kind": "information", "start": "2026-12-20T00:00:00Z", "end": "2026-12-21T00:00:00Z",
        "targets": {"areas": ["44"]}, "texts": [{"language": "eng", "title": "Elsewhere",
        "body": "Not for Jiangxi."}]}]})";
    const auto r = runCommand(binPath("stb-notice") + " build " + s.path("n.json") + " --key " +
                              s.path("keys/operator.key.pem") + " --out " + s.path("live.ts") +
                              " --from " + from + " --duration 6s 2>&1");
    EXPECT_EQ(r.status, 0) << r.out;
    std::ofstream(s.path("keys.txt")) << from << " MENU\n" << keys;
  }
};

// stbd plays the stream in real time with the key script, screenshots every
// second in SHOTS; once its log says STOP_AT (and LINGER more has passed,
// for a screenshot of what it shows then) it gets SIGTERM (a clean stop,
// exit 0) instead of playing on to the end of the stream.
Scenario::Run runRealtime(Scenario& s, const std::string& config, const std::string& shots,
                          const std::string& stop_at,
                          std::chrono::milliseconds linger = std::chrono::milliseconds(0)) {
  Scenario::Run run;
  run.snapshot_dir = s.path(shots);
  std::filesystem::create_directories(run.snapshot_dir);
  const std::string log = s.path(shots + ".log");
  ChildProcess stbd;
  std::string error;
  if (!stbd.start({binPath("stbd"), "--config", config, "--source", s.path("live.ts"), "--replay",
                   "realtime", "--keys", s.path("keys.txt"), "--snapshot-dir", run.snapshot_dir,
                   "--snapshot-every", "1s"},
                  s.path(shots + ".out"), log, &error)) {
    ADD_FAILURE() << error;
    return run;
  }
  EXPECT_TRUE(testing_support::waitForText(log, stop_at, 1, std::chrono::seconds(60), &stbd))
      << "no '" << stop_at << "' line";
  std::this_thread::sleep_for(linger);
  run.status = stbd.stop(std::chrono::seconds(30));
  run.log = testing_support::readTextFile(log);
  return run;
}

// How many pixels of the screenshot are the menu's blue title bar (a page
// of good news) and its amber one (waiting to send, a warning).
std::pair<size_t, size_t> titleColours(const overlay::Image& image) {
  size_t blue = 0, amber = 0;
  for (int y = 0; y < image.height; ++y)
    for (int x = 0; x < image.width; ++x) {
      const overlay::Rgba p = image.at(x, y);
      blue += p.r == 21 && p.g == 101 && p.b == 192;  // menu_panel.cpp kTitleBar
      amber += p.r == 255 && p.g == 179 && p.b == 0;  // kWarningBar
    }
  return {blue, amber};
}

TEST(StbdFault, NoPictureReportReachesTheCentralSystemOnce) {
  Scenario s("fault");
  const TestPki pki;
  CentralServer central;
  startCentral(central, pki, s);
  if (HasFatalFailure()) return;
  FaultRun setup(s);
  const std::string config = s.writeConfig("zho, eng", centralConfig(pki, central.url()));
  // Screenshots are taken on the box's turns, at most 2 s apart.
  const Scenario::Run run =
      runRealtime(s, config, "shots", "menu: result page: ticket", std::chrono::milliseconds(3000));
  ASSERT_EQ(run.status, 0) << run.log;
  EXPECT_FALSE(linesWith(run.log, "stored in the outbox (no_picture)").empty()) << run.log;

  // Exactly one ticket, for the report the box stored, with every
  // diagnostics field.
  const std::vector<CentralTicket> tickets = central.tickets();
  ASSERT_EQ(tickets.size(), 1u);
  const std::string ticket = tickets[0].ticket;
  EXPECT_FALSE(linesWith(run.log, "fault report " + tickets[0].report_id + " stored").empty())
      << run.log;
  const auto r = central.admin("report", ticket);
  ASSERT_EQ(r.status, 0) << r.out;
  for (const char* field :
       {"\"category\":\"no_picture\"", "\"box_id\":\"STB-TEST-0001\"", "\"smartcard_id\"",
        "\"area_code\":\"360102\"", "\"node\":17", "\"software_version\"", "\"uptime_s\"",
        "\"service\"", "\"tsid\"", "\"tuner\"", "\"signal_dbm\"", "\"snr_db\"", "\"ber_pre_fec\"",
        "\"ber_post_fec\"", "\"stream_health\"", "\"continuity_errors\"", "\"crc_errors\"",
        "\"active_notices\"", "\"last_errors\""})
    EXPECT_NE(r.out.find(field), std::string::npos) << field << " in " << r.out;

  // The box got the same ticket back, and the result page shows it with
  // the deadline and the hotline: a blue title ("report received"; amber
  // would be "waiting to send"), in the last screenshot.
  EXPECT_FALSE(linesWith(run.log, "delivered (HTTP 201): ticket " + ticket).empty()) << run.log;
  const std::vector<std::string> shown = linesWith(run.log, "menu: result page: ticket " + ticket);
  ASSERT_EQ(shown.size(), 1u) << run.log;
  // stb-central files "no picture" as major (72 h): the viewer sees the
  // category of fault the central system answered, not the box's guess.
  EXPECT_FALSE(linesWith(run.log, "ticket " + ticket + " status accepted severity major").empty())
      << run.log;
  EXPECT_NE(shown[0].find(", major, "), std::string::npos) << shown[0];
  EXPECT_NE(shown[0].find(", due "), std::string::npos) << shown[0];
  EXPECT_NE(shown[0].find(", hotline 96123"), std::string::npos) << shown[0];
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(run.snapshot_dir))
    names.push_back(e.path().stem().string());
  ASSERT_FALSE(names.empty());
  const std::optional<overlay::Image> last =
      stbd_test::screenshot(run.snapshot_dir, *std::max_element(names.begin(), names.end()));
  ASSERT_TRUE(last);
  const auto [blue, amber] = titleColours(*last);
  EXPECT_GT(blue, 5000u) << "no result page in the last screenshot";
  EXPECT_LT(amber, 100u) << "the result page says waiting to send";
}

// A complaint, the charter's third kind of request (issue 13): the fourth
// row of the main menu, a callback number, confirm. The desk files it as a
// complaint (3 working days) and the box shows that from the answer.
TEST(StbdFault, AComplaintIsFiledAndTheResultShowsTheDesksCategory) {
  Scenario s("complaint");
  const TestPki pki;
  CentralServer central;
  startCentral(central, pki, s);
  if (HasFatalFailure()) return;
  FaultRun setup(s,
                 "+150ms DOWN\n"
                 "+150ms DOWN\n"
                 "+150ms DOWN\n"
                 "+150ms OK\n"  // Make a complaint
                 "+150ms 1\n+50ms 3\n+50ms 8\n+50ms 0\n+50ms 0\n+50ms 1\n+50ms 3\n"
                 "+50ms 8\n+50ms 0\n+50ms 0\n+50ms 0\n"
                 "+150ms OK\n"    // the callback number; no visit page for a complaint
                 "+150ms OK\n");  // confirm
  const std::string config = s.writeConfig("spa", centralConfig(pki, central.url()));
  const Scenario::Run run =
      runRealtime(s, config, "shots", "menu: result page: ticket", std::chrono::milliseconds(3000));
  ASSERT_EQ(run.status, 0) << run.log;
  EXPECT_EQ(linesWith(run.log, "stored in the outbox (complaint)").size(), 1u) << run.log;

  const std::vector<CentralTicket> tickets = central.tickets();
  ASSERT_EQ(tickets.size(), 1u) << run.log;
  EXPECT_EQ(tickets[0].category, "complaint");
  const auto r = central.admin("report", tickets[0].ticket);
  ASSERT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find(R"("category":"complaint")"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(R"("callback_phone":"13800138000")"), std::string::npos) << r.out;

  // The answer named the charter's category; the result page showed it
  // with the deadline.
  EXPECT_FALSE(linesWith(run.log, "ticket " + tickets[0].ticket + " status accepted").empty())
      << run.log;
  EXPECT_FALSE(linesWith(run.log, "charter category complaint deadline ").empty()) << run.log;
  const std::vector<std::string> shown =
      linesWith(run.log, "menu: result page: ticket " + tickets[0].ticket);
  ASSERT_EQ(shown.size(), 1u) << run.log;
  EXPECT_NE(shown[0].find(", complaint, due "), std::string::npos) << shown[0];
  EXPECT_TRUE(linesWith(run.log, "not shown").empty()) << run.log;

  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(run.snapshot_dir))
    names.push_back(e.path().stem().string());
  ASSERT_FALSE(names.empty());
  const std::optional<overlay::Image> last =
      stbd_test::screenshot(run.snapshot_dir, *std::max_element(names.begin(), names.end()));
  ASSERT_TRUE(last);
  const auto [blue, amber] = titleColours(*last);
  EXPECT_GT(blue, 5000u) << "no result page in the last screenshot";
  EXPECT_LT(amber, 100u) << "the result page says waiting to send";
}

TEST(StbdFault, CentralSystemDownTheReportWaitsThenArrivesOnce) {
  Scenario s("faultdown");
  const TestPki pki;
  ASSERT_TRUE(pki.ok()) << pki.output();
  FaultRun setup(s);
  // First the central system is down (a port nothing listens on).
  std::string config = s.writeConfig("eng", centralConfig(pki, "https://127.0.0.1:9"));
  const Scenario::Run down = runRealtime(s, config, "down", "cannot connect to the central system");
  ASSERT_EQ(down.status, 0) << down.log;
  EXPECT_FALSE(linesWith(down.log, "stored in the outbox").empty()) << down.log;
  EXPECT_FALSE(linesWith(down.log, "cannot connect to the central system").empty()) << down.log;

  // Then it is up: the next run delivers the stored report, once; the
  // key script files nothing new (the keys are dropped from the script).
  CentralServer central;
  startCentral(central, pki, s);
  if (HasFatalFailure()) return;
  std::ofstream(s.path("keys.txt"), std::ios::trunc) << "";
  config = s.writeConfig("eng", centralConfig(pki, central.url()));
  const Scenario::Run up = runRealtime(s, config, "up", " delivered (HTTP 201)");
  ASSERT_EQ(up.status, 0) << up.log;
  EXPECT_EQ(central.tickets().size(), 1u) << up.log;
}

}  // namespace
