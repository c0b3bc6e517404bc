// Durations as typed in options and the config file: strict, so a typo is
// an error rather than a different interval.
#include "dvb/duration.h"

#include <gtest/gtest.h>

namespace dvb {
namespace {

TEST(Duration, ParsesAndFormats) {
  EXPECT_EQ(parseDurationMs("30s"), 30'000u);
  EXPECT_EQ(parseDurationMs("5m"), 300'000u);
  EXPECT_EQ(parseDurationMs("1h"), 3'600'000u);
  EXPECT_EQ(parseDurationMs("500ms"), 500u);
  EXPECT_EQ(parseDurationMs("10"), 10'000u);
  for (const char* bad : {"", "s", "0s", "-1s", "1.5s", "30 s", "30sec", "1d", "9999999999s"})
    EXPECT_FALSE(parseDurationMs(bad)) << bad;
  EXPECT_EQ(formatDurationMs(30'000), "30s");
  EXPECT_EQ(formatDurationMs(3'600'000), "1h");
  EXPECT_EQ(formatDurationMs(1500), "1500ms");
}

}  // namespace
}  // namespace dvb
