// The storm's figures: percentiles and the busiest second.
#include "tools/stb-fleet/storm_figures.h"

#include <gtest/gtest.h>

namespace {

using tools::fleet::Exchange;

TEST(StormFigures, PercentileIsTheNearestRank) {
  EXPECT_EQ(tools::fleet::percentile({}, 50), 0);
  EXPECT_EQ(tools::fleet::percentile({5, 1, 4, 2, 3}, 50), 3);
  EXPECT_EQ(tools::fleet::percentile({5, 1, 4, 2, 3}, 100), 5);
  EXPECT_EQ(tools::fleet::percentile({5, 1, 4, 2, 3}, 0), 1);
}

TEST(StormFigures, PeakCountsAnsweredExchangesInTheBusiestSecond) {
  const auto t0 = std::chrono::steady_clock::now();
  const auto at = [t0](int ms) { return t0 + std::chrono::milliseconds(ms); };
  std::vector<Exchange> e = {{200, 1, at(0)},   {0, 1, at(100)},    {201, 1, at(200)},
                             {503, 1, at(900)}, {200, 1, at(1100)}, {200, 1, at(2500)}};
  // 0, 200, 900 in one second (the refused connection at 100 is no answer);
  // 200, 900, 1100 in another.
  EXPECT_EQ(tools::fleet::peakPerSecond(e), 3);
}

}  // namespace
