// The off-air monitor on the playout's own output: a healthy carousel,
// revised while it plays, is read back whole and raises no alarm (the
// revision is expected from the moment it takes effect).
#include <gtest/gtest.h>

#include <filesystem>

#include "tests/tools/stb_headend/headend_test_util.h"
#include "tools/stb-headend/self_monitor.h"

namespace tools::headend {
namespace {

using headend_test::noticeJson;
using headend_test::sign;
using headend_test::spool;

TEST(HeadendSelfMonitor, AHealthyCarouselRevisedWhilePlayingRaisesNoAlarm) {
  headend_test::ScratchDir dir("headend-self-monitor");
  std::filesystem::create_directories(dir / "spool");
  spool(dir, "n", sign(noticeJson(1001, 1)));
  spool(dir, "e", sign(noticeJson(2001, 1, "emergency")));
  HeadendConfig c = headend_test::config(dir);
  c.monitor.enabled = true;
  StatusBoard board;
  std::vector<std::string> log;
  Playout playout(c, &board, [&](const std::string& l) { log.push_back(l); });
  std::string error;
  auto monitor = SelfMonitor::attach(
      c, &playout, &board, [&](const std::string& l) { log.push_back(l); }, &error);
  ASSERT_TRUE(monitor) << error;
  std::vector<uint8_t> bytes;
  ASSERT_TRUE(
      playout.start(*c.clock.start, std::make_unique<headend_test::MemoryOutput>(&bytes), &error));
  ASSERT_TRUE(playout.run(10'000, std::nullopt, nullptr, &error)) << error;
  spool(dir, "n", sign(noticeJson(1001, 2)));
  ASSERT_TRUE(playout.run(30'000, std::nullopt, nullptr, &error)) << error;
  std::string all;
  for (const std::string& l : log) all += l + "\n";
  EXPECT_TRUE(board.snapshot().alarms.empty()) << all;
  EXPECT_EQ(all.find("monitor: alarm"), std::string::npos) << all;
  // 30 emergencies and 6 + 1 notices read back whole.
  EXPECT_GE(monitor->monitor().repetitions(), 36u);
}

}  // namespace
}  // namespace tools::headend
