// stbd as an operator's engineer starts and stops it: --version, --help, bad
// command lines and configs get a clear message and a non-zero status, and
// SIGTERM stops a live run cleanly.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "tests/stbd/stbd_run.h"
#include "tests/support/command.h"
#include "tests/support/corpus.h"

namespace {

using testing_support::binPath;
using testing_support::runCommand;

// A notice for another province: the stream carries something, the box shows nothing.
const char kElsewhere[] = R"({"notices": [{"id": 9, "revision": 1, "kind": "information",
    "start": "2026-12-20T00:00:00Z", "end": "2026-12-21T00:00:00Z", "targets": {"areas": ["44"]},
    "texts": [{"language": "eng", "title": "Elsewhere", "body": "Not for Jiangxi."}]}]})";

TEST(StbdCli, VersionAndHelp) {
  auto r = runCommand(binPath("stbd") + " --version");
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.out.rfind("stbd ", 0), 0u) << r.out;
  r = runCommand(binPath("stbd") + " --help");
  EXPECT_EQ(r.status, 0);
  EXPECT_NE(r.out.find("--snapshot-every"), std::string::npos) << r.out;
}

TEST(StbdCli, BadCommandLinesExitTwo) {
  for (const char* args : {"", "--config x.conf", "--config x.conf --source f.ts",
                           "--config x.conf --source f.ts --replay slow",
                           "--config x.conf --source udp://239.1.1.1:1234 --replay fast",
                           "--config x.conf --source f.ts --replay fast --snapshot-dir d",
                           "--config x.conf --source f.ts --replay fast --snapshot-dir d "
                           "--snapshot-every 0s",
                           "--colour red"}) {
    const auto r = runCommand(binPath("stbd") + " " + args + " 2>&1");
    EXPECT_EQ(r.status, 2) << args << ": " << r.out;
    EXPECT_NE(r.out.find("usage: stbd"), std::string::npos) << args;
  }
}

TEST(StbdCli, BadConfigNamesTheLine) {
  stbd_test::Scenario s("badconfig");
  const std::string config = s.path("bad.conf");
  std::ofstream(config) << "[box]\narea_code = 36\n";
  const auto r =
      runCommand(binPath("stbd") + " --config " + config + " --source x.ts --replay fast 2>&1");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("bad.conf:2: area_code"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("at least one root or signing key"), std::string::npos) << r.out;
}

TEST(StbdCli, MissingKeyOrSourceIsAClearError) {
  stbd_test::Scenario s("missing");
  const std::string config = s.writeConfig();
  auto r = runCommand(binPath("stbd") + " --config " + config + " --source " +
                      s.path("nothing.ts") + " --replay fast 2>&1");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("source: "), std::string::npos) << r.out;
  std::ofstream(config, std::ios::app) << "[keys]\nsigning = " << s.path("absent.pem") << "\n";
  r = runCommand(binPath("stbd") + " --config " + config + " --source " + s.path("nothing.ts") +
                 " --replay fast 2>&1");
  EXPECT_EQ(r.status, 1) << r.out;
  EXPECT_NE(r.out.find("absent.pem"), std::string::npos) << r.out;
}

TEST(StbdCli, UnusableStateDirectoryKeepsTheBoxWorking) {
  stbd_test::Scenario s("nostate");
  const std::string stream =
      s.buildStream("n", kElsewhere, "2026-11-30T00:00:00Z", "2026-11-30T00:30:00Z");
  const std::string config = s.writeConfig("zho", "[state]\ndir = " + s.path("no/such/dir") + "\n");
  const auto run = s.runStbd(config, stream, "shots");
  EXPECT_EQ(run.status, 0) << run.log;
  EXPECT_FALSE(stbd_test::linesWith(run.log, "error: state store: ").empty()) << run.log;
  EXPECT_FALSE(stbd_test::linesWith(run.log, "keeping state in memory").empty()) << run.log;
}

TEST(StbdCli, SigtermStopsARealtimeRunCleanly) {
  stbd_test::Scenario s("sigterm");
  // 60 s of stream in real time; stopped after about one second.
  const std::string stream = s.path("live.ts");
  std::ofstream(s.path("n.json")) << kElsewhere;
  auto r = runCommand(binPath("stb-notice") + " build " + s.path("n.json") + " --key " +
                      s.path("keys/operator.key.pem") + " --out " + stream +
                      " --from 2026-11-30T00:00:00Z --duration 60s 2>&1");
  ASSERT_EQ(r.status, 0) << r.out;
  const std::string log = s.path("sigterm.log");
  r = runCommand("(" + binPath("stbd") + " --config " + s.writeConfig() + " --source " + stream +
                 " --replay realtime 2>" + log +
                 " & pid=$!; sleep 1; kill -TERM $pid; wait $pid; echo status=$?)");
  EXPECT_NE(r.out.find("status=0"), std::string::npos) << r.out;
  std::ifstream in(log);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_NE(text.find("stopping on SIGTERM"), std::string::npos) << text;
  EXPECT_NE(text.find("done (signal)"), std::string::npos) << text;
}

// A person watching on a PC: DirectFB's x11 system under Xvfb (GLX off, or
// DirectFB 1.7.7 crashes), the bar presented in a window over the test
// picture at 25 frames a second.
TEST(StbdCli, RunsInAnX11WindowUnderXvfb) {
  const auto which = runCommand("command -v xvfb-run");
  ASSERT_EQ(which.status, 0) << "xvfb-run is missing: scripts/install-deps installs xvfb";
  stbd_test::Scenario s("x11");
  std::ofstream(s.path("n.json")) << R"({"notices": [{"id": 7, "revision": 1, "kind": "emergency",
      "lead_hours": 1, "start": "2026-11-30T02:00:00Z", "end": "2026-11-30T06:00:00Z",
      "targets": {"areas": ["36"]}, "texts": [{"language": "eng", "title": "Emergency",
      "body": "Storm damage in Nanchang: repairs under way."}]}]})";
  auto r = runCommand(binPath("stb-notice") + " build " + s.path("n.json") + " --key " +
                      s.path("keys/operator.key.pem") + " --out " + s.path("live.ts") +
                      " --from 2026-11-30T03:00:00Z --duration 3s 2>&1");
  ASSERT_EQ(r.status, 0) << r.out;
  const std::string config = s.writeConfig("eng", "[display]\nsystem = x11\n");
  std::filesystem::create_directories(s.path("shots"));
  r = runCommand("xvfb-run -a -s '-screen 0 1280x720x24 -extension GLX' " + binPath("stbd") +
                 " --config " + config + " --source " + s.path("live.ts") +
                 " --replay realtime --snapshot-dir " + s.path("shots") +
                 " --snapshot-every 1s 2>&1");
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("DirectFB x11"), std::string::npos) << r.out;
  const auto done = stbd_test::linesWith(r.out, "done: ");
  ASSERT_EQ(done.size(), 1u) << r.out;
  EXPECT_EQ(done[0].find(" 0 frames"), std::string::npos) << done[0];
  if (auto shot = stbd_test::screenshot(s.path("shots"), "20261130T030002Z")) {
    EXPECT_TRUE(stbd_test::bandFacts(*shot).barShown());
  }
}

}  // namespace
