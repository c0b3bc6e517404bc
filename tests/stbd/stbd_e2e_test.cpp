// stbd end to end, as the operator and a viewer meet it: the operator signs
// notices with stb-notice into a stream spanning many simulated hours; stbd
// replays it fast with the box's config and saves a screenshot every hour
// of stream time. The screenshots are checked as pictures (is the band
// there, is there text in it, does it match the golden) and the log says
// which crawl was on the bar and with what wording.
//
// The notice: planned maintenance for area 3601 (Nanchang), 2026-11-30
// 18:00-22:00 UTC (01 Dec 02:00-06:00 Beijing time), lead 24 h: its window
// opens 2026-11-29 18:00 UTC.
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

#include "overlay/screenshot.h"
#include "tests/overlay/png_compare.h"
#include "tests/stbd/stbd_run.h"

namespace {

using stbd_test::bandFacts;
using stbd_test::linesWith;
using stbd_test::Scenario;
using stbd_test::screenshot;

std::string notice(int id, int revision, const std::string& kind, const std::string& area,
                   bool cancel = false) {
  return R"({"id": )" + std::to_string(id) + R"(, "revision": )" + std::to_string(revision) +
         R"(, "kind": ")" + kind + R"(", )" + (cancel ? R"("cancel": true, )" : "") +
         R"("start": "2026-11-30T18:00:00Z", "end": "2026-11-30T22:00:00Z", "lead_hours": 24,
      "targets": {"areas": [")" +
         area + R"("]}, "contact": "96123",
      "texts": [
        {"language": "zho", "charset": "gb2312", "title": "线路维护通知",
         "body": "12月1日02:00至06:00南昌市区有线电视线路维护，届时暂停收看。"},
        {"language": "spa", "title": "Aviso de mantenimiento",
         "body": "El 1 de diciembre de 02:00 a 06:00 se realizará el mantenimiento de la red."}]})";
}

std::string notices(const std::vector<std::string>& list) {
  std::string out = R"({"notices": [)";
  for (size_t i = 0; i < list.size(); ++i) out += (i ? ", " : "") + list[i];
  return out + "]}";
}

bool barIn(const std::string& dir, const std::string& name) {
  std::optional<overlay::Image> shot = screenshot(dir, name);
  return shot && bandFacts(*shot).barShown();
}

// Screenshot SHOT (in DIR) against tests/stbd/golden/NAME.png.
void expectGolden(const std::string& dir, const std::string& shot, const std::string& name) {
  std::string error;
  std::optional<overlay::Image> got = overlay_test::readPng(dir + "/" + shot + ".png", &error);
  ASSERT_TRUE(got) << error;
  overlay_test::expectMatchesGolden(*got, STB_STBD_GOLDEN_DIR, name);
}

// The instants of the "bar: KEY at T" log lines, as screenshot names.
std::vector<std::string> crawlStarts(const std::string& log, const std::string& key) {
  std::vector<std::string> out;
  for (const std::string& line : linesWith(log, "bar: " + key + " at ")) {
    const size_t at = line.find(" at ") + 4;
    std::string t = line.substr(at, 20);  // 2026-11-29T18:00:00Z
    std::string name;
    for (char c : t)
      if (c != '-' && c != ':') name += c;
    out.push_back(name);
  }
  return out;
}

TEST(StbdEndToEnd, WindowOpensTwentyFourHoursAhead) {
  Scenario s("window");
  // From 26 h before the start, a screenshot every 5 minutes of stream time.
  // A notice for Guangzhou (4401) rides along and must never reach this
  // Nanchang box.
  const std::string stream = s.buildStream("notices",
                                           notices({notice(1001, 1, "planned_maintenance", "3601"),
                                                    notice(2002, 1, "unplanned_outage", "4401")}),
                                           "2026-11-29T16:00:00Z", "2026-11-29T20:30:00Z");
  const Scenario::Run run = s.runStbd(s.writeConfig(), stream, "shots", "5m");
  ASSERT_EQ(run.status, 0) << run.log;
  const std::string& d = run.snapshot_dir;

  // Nothing before the window: 25 h before, and every shot until it opens.
  EXPECT_FALSE(barIn(d, "20261129T170000Z"));
  for (int minute = 0; minute < 120; minute += 5) {
    char name[32];
    std::snprintf(name, sizeof name, "20261129T%02d%02d00Z", 16 + minute / 60, minute % 60);
    EXPECT_FALSE(barIn(d, name)) << name;
  }
  // The first screenshot after the window opens shows the notice.
  EXPECT_TRUE(barIn(d, "20261129T180000Z"));
  // Hourly beyond 6 h before the start: the next pass an hour after the
  // first one ended, 23 h before, with text crawling in the band.
  const std::vector<std::string> starts = crawlStarts(run.log, "notice:1001");
  ASSERT_GE(starts.size(), 2u) << run.log;
  EXPECT_EQ(starts[0], "20261129T180000Z");
  EXPECT_GE(starts[1], "20261129T190000Z");
  EXPECT_LT(starts[1], "20261129T191000Z");
  for (const std::string& t : starts) EXPECT_TRUE(barIn(d, t)) << t;
  if (auto shot = screenshot(d, starts[1])) {
    EXPECT_GT(bandFacts(*shot).text, 200u);
  }

  // The wording, in the first preferred language the notice has (zho).
  const auto shown = linesWith(run.log, "bar: notice:1001");
  EXPECT_NE(shown.front().find("线路维护通知"), std::string::npos) << shown.front();
  EXPECT_NE(shown.front().find("24小时后开始"), std::string::npos) << shown.front();
  EXPECT_NE(shown[1].find("23小时后开始"), std::string::npos) << shown[1];
  EXPECT_TRUE(linesWith(run.log, "bar: notice:2002").empty()) << run.log;

  expectGolden(d, starts[1], "maintenance_scheduled_zh_1280x720");
}

