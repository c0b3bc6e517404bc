// The title-safe area and the bar's rectangles: pure arithmetic.
#include "overlay/layout.h"

#include <gtest/gtest.h>

namespace {

using overlay::Rect;

struct Size {
  int w, h;
};
class LayoutTest : public ::testing::TestWithParam<Size> {};

TEST_P(LayoutTest, TitleSafeAreaIsCentralNinetyPercent) {
  const Size s = GetParam();
  const Rect safe = overlay::titleSafeArea(s.w, s.h);
  EXPECT_LE(safe.w, s.w * 90 / 100);
  EXPECT_GE(safe.w, s.w * 90 / 100 - 2);
  EXPECT_LE(safe.h, s.h * 90 / 100);
  EXPECT_GE(safe.h, s.h * 90 / 100 - 2);
  EXPECT_EQ(safe.x, s.w - safe.right());  // centred
  EXPECT_EQ(safe.y, s.h - safe.bottom());
}

TEST_P(LayoutTest, BarSitsAtBottomOfSafeArea) {
  const Size s = GetParam();
  const Rect safe = overlay::titleSafeArea(s.w, s.h);
  const overlay::BarLayout l = overlay::layoutSubtitleBar(s.w, s.h, 200);
  EXPECT_TRUE(l.band.inside(safe));
  EXPECT_EQ(l.band.bottom(), safe.bottom());
  EXPECT_EQ(l.band.w, safe.w);
  EXPECT_TRUE(l.label_box.inside(l.band));
  EXPECT_TRUE(l.crawl.inside(l.band));
  EXPECT_GT(l.crawl.x, l.label_box.right() - 1);
  EXPECT_EQ(l.label_box.w, 200 + 2 * l.padding);
  EXPECT_LT(l.text_height, l.band.h);
}

TEST_P(LayoutTest, LongLabelIsCappedSoTheCrawlKeepsRoom) {
  const Size s = GetParam();
  const overlay::BarLayout l = overlay::layoutSubtitleBar(s.w, s.h, 100000);
  EXPECT_LE(l.label_box.w, l.band.w * 45 / 100);
  EXPECT_GE(l.crawl.w, l.band.w / 2);
}

INSTANTIATE_TEST_SUITE_P(Resolutions, LayoutTest,
                         ::testing::Values(Size{720, 576}, Size{1280, 720}, Size{1920, 1080}));

}  // namespace
