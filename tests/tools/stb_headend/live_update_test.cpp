// Live updates while the stream plays: a revision replaces the old at a
// section boundary with no continuity error, the old never goes out again,
// an emergency jumps the queue, a removed file stops, a new key list goes
// first, and a change over budget is refused while the old plays on.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "tests/tools/stb_headend/headend_test_util.h"
#include "tests/tools/stb_notice/stb_notice_test_util.h"
#include "tools/stb-headend/playout.h"

namespace tools::headend {
namespace {

using headend_test::listen;
using headend_test::noticeJson;
using headend_test::sign;
using headend_test::spool;
using headend_test::times;

// A playout into memory that a test advances step by step.
struct Live {
  explicit Live(const HeadendConfig& c)
      : config(c), playout(c, &board, [this](const std::string& l) { log.push_back(l); }) {
    std::string error;
    EXPECT_TRUE(
        playout.start(*c.clock.start, std::make_unique<headend_test::MemoryOutput>(&bytes), &error))
        << error;
  }
  void runTo(uint64_t ms) {
    std::string error;
    EXPECT_TRUE(playout.run(ms, std::nullopt, nullptr, &error)) << error;
  }
  headend_test::HeardStream heard() const { return listen(bytes, config.bitrate_kbps * 1000); }
  // The stream time the log gives for the line holding `what`; -1 if none.
  int64_t loggedAt(const std::string& what) const {
    static const std::regex at(R"(at stream (\d+)\.(\d{3}) s)");
    for (const std::string& l : log) {
      std::smatch m;
      if (l.find(what) != std::string::npos && std::regex_search(l, m, at))
        return std::stoll(m[1]) * 1000 + std::stoll(m[2]);
    }
    return -1;
  }
  std::string allLog() const {
    std::string s;
    for (const std::string& l : log) s += l + "\n";
    return s;
  }

