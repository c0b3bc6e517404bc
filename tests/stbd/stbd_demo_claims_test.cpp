// What the README says the demo's screenshots show, checked on the demo's own
// stream: tools/stb-notice/examples/demo-notices.json built as scripts/demo
// builds it (from 2026-11-30 02:00 UTC, the very moment the notice's 24 h
// window opens, a TDT every 5 minutes) and replayed fast with hourly
// screenshots.
//
// The stream opens with a TDT and the notice follows it, so the screenshot
// named 20261130T020000Z must be taken after the notice sent at that time
// has been read, not on the TDT before it.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "tests/stbd/stbd_run.h"

namespace {

using stbd_test::bandFacts;
using stbd_test::linesWith;
using stbd_test::Scenario;
using stbd_test::screenshot;

std::string demoNotices() {
  const std::string path =
      std::string(STB_SOURCE_DIR) + "/tools/stb-notice/examples/demo-notices.json";
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot read " << path;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

TEST(StbdDemoClaims, TheFirstScreenshotShowsTheWindowOpeningTwentyFourHoursAhead) {
  Scenario s("demo-claims");
  const std::string stream =
      s.buildStream("notices", demoNotices(), "2026-11-30T02:00:00Z", "2026-12-01T07:00:00Z", "5m");
  const Scenario::Run run = s.runStbd(
      // The demo's boxes keep the default viewing hours, 07:00-23:00 Beijing time.
      s.writeConfig("zho, eng", "[schedule]\nviewing_hours = 07:00-23:00\n"), stream, "screens");
  ASSERT_EQ(run.status, 0) << run.log;

  // "20261130T020000Z.png: the window opens 24 h ahead, 计划维护 · 24小时后开始"
  const std::optional<overlay::Image> first = screenshot(run.snapshot_dir, "20261130T020000Z");
  ASSERT_TRUE(first);
  EXPECT_TRUE(bandFacts(*first).barShown());
  EXPECT_GT(bandFacts(*first).text, 200u);
  const auto opening = linesWith(run.log, "bar: notice:1001 at 2026-11-30T02:00:00Z");
  ASSERT_EQ(opening.size(), 1u) << run.log;
  EXPECT_NE(opening[0].find("计划维护 · 24小时后开始"), std::string::npos) << opening[0];

  // "20261201T020000Z.png: 维护进行中 · 至14:00"
  const std::optional<overlay::Image> work = screenshot(run.snapshot_dir, "20261201T020000Z");
  ASSERT_TRUE(work);
  EXPECT_TRUE(bandFacts(*work).barShown());
  const auto in_progress = linesWith(run.log, "bar: notice:1001 at 2026-12-01T02:00:00Z");
  ASSERT_EQ(in_progress.size(), 1u) << run.log;
  EXPECT_NE(in_progress[0].find("维护进行中 · 至14:00"), std::string::npos) << in_progress[0];

  // "the fee reminders (缴费提醒 · 3天后到期)"
  EXPECT_FALSE(linesWith(run.log, "缴费提醒 · 3天后到期").empty()) << run.log;
}

}  // namespace