TEST(StbdEndToEnd, InProgressFromTheStartAndGoneAfterTheEnd) {
  Scenario s("progress");
  const std::string stream =
      s.buildStream("notices", notices({notice(1001, 1, "planned_maintenance", "3601")}),
                    "2026-11-30T16:55:00Z", "2026-11-30T23:00:00Z");
  const Scenario::Run run = s.runStbd(s.writeConfig(), stream, "shots");
  ASSERT_EQ(run.status, 0) << run.log;
  const std::string& d = run.snapshot_dir;
  // First seen inside its window: a pass at once; the wording changes at the start.
  const std::vector<std::string> starts = crawlStarts(run.log, "notice:1001");
  ASSERT_FALSE(starts.empty()) << run.log;
  EXPECT_EQ(starts.front(), "20261130T165500Z");
  EXPECT_TRUE(barIn(d, "20261130T180000Z"));
  EXPECT_FALSE(barIn(d, "20261130T220000Z"));
  EXPECT_FALSE(barIn(d, "20261130T230000Z"));
  const auto at_start = linesWith(run.log, "bar: notice:1001 at 2026-11-30T18:00:00Z");
  ASSERT_EQ(at_start.size(), 1u) << run.log;
  EXPECT_NE(at_start[0].find("维护进行中 · 至06:00"), std::string::npos) << at_start[0];
  EXPECT_TRUE(linesWith(run.log, "bar: notice:1001 at 2026-11-30T22").empty()) << run.log;
  EXPECT_FALSE(linesWith(run.log, "notice 1001 ended at 2026-11-30T22:00:00Z").empty()) << run.log;
  expectGolden(d, "20261130T180000Z", "maintenance_in_progress_zh_1280x720");
}

TEST(StbdEndToEnd, SpanishViewerGetsSpanishWording) {
  Scenario s("spanish");
  const std::string stream =
      s.buildStream("notices", notices({notice(1001, 1, "planned_maintenance", "3601")}),
                    "2026-11-30T17:00:00Z", "2026-11-30T19:00:00Z");
  const Scenario::Run run = s.runStbd(s.writeConfig("spa, eng"), stream, "shots");
  ASSERT_EQ(run.status, 0) << run.log;
  const auto shown = linesWith(run.log, "bar: notice:1001");
  ASSERT_FALSE(shown.empty()) << run.log;
  EXPECT_NE(shown.front().find("Aviso de mantenimiento"), std::string::npos) << shown.front();
  EXPECT_TRUE(barIn(run.snapshot_dir, "20261130T180000Z"));
  expectGolden(run.snapshot_dir, "20261130T180000Z", "maintenance_in_progress_es_1280x720");
}

TEST(StbdEndToEnd, CancelledNoticeDisappears) {
  Scenario s("cancel");
  // Revision 1 until 06:00 UTC on the day, then the operator's cancellation.
  const std::string before =
      s.buildStream("before", notices({notice(1001, 1, "planned_maintenance", "3601")}),
                    "2026-11-29T19:55:00Z", "2026-11-30T06:00:00Z");
  const std::string after =
      s.buildStream("after", notices({notice(1001, 2, "planned_maintenance", "3601", true)}),
                    "2026-11-30T06:00:00Z", "2026-11-30T20:00:00Z");
  const std::string joined = s.path("joined.ts");
  {
    std::ofstream out(joined, std::ios::binary);
    for (const std::string& part : {before, after})
      out << std::ifstream(part, std::ios::binary).rdbuf();
  }
  const Scenario::Run run = s.runStbd(s.writeConfig(), joined, "shots");
  ASSERT_EQ(run.status, 0) << run.log;
  const std::vector<std::string> starts = crawlStarts(run.log, "notice:1001");
  ASSERT_FALSE(starts.empty()) << run.log;
  EXPECT_EQ(starts.front(), "20261129T195500Z");
  EXPECT_LT(starts.back(), "20261130T060000Z");  // never again once cancelled
  EXPECT_FALSE(linesWith(run.log, "notice 1001 withdrawn by notice 1001 revision 2").empty())
      << run.log;
  for (const char* t : {"20261130T070000Z", "20261130T180000Z", "20261130T190000Z"})
    EXPECT_FALSE(barIn(run.snapshot_dir, t)) << t;
}