  HeadendConfig config;
  StatusBoard board;
  std::vector<uint8_t> bytes;
  std::vector<std::string> log;
  Playout playout;
};

headend_test::ScratchDir& freshSpool(headend_test::ScratchDir& dir) {
  std::filesystem::create_directories(dir / "spool");
  return dir;
}

TEST(HeadendLive, ARevisionReplacesTheOldWithoutACcErrorAndTheOldNeverReturns) {
  headend_test::ScratchDir dir("headend-revise");
  freshSpool(dir);
  spool(dir, "maintenance", sign(noticeJson(1001, 1)));
  HeadendConfig c = headend_test::config(dir);
  c.intervals.notice = 2000;
  Live live(c);
  live.runTo(10'100);
  spool(dir, "maintenance", sign(noticeJson(1001, 2)));
  live.runTo(30'000);
  const auto heard = live.heard();
  EXPECT_EQ(heard.cc_errors, 0u);
  const int64_t switched = live.loggedAt("notice 1001 revision 2 replaces revision 1");
  ASSERT_GE(switched, 10'100) << live.allLog();
  EXPECT_LE(switched, 10'100 + int64_t(kRescanMs));
  const auto old_times = times(heard, 0xC0, 1001, 1), new_times = times(heard, 0xC0, 1001, 2);
  ASSERT_FALSE(old_times.empty());
  ASSERT_FALSE(new_times.empty());
  EXPECT_LT(old_times.back(), uint64_t(switched));  // never after the switch
  EXPECT_LE(new_times.front() - uint64_t(switched), c.intervals.notice);
  // A revision goes out at once, not at the old one's next turn.
  EXPECT_LE(new_times.front() - uint64_t(switched), 20u);
}

TEST(HeadendLive, AnEmergencyJumpsTheQueue) {
  headend_test::ScratchDir dir("headend-emergency");
  freshSpool(dir);
  // Many notices due at once keep the PID busy; the emergency still goes next.
  for (uint32_t id = 1; id <= 30; ++id)
    spool(dir, "n" + std::to_string(id), sign(noticeJson(id, 1)));
  HeadendConfig c = headend_test::config(dir);
  c.intervals.notice = 1000;
  c.budget_kbps = 1000;
  c.bitrate_kbps = 1000;
  Live live(c);
  live.runTo(4'990);
  spool(dir, "flood", sign(noticeJson(9001, 1, "emergency")));
  live.runTo(8'000);
  const auto heard = live.heard();
  const int64_t added = live.loggedAt("emergency 9001 revision 1 on air");
  ASSERT_GE(added, 0) << live.allLog();
  const auto t = times(heard, 0xC0, 9001);
  ASSERT_FALSE(t.empty());
  // The next object on the PID after the change is the emergency.
  const headend_test::Heard* next = nullptr;
  for (const auto& h : heard.sections)
    if (h.table_id == 0xC0 && h.ms >= uint64_t(added)) {
      next = &h;
      break;
    }
  ASSERT_NE(next, nullptr);
  EXPECT_EQ(next->extension, 9001);
  EXPECT_LE(t.front() - uint64_t(added), 20u);
}

TEST(HeadendLive, ARemovedFileStopsItsObjects) {
  headend_test::ScratchDir dir("headend-remove");
  freshSpool(dir);
  spool(dir, "keep", sign(noticeJson(1001, 1)));
  spool(dir, "drop", sign(noticeJson(1002, 1)));
  HeadendConfig c = headend_test::config(dir);
  c.intervals.notice = 1000;
  Live live(c);
  live.runTo(3'000);
  std::filesystem::remove(dir / "spool/drop.bin");
  live.runTo(8'000);
  const int64_t stopped = live.loggedAt("notice 1002 revision 1 stopped");
  ASSERT_GE(stopped, 3'000) << live.allLog();
  const auto heard = live.heard();
  EXPECT_LT(times(heard, 0xC0, 1002).back(), uint64_t(stopped));
  EXPECT_GT(times(heard, 0xC0, 1001).back(), 7'000u);
  EXPECT_EQ(live.board.snapshot().objects.size(), 1u);
}

TEST(HeadendLive, ANewKeyListGoesOutBeforeTheObjectsThatCameWithIt) {
  headend_test::ScratchDir dir("headend-live-keys");
  freshSpool(dir);
  spool(dir, "old", sign(noticeJson(1001, 1)));
  HeadendConfig c = headend_test::config(dir);
  Live live(c);
  live.runTo(2'000);
  const auto key = stb_notice_test::makeKey(dir.path(), "next");
  auto both = sign(noticeJson(1002, 1, "emergency"));
  for (auto& s : sign(headend_test::keyListJson(1, key.public_path))) both.push_back(s);
  spool(dir, "new", both);  // the emergency first in the file, the key list after it
  live.runTo(4'000);
  const auto heard = live.heard();
  const auto keys = times(heard, 0xC4, 0), emergency = times(heard, 0xC0, 1002);
  ASSERT_FALSE(keys.empty());
  ASSERT_FALSE(emergency.empty());
  EXPECT_LT(keys.front(), emergency.front());
}

TEST(HeadendLive, AChangeOverBudgetIsRefusedAndTheOldPlaysOn) {
  headend_test::ScratchDir dir("headend-live-budget");
  freshSpool(dir);
  spool(dir, "n", sign(noticeJson(1001, 1)));
  HeadendConfig c = headend_test::config(dir);
  c.budget_kbps = 35;  // PAT/PMT take 30.1 kbit/s
  Live live(c);
  live.runTo(2'000);
  std::vector<dvb::Section> many;
  for (uint32_t id = 2000; id < 2010; ++id)
    for (auto& s : sign(noticeJson(id, 1, "emergency"))) many.push_back(s);
  spool(dir, "many", many);
  live.runTo(12'000);
  const std::string log = live.allLog();
  EXPECT_NE(log.find("refused, the old stays on air: it would exceed budget_kbps"),
            std::string::npos)
      << log;
  EXPECT_NE(log.find("of a budget of 35.0 kbit/s"), std::string::npos) << log;
  const PlayoutStatus s = live.board.snapshot();
  ASSERT_FALSE(s.alarms.empty());
  EXPECT_EQ(s.alarms[0].kind, "refused");
  EXPECT_NE(s.alarms[0].what.find("(many.bin) over budget_kbps"), std::string::npos);
  EXPECT_LE(s.used_bps, s.budget_bps);
  const auto heard = live.heard();
  EXPECT_GT(times(heard, 0xC0, 1001).back(), 10'000u);
  // Taking the file away ends the alarm.
  std::filesystem::remove(dir / "spool/many.bin");
  live.runTo(13'000);
  EXPECT_TRUE(live.board.snapshot().alarms.empty());
}

TEST(HeadendLive, ABadSpoolFileIsAnAlarmUntilItIsReplaced) {
  headend_test::ScratchDir dir("headend-live-bad");
  freshSpool(dir);
  spool(dir, "n", sign(noticeJson(1001, 1)));
  std::ofstream(dir / "spool/broken.bin", std::ios::binary).write("\xC0\x01", 2);
  Live live(headend_test::config(dir));
  live.runTo(1'000);
  auto alarms = live.board.snapshot().alarms;
  ASSERT_EQ(alarms.size(), 1u);
  EXPECT_EQ(alarms[0].kind, "refused");
  EXPECT_NE(alarms[0].what.find("spool file broken.bin skipped"), std::string::npos);
  spool(dir, "broken", sign(noticeJson(1002, 1)));
  live.runTo(2'000);
  EXPECT_TRUE(live.board.snapshot().alarms.empty());
  EXPECT_FALSE(times(live.heard(), 0xC0, 1002).empty());
}

}  // namespace
}  // namespace tools::headend
