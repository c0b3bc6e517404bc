#include "tools/stb-notice/cli_values.h"

#include <gtest/gtest.h>

namespace tools::notice {
namespace {

TEST(CliValues, UtcAndOffsets) {
  EXPECT_EQ(parseUtc("2026-11-30T02:00:00Z"), 1796004000);
  EXPECT_FALSE(parseUtc("2026-11-30T02:00:00"));
  EXPECT_FALSE(parseUtc("2026-1-5T2:0:0Z"));
  EXPECT_FALSE(parseUtc("2026-02-30T00:00:00Z"));
  EXPECT_EQ(parseUtcOffset("+08:00"), 480);
  EXPECT_EQ(parseUtcOffset("-05:30"), -330);
  EXPECT_EQ(parseUtcOffset("+0800"), 480);
  for (const char* bad : {"08:00", "+8:00", "+15:00", "+08:60", "+08-00", ""})
    EXPECT_FALSE(parseUtcOffset(bad)) << bad;
  EXPECT_EQ(formatUtcOffset(480), "+08:00");
  EXPECT_EQ(formatUtcOffset(-330), "-05:30");
}

}  // namespace
}  // namespace tools::notice