TEST(StbdEndToEnd, RestartMidwayKeepsTheNotice) {
  Scenario s("restart");
  const std::string config = s.writeConfig();
  const std::string first =
      s.buildStream("first", notices({notice(1001, 1, "planned_maintenance", "3601")}),
                    "2026-11-29T19:55:00Z", "2026-11-30T06:00:00Z");
  const Scenario::Run one = s.runStbd(config, first, "one");
  ASSERT_EQ(one.status, 0) << one.log;
  // After the reboot the carousel carries nothing for this box: only the
  // stored, re-verified notice can put the bar up.
  const std::string second =
      s.buildStream("second", R"({"notices": [)" + notice(3003, 1, "information", "4401") + "]}",
                    "2026-11-30T06:00:00Z", "2026-11-30T23:00:00Z");
  const Scenario::Run two = s.runStbd(config, second, "two");
  ASSERT_EQ(two.status, 0) << two.log;
  EXPECT_FALSE(linesWith(two.log, "holding 1 notice(s) from storage").empty()) << two.log;
  EXPECT_TRUE(barIn(two.snapshot_dir, "20261130T180000Z"));
  EXPECT_FALSE(barIn(two.snapshot_dir, "20261130T230000Z"));
  EXPECT_FALSE(linesWith(two.log, "bar: notice:1001").empty()) << two.log;
}

TEST(StbdEndToEnd, FeeReminderOnItsDayAtMostTwiceInFourHours) {
  Scenario s("fee");
  // Paid until 3 Dec (Beijing): 30 Nov is a reminder day (3 days before).
  // 4 hours of stream: with the default 120-minute gap, two passes.
  const std::string stream = s.buildStream("fees", R"({"fee_records": {
      "revision": 1, "bucket_count": 4, "records": [
        {"subscriber_id": "8610012345678", "paid_until": "2026-12-03", "amount_due": 2600,
         "currency": "CNY", "package": "基本包", "charset": "gb2312"},
        {"subscriber_id": "8610099999999", "paid_until": "2026-12-01", "amount_due": 9900,
         "currency": "CNY", "package": "高清包", "charset": "gb2312"}]}})",
                                           "2026-11-30T00:55:00Z", "2026-11-30T05:00:00Z");
  const Scenario::Run run = s.runStbd(s.writeConfig(), stream, "shots", "5m");
  ASSERT_EQ(run.status, 0) << run.log;
  const auto shown = linesWith(run.log, "bar: fee at ");
  ASSERT_EQ(shown.size(), 2u) << run.log;
  EXPECT_NE(shown[0].find("缴费提醒 · 3天后到期"), std::string::npos) << shown[0];
  EXPECT_NE(shown[0].find("基本包"), std::string::npos) << shown[0];
  EXPECT_NE(shown[0].find("26.00元"), std::string::npos) << shown[0];
  EXPECT_EQ(run.log.find("高清包"), std::string::npos);  // another subscriber's record
  // (The first pass began as the batch arrived, just after that TDT's screenshot.)
  EXPECT_TRUE(barIn(run.snapshot_dir, crawlStarts(run.log, "fee").back()));
}

TEST(StbdEndToEnd, BackDismissesTheCrawlButNeverAnEmergency) {
  Scenario s("dismiss");
  // A TDT every second around the window's opening; the viewer presses
  // BACK 5 s into the first pass, then EXIT during an emergency.
  const std::string stream =
      s.buildStream("notices",
                    notices({notice(1001, 1, "planned_maintenance", "3601"),
                             R"({"id": 4004, "revision": 1, "kind": "emergency",
      "start": "2026-11-29T18:01:00Z", "end": "2026-11-29T19:00:00Z", "lead_hours": 0,
      "targets": {"areas": ["36"]}, "texts": [{"language": "zho", "charset": "gb2312",
      "title": "紧急通知", "body": "暴雨预警，请注意安全。"}]})"}),
                    "2026-11-29T17:59:55Z", "2026-11-29T18:01:30Z", "1s");
  std::ofstream(s.path("keys.txt")) << "2026-11-29T18:00:05Z BACK\n"
                                       "2026-11-29T18:01:10Z EXIT\n";
  const Scenario::Run run =
      s.runStbd(s.writeConfig(), stream, "shots", "1s", "--keys " + s.path("keys.txt"));
  ASSERT_EQ(run.status, 0) << run.log;
  const std::string& d = run.snapshot_dir;
  EXPECT_TRUE(barIn(d, "20261129T180004Z"));
  EXPECT_FALSE(linesWith(run.log, "notice:1001 dismissed by the viewer").empty()) << run.log;
  EXPECT_FALSE(barIn(d, "20261129T180006Z"));  // gone until its next slot, an hour on
  EXPECT_FALSE(barIn(d, "20261129T180059Z"));
  // The emergency from its start; EXIT leaves it on the bar.
  EXPECT_TRUE(barIn(d, "20261129T180101Z"));
  EXPECT_TRUE(barIn(d, "20261129T180112Z"));
  EXPECT_TRUE(linesWith(run.log, "notice:4004 dismissed").empty()) << run.log;
}

}  // namespace
