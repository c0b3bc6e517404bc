// The box's clock: stream time wins, is carried between TDTs, never jumps back
// within a second, and local time follows the TOT's offset change.
#include "stb/stream_clock.h"

#include <gtest/gtest.h>

#include "tests/support/utc_time.h"

namespace stb {
namespace {

struct FakeMonotonic : MonotonicClock {
  int64_t now = 1'000'000;
  int64_t nowMs() const override { return now; }
};

using testing_support::at;

TEST(StreamClock, UnknownUntilTrustworthyTime) {
  FakeMonotonic mono;
  StreamClock clock(mono, "CHN", 0);
  EXPECT_FALSE(clock.known());
  EXPECT_FALSE(clock.utc());
  clock.onSystemTime(at("2026-11-29T02:00:00Z"), /*synchronised=*/false);
  EXPECT_FALSE(clock.known());  // an unsynchronised RTC may be years off
  clock.onSystemTime(at("2026-11-29T02:00:00Z"), true);
  EXPECT_EQ(clock.utc(), at("2026-11-29T02:00:00Z"));
  EXPECT_FALSE(clock.fromStream());
}

TEST(StreamClock, TdtWinsOverTheSystemClockAndIsCarried) {
  FakeMonotonic mono;
  StreamClock clock(mono, "CHN", 0);
  clock.onSystemTime(at("2026-11-29T01:00:00Z"), true);
  clock.onStreamTime(at("2026-11-29T02:00:00Z"));
  EXPECT_TRUE(clock.fromStream());
  EXPECT_EQ(clock.lastCorrectionMs(), 3'600'000);
  mono.now += 2'500;
  EXPECT_EQ(*clock.utcMs(), at("2026-11-29T02:00:00Z") * 1000 + 2'500);
  clock.onSystemTime(at("2020-01-01T00:00:00Z"), true);  // ignored once the stream spoke
  EXPECT_EQ(clock.utc(), at("2026-11-29T02:00:02Z"));
}

TEST(StreamClock, NeverStepsBackWithinTheTdtsSecond) {
  FakeMonotonic mono;
  StreamClock clock(mono, "CHN", 0);
  clock.onStreamTime(at("2026-11-29T02:00:00Z"));
  mono.now += 3'400;  // carried: 02:00:03.400
  clock.onStreamTime(at("2026-11-29T02:00:03Z"));
  EXPECT_EQ(*clock.utcMs(), at("2026-11-29T02:00:03Z") * 1000 + 400);
  mono.now += 1'000;  // carried 02:00:04.400, but the stream says 02:00:06: it jumped
  clock.onStreamTime(at("2026-11-29T02:00:06Z"));
  EXPECT_EQ(*clock.utcMs(), at("2026-11-29T02:00:06Z") * 1000);
  EXPECT_EQ(clock.lastCorrectionMs(), 1'600);
}

TEST(StreamClock, LocalOffsetFollowsTheTotForTheBoxsCountry) {
  FakeMonotonic mono;
  StreamClock clock(mono, "ITA", 0);
  // test-018's TOT: ITA +01:00, changing to +02:00 on 2018-03-25 01:00 UTC.
  const std::vector<dvb::LocalTimeOffset> offsets = {
      {"FRA", 0, 60, at("2018-03-25T01:00:00Z"), 120},
      {"ITA", 0, 60, at("2018-03-25T01:00:00Z"), 120}};
  EXPECT_FALSE(clock.localOffsetMinutes());
  clock.onLocalTimeOffsets(at("2018-03-25T00:59:59Z"), offsets);
  EXPECT_EQ(clock.localOffsetMinutes(), 60);
  mono.now += 1'000;  // the change happens while we carry the time
  EXPECT_EQ(clock.localOffsetMinutes(), 120);

  StreamClock chinese_box(mono, "CHN", 0);
  chinese_box.onLocalTimeOffsets(at("2018-03-25T00:00:00Z"), offsets);
  EXPECT_TRUE(chinese_box.known());
  EXPECT_FALSE(chinese_box.localOffsetMinutes());  // no entry for its country
}

}  // namespace
}  // namespace stb
