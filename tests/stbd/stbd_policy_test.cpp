// stbd's crawl policy end to end, from streams stb-notice signs and stbd
// replays fast: an emergency crawls continuously only for a bounded time and
// then on a cadence that lets an outage in progress through, the operator's
// per-notice crawl fields change that, and fee reminders keep to the viewing
// hours of the box's config. The log's "bar: KEY at T" lines say which crawl
// went on the bar when.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "dvb/mjd_time.h"
#include "overlay/screenshot.h"
#include "tests/stbd/stbd_run.h"
#include "tests/support/utc_time.h"

namespace {

using stbd_test::bandFacts;
using stbd_test::linesWith;
using stbd_test::Scenario;
using stbd_test::screenshot;

bool barIn(const std::string& dir, const std::string& name) {
  std::optional<overlay::Image> shot = screenshot(dir, name);
  return shot && bandFacts(*shot).barShown();
}

// The times of the "bar: KEY at T" lines.
std::vector<dvb::UtcSeconds> crawlTimes(const std::string& log, const std::string& key) {
  std::vector<dvb::UtcSeconds> out;
  for (const std::string& line : linesWith(log, "bar: " + key + " at ")) {
    const size_t at = line.find(" at ") + 4;
    if (auto t = dvb::parseIso8601(line.substr(at, 20))) out.push_back(*t);
  }
  return out;
}

std::vector<dvb::UtcSeconds> crawlTimesAfter(const std::string& log, const std::string& key,
                                             dvb::UtcSeconds after) {
  std::vector<dvb::UtcSeconds> out;
  for (dvb::UtcSeconds t : crawlTimes(log, key))
    if (t > after) out.push_back(t);
  return out;
}

using testing_support::at;

// An unplanned outage in progress for Nanchang since 09:00 local (01:00
// UTC), and an emergency for Jiangxi from 10:00 local (02:00 UTC).
std::string emergencyAndOutage(const std::string& crawl) {
  return R"({"notices": [
    {"id": 3002, "revision": 1, "kind": "unplanned_outage",
     "start": "2026-11-30T01:00:00Z", "end": "2026-11-30T06:00:00Z",
     "targets": {"areas": ["3601"]}, "contact": "96123",
     "texts": [{"language": "zho", "charset": "gb2312", "title": "线路故障",
                "body": "南昌市区有线电视线路故障，正在抢修。"}]},
    {"id": 4004, "revision": 1, "kind": "emergency",
     "start": "2026-11-30T02:00:00Z", "end": "2026-11-30T04:00:00Z", )" +
         crawl + R"("targets": {"areas": ["36"]},
     "texts": [{"language": "zho", "charset": "gb2312", "title": "紧急通知",
                "body": "暴雨预警，请注意安全。"}]}]})";
}

TEST(StbdPolicy, EmergencyContinuousFiveMinutesThenTheOutageGetsItsTurn) {
  Scenario s("emergency");
  // The emergency with no crawl fields and a 24 h lead (an old headend's
  // default): it used to crawl nonstop and hold the outage off.
  const std::string stream = s.buildStream("notices", emergencyAndOutage(R"("lead_hours": 24, )"),
                                           "2026-11-30T02:00:00Z", "2026-11-30T02:40:00Z", "10s");
  const Scenario::Run run = s.runStbd(s.writeConfig(), stream, "shots", "10m");
  ASSERT_EQ(run.status, 0) << run.log;
  const auto emergency = crawlTimes(run.log, "notice:4004");
  ASSERT_FALSE(emergency.empty()) << run.log;
  EXPECT_EQ(emergency.front(), at("2026-11-30T02:00:00Z"));
  // (The outage's table may arrive first and start before the emergency cuts in.)
  const auto outage = crawlTimesAfter(run.log, "notice:3002", emergency.front());
  // Back to back for 5 min (one line: the same crawl again), then the
  // outage right after the last continuous pass.
  ASSERT_FALSE(outage.empty()) << run.log;
  EXPECT_GE(outage.front(), at("2026-11-30T02:05:00Z")) << run.log;
  EXPECT_LE(outage.front(), at("2026-11-30T02:06:00Z")) << run.log;
  // Then the emergency once every 10 min, each time in between its passes
  // the bar free for others: about 3 more in the next 34 min, not nonstop.
  ASSERT_GE(emergency.size(), 3u) << run.log;
  EXPECT_LE(emergency.size(), 5u) << run.log;
  for (size_t i = 2; i < emergency.size(); ++i)
    EXPECT_GE(emergency[i] - emergency[i - 1], 10 * 60) << run.log;
}

