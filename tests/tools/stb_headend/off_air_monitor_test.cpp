// The off-air monitor against hand-made streams: each alarm raised within one
// interval of its fault, and gone once the fault is.
#include <gtest/gtest.h>

#include "tests/tools/stb_headend/off_air_fixture.h"

namespace {

using dvb::notice::ObjectType;
using off_air_test::Air;
using off_air_test::expectedOf;
using off_air_test::kPid;
using off_air_test::signedSections;
using off_air_test::Slot;
using tools::headend::MonitorOptions;

constexpr uint64_t kBudget = 200'000;

MonitorOptions options() {
  MonitorOptions o;
  o.pid = kPid;
  o.budget_bps = kBudget;
  return o;
}

// A notice every second and a three-section directory every three.
struct TwoObjects : ::testing::Test {
  TwoObjects() : air(options()) {
    notice = signedSections(ObjectType::kNotice, 1001, 2);
    directory = signedSections(ObjectType::kDirectory, 7, 1, 9000);
    air.slots = {{notice, 1000}, {directory, 3000}};
    air.monitor.expect({expectedOf(notice, 1000), expectedOf(directory, 3000)});
  }
  std::vector<dvb::Section> notice, directory;
  Air air;
};

TEST_F(TwoObjects, ACleanCarouselRaisesNothing) {
  ASSERT_EQ(directory.size(), 3u);
  air.playUntil(20'000);
  EXPECT_TRUE(air.kindsRaised().empty()) << ::testing::PrintToString(air.kindsRaised());
  EXPECT_EQ(air.monitor.repetitions(), 21u + 7u);
  EXPECT_EQ(air.monitor.demux().health().pid(kPid).continuity_errors, 0u);
}

TEST_F(TwoObjects, AnObjectThatStopsIsMissingWithinOneIntervalAndClearsWhenBack) {
  air.playUntil(5'000);
  air.slots[1].on = false;  // the directory's last repetition went out at 3000
  air.playUntil(12'000);
  air.slots[1].on = true;
  air.slots[1].next_ms = air.now_ms;
  air.playUntil(15'000);

  const auto raised = air.firstRaised("missing", "directory 7");
  ASSERT_TRUE(raised);
  EXPECT_GT(*raised, 6'000u);                          // not before it was due
  EXPECT_LE(*raised, 9'000u);                          // within one interval of the due time
  EXPECT_EQ(*air.since("missing", "directory 7"), 6);  // due at 6 s
  EXPECT_LT(*air.lastStanding("missing"), 12'100u);    // gone with its next repetition
  EXPECT_FALSE(air.firstRaised("missing", "notice 1001"));
  EXPECT_FALSE(air.firstRaised("stopped"));
}

TEST_F(TwoObjects, ACrcErrorRaisesAnAlarmAtOnceThatClearsAfterACleanInterval) {
  air.playUntil(2'000);
  bool damaged = false;
  air.tamper = [&](std::vector<uint8_t>* packets) {
    for (size_t i = 0; !damaged && i + 188 <= packets->size(); i += 188) {
      uint8_t* p = packets->data() + i;
      if (((p[1] & 0x1F) << 8 | p[2]) != kPid) continue;
      p[100] ^= 0xFF;  // inside a section: its CRC_32 no longer matches
      damaged = true;
    }
  };
  air.playUntil(6'000);
  ASSERT_TRUE(damaged);
  EXPECT_EQ(air.firstRaised("crc", "pid 0x1F00"), 3'000u);  // the notice's next repetition
  EXPECT_EQ(air.lastStanding("crc"), 3'990u);  // one clean shortest interval later, gone
  EXPECT_GE(air.monitor.demux().sectionErrors(kPid).crc_errors, 1u);
}

TEST_F(TwoObjects, AStoppedCarouselIsOneAlarmNotOnePerObjectAndClearsWhenItRestarts) {
  air.playUntil(3'000);
  for (Slot& s : air.slots) s.on = false;
  air.playUntil(8'000);
  for (Slot& s : air.slots) {
    s.on = true;
    s.next_ms = air.now_ms;
  }
  air.playUntil(10'000);

  const auto raised = air.firstRaised("stopped", "pid 0x1F00");
  ASSERT_TRUE(raised);
  EXPECT_GT(*raised, 4'000u);
  EXPECT_LE(*raised, 5'000u);  // within the shortest interval of the next due notice
  EXPECT_LE(*air.lastStanding("stopped"), 8'000u);
  EXPECT_FALSE(air.firstRaised("missing"));
}

TEST_F(TwoObjects, SectionsThatDifferFromWhatWasSignedAreAMismatch) {
  air.playUntil(2'000);
  // Same object, same version, other bytes: not what was signed.
  air.slots[0].sections = signedSections(ObjectType::kNotice, 1001, 2, 200, 0x33);
  air.playUntil(4'000);
  air.slots[0].sections = notice;
  air.playUntil(6'000);

  const auto raised = air.firstRaised("mismatch", "notice 1001: sections on air differ");
  ASSERT_TRUE(raised);
  EXPECT_EQ(*raised, 3'000u);                              // its first repetition after the change
  EXPECT_LT(*air.lastStanding("mismatch"), 5'000u);        // the signed bytes are back: cleared
  EXPECT_TRUE(air.firstRaised("missing", "notice 1001"));  // the signed one was not on air
}

TEST_F(TwoObjects, AVersionThatWasNotSignedIsAMismatch) {
  air.slots[0].sections = signedSections(ObjectType::kNotice, 1001, 3);
  air.playUntil(3'000);
  const auto raised = air.firstRaised("mismatch", "notice 1001: version 3 on air, 2 signed");
  ASSERT_TRUE(raised);
  EXPECT_EQ(*raised, 0u);
}

TEST_F(TwoObjects, ARevisionTakesOverWithoutAlarmsAndTheOldOneMustStop) {
  air.playUntil(3'000);
  const auto revised = signedSections(ObjectType::kNotice, 1001, 3);
  air.monitor.expect({expectedOf(revised, 1000), expectedOf(directory, 3000)});
  air.playUntil(3'500);  // the old revision still comes back within settle_ms: forgiven
  air.slots[0].sections = revised;
  air.playUntil(8'000);
  EXPECT_TRUE(air.kindsRaised().empty()) << ::testing::PrintToString(air.kindsRaised());

  // A playout that went on sending the old revision is caught.
  air.slots[0].sections = notice;
  air.playUntil(12'000);
  EXPECT_TRUE(air.firstRaised("mismatch", "notice 1001: version 2 on air, 3 signed"));
  EXPECT_TRUE(air.firstRaised("missing", "notice 1001"));
}

TEST_F(TwoObjects, ACancelledObjectStillOnAirIsAMismatchUntilItStops) {
  air.playUntil(3'000);
  air.monitor.expect({expectedOf(directory, 3000)});  // the notice is cancelled
  air.playUntil(6'000);                               // but the playout still sends it
  air.slots[0].on = false;
  air.playUntil(14'000);

  const auto raised = air.firstRaised("mismatch", "notice 1001: on air but not in the carousel");
  ASSERT_TRUE(raised);
  EXPECT_GT(*raised, 4'000u);  // forgiven within settle_ms of the change
  EXPECT_LE(*raised, 5'000u);
  EXPECT_LT(*air.lastStanding("mismatch"), 14'000u);
  EXPECT_FALSE(air.firstRaised("missing", "notice 1001"));
}

TEST(OffAirMonitor, ABitrateOverTheBudgetAcrossTheWindowRaisesAnAlarmThatClears) {
  Air air(options());
  const auto big = signedSections(ObjectType::kFeeBatch, 1, 1, 3800);  // ~22 packets
  air.slots = {{big, 100}};  // ~330 kbit/s, over the 200 kbit/s budget
  air.monitor.expect({expectedOf(big, 100)});
  air.playUntil(3'000);
  air.slots[0].interval_ms = 500;  // ~66 kbit/s
  air.playUntil(6'000);

  const auto raised = air.firstRaised("over_budget", "pid 0x1F00");
  ASSERT_TRUE(raised);
  EXPECT_EQ(*raised, 1'000u);  // as soon as one window is full
  const auto last = air.lastStanding("over_budget");
  EXPECT_GE(*last, 3'000u);
  EXPECT_LE(*last, 4'000u);  // one window after the rate came down
}

TEST(OffAirMonitor, NothingExpectedNothingOnAirIsNoAlarm) {
  Air air(options());
  air.playUntil(5'000);
  EXPECT_TRUE(air.kindsRaised().empty());
}

TEST(OffAirMonitor, SinceIsTheOwnersClock) {
  MonitorOptions o = options();
  o.utc_at = [](uint64_t ms) { return dvb::UtcSeconds{1'800'000'000} + ms / 1000 * 1440; };
  Air air(o);
  const auto notice = signedSections(ObjectType::kNotice, 5, 1);
  const auto directory = signedSections(ObjectType::kDirectory, 6, 1);
  air.slots = {{directory, 1000}};
  air.monitor.expect({expectedOf(notice, 1000), expectedOf(directory, 1000)});
  air.playUntil(3'000);  // never sent: missing since it was first due, 1 s in
  EXPECT_EQ(air.since("missing", "notice 5"), 1'800'000'000 + 1440);
}

}  // namespace
