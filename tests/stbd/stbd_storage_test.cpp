// Flash discipline with a state directory that is not there when stbd
// starts (a flash partition that failed to mount, a full or read-only one):
// the box keeps working from memory, the viewer's report is queued in memory
// and the menu warns about it, and when the directory comes back stbd puts
// everything on flash without a restart.
#include <gtest/gtest.h>

#include <algorithm>
#include <ctime>
#include <filesystem>
#include <fstream>

#include "dvb/mjd_time.h"
#include "tests/stbd/stbd_run.h"
#include "tests/support/command.h"
#include "tests/support/corpus.h"

namespace {

using stbd_test::linesWith;
using stbd_test::Scenario;
using stbd_test::screenshot;
using testing_support::binPath;
using testing_support::runCommand;

// Maintenance for Nanchang far ahead: held (so stored), never on screen.
const char kNotice[] = R"({"notices": [{"id": 21, "revision": 1, "kind": "planned_maintenance",
    "start": "2026-12-20T18:00:00Z", "end": "2026-12-20T22:00:00Z", "lead_hours": 24,
    "targets": {"areas": ["3601"]}, "contact": "96123",
    "texts": [{"language": "zho", "title": "线路维护通知", "body": "线路维护。"}]}]})";

// Screenshot names are the stream time: 20261128T061500Z.
std::string shotName(dvb::UtcSeconds t) {
  std::string iso = dvb::formatIso8601(t);
  std::string out;
  for (char c : iso)
    if (c != '-' && c != ':') out += c;
  return out;
}

// Pixels of the menu's amber title bar (overlay/menu_panel.cpp, kWarningBar)
// in DIR/NAME.
size_t amberPixels(const std::string& dir, const std::string& name) {
  const std::optional<overlay::Image> shot = screenshot(dir, name);
  if (!shot) return 0;
  size_t n = 0;
  for (int y = 0; y < shot->height; ++y)
    for (int x = 0; x < shot->width; ++x) {
      const overlay::Rgba p = shot->at(x, y);
      if (p.r == 255 && p.g == 179 && p.b == 0) ++n;
    }
  return n;
}

// The screenshots' names (stream times), in order. In real time an idle
// box turns every 2 s at most, so they are 1-2 s apart.
std::vector<std::string> shotNames(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir))
    names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

TEST(StbdStorage, FlashMissingAtStartTheBoxWarnsThenRecoversEverything) {
  Scenario s("storage");
  const dvb::UtcSeconds now = static_cast<dvb::UtcSeconds>(std::time(nullptr));
  std::ofstream(s.path("n.json")) << kNotice;
  auto r = runCommand(binPath("stb-notice") + " build " + s.path("n.json") + " --key " +
                      s.path("keys/operator.key.pem") + " --out " + s.path("live.ts") + " --from " +
                      dvb::formatIso8601(now) + " --duration 16s 2>&1");
  ASSERT_EQ(r.status, 0) << r.out;
  // The viewer files a report (no central system: it waits), then opens My
  // reports at +10 s and leaves it open.
  std::ofstream(s.path("keys.txt")) << dvb::formatIso8601(now + 2)
                                    << " MENU\n"
                                       "+1s OK\n"    // Report a fault
                                       "+1s OK\n"    // no picture
                                       "+1s OK\n"    // no callback number
                                       "+1s OK\n"    // any time
                                       "+1s OK\n"    // confirm: queued
                                       "+1s OK\n"    // back to the menu
                                       "+1s DOWN\n"  // to My reports, the 5th row
                                       "+100ms DOWN\n"
                                       "+100ms DOWN\n"
                                       "+100ms DOWN\n"
                                       "+700ms OK\n";  // at +10 s
  const std::string state = s.path("late/state");
  const std::string config =
      s.writeConfig("zho", "[state]\ndir = " + state + "\nretry_seconds = 1\n");
  const std::string shots = s.path("shots");
  runCommand("mkdir -p " + shots);
  // The state directory appears once a screenshot of +11 s or later exists
  // (My reports is open by then).
  const std::string open_at = shotName(now + 11);
  r = runCommand("(for i in $(seq 300); do ls " + shots + " | awk '$0 >= \"" + open_at +
                 "\" {f = 1} END {exit !f}' && break; sleep 0.1; done; mkdir -p " + state + ") & " +
                 binPath("stbd") + " --config " + config + " --source " + s.path("live.ts") +
                 " --replay realtime --keys " + s.path("keys.txt") + " --snapshot-dir " + shots +
                 " --snapshot-every 1s 2> " + s.path("run1.log") +
                 "; status=$?; wait; echo status=$status");
  std::ifstream in(s.path("run1.log"));
  const std::string log((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_NE(r.out.find("status=0"), std::string::npos) << r.out << log;
  EXPECT_FALSE(linesWith(log, "error: state store: ").empty()) << log;
  EXPECT_FALSE(linesWith(log, "keeping state in memory").empty()) << log;
  EXPECT_FALSE(linesWith(log, "stored in the outbox (no_picture)").empty()) << log;
  EXPECT_EQ(linesWith(log, "what was kept in memory is on flash").size(), 1u) << log;

  // Before the menu: no amber. My reports while degraded: the amber title
  // of the warning. My reports after the directory came back: plain again.
  const std::vector<std::string> names = shotNames(shots);
  ASSERT_GE(names.size(), 6u);
  const auto degraded_shot = std::lower_bound(names.begin(), names.end(), open_at);
  ASSERT_NE(degraded_shot, names.end());
  const size_t before = amberPixels(shots, names.front());
  const size_t degraded = amberPixels(shots, *degraded_shot);
  const size_t recovered = amberPixels(shots, names.back());
  EXPECT_GT(degraded, before + 5000) << *degraded_shot << ": no warning while flash is missing";
  EXPECT_LT(recovered, before + 100) << names.back() << ": the warning stayed after recovery";

  // Everything memory held is on flash: a fresh start restores the notice
  // and finds the report waiting.
  const std::string stream =
      s.buildStream("again", kNotice, "2026-11-30T00:00:00Z", "2026-11-30T00:10:00Z");
  const Scenario::Run again = s.runStbd(config, stream, "shots2");
  ASSERT_EQ(again.status, 0) << again.log;
  EXPECT_FALSE(linesWith(again.log, "restored from the state store: 1 notice").empty())
      << again.log;
  EXPECT_FALSE(linesWith(again.log, "fault outbox: 1 item(s) waiting to be sent").empty())
      << again.log;
  EXPECT_TRUE(linesWith(again.log, "error: state store").empty()) << again.log;
}

}  // namespace