TEST(StbdPolicy, TheOperatorsCrawlFieldsChangeTheEmergencysCadence) {
  Scenario s("emergency_fields");
  // No continuous period, a pass every 15 min: the outage follows the first
  // pass at once.
  const std::string stream = s.buildStream(
      "notices", emergencyAndOutage(R"("crawl": {"continuous_minutes": 0, "every_minutes": 15}, )"),
      "2026-11-30T02:00:00Z", "2026-11-30T02:40:00Z", "10s");
  const Scenario::Run run = s.runStbd(s.writeConfig(), stream, "shots", "10m");
  ASSERT_EQ(run.status, 0) << run.log;
  const auto emergency = crawlTimes(run.log, "notice:4004");
  ASSERT_FALSE(emergency.empty()) << run.log;
  const auto outage = crawlTimesAfter(run.log, "notice:3002", emergency.front());
  ASSERT_FALSE(outage.empty()) << run.log;
  EXPECT_EQ(emergency.front(), at("2026-11-30T02:00:00Z"));
  EXPECT_LE(outage.front(), at("2026-11-30T02:01:00Z")) << run.log;
  ASSERT_GE(emergency.size(), 2u) << run.log;
  EXPECT_GE(emergency[1] - emergency[0], 15 * 60) << run.log;
  EXPECT_LE(emergency[1] - emergency[0], 16 * 60) << run.log;
}

TEST(StbdPolicy, FeeRemindersWaitForTheViewingHours) {
  Scenario s("fee_hours");
  // Paid until 3 Dec (Beijing): 30 Nov is a reminder day. The stream runs
  // from 30 Nov 00:00 to 14:00 local; the box keeps the default hours.
  const std::string stream = s.buildStream("fees", R"({"fee_records": {
      "revision": 1, "bucket_count": 4, "records": [
        {"subscriber_id": "8610012345678", "paid_until": "2026-12-03", "amount_due": 2600,
         "currency": "CNY", "package": "基本包", "charset": "gb2312"}]}})",
                                           "2026-11-29T16:00:00Z", "2026-11-30T06:00:00Z");
  const Scenario::Run run =
      s.runStbd(s.writeConfig("zho, spa, eng", "[schedule]\nviewing_hours = 07:00-23:00\n"), stream,
                "shots", "1h");
  ASSERT_EQ(run.status, 0) << run.log;
  const auto fee = crawlTimes(run.log, "fee");
  // 07:00, 09:0x and 11:0x local; they used to land at 00:00, 02:10, 04:20.
  ASSERT_EQ(fee.size(), 3u) << run.log;
  EXPECT_EQ(fee[0], at("2026-11-29T23:00:00Z")) << run.log;
  for (size_t i = 1; i < fee.size(); ++i) EXPECT_GE(fee[i] - fee[i - 1], 120 * 60) << run.log;
  EXPECT_LT(fee.back(), at("2026-11-30T04:00:00Z")) << run.log;
  // The hourly screenshots: no bar through the night, the reminder at 07:00.
  for (const char* night :
       {"20261129T160000Z", "20261129T180000Z", "20261129T200000Z", "20261129T220000Z"})
    EXPECT_FALSE(barIn(run.snapshot_dir, night)) << night;
  EXPECT_TRUE(barIn(run.snapshot_dir, "20261129T230000Z"));
}

}  // namespace
