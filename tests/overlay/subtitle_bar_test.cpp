// The subtitle bar drawn headless at every resolution: where it draws, its
// colours, its text and the crawl's motion, read back from the surface.
#include "overlay/subtitle_bar.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "overlay/palette.h"
#include "overlay/test_picture.h"
#include "tests/overlay/fixtures.h"
#include "tests/overlay/texts.h"

namespace {

using overlay::Image;
using overlay::Rect;
using overlay::Rgba;
using overlay::SubtitleBar;
using overlay_test::capture;
using overlay_test::countBright;
using overlay_test::leftmostBrightColumn;
using stb::SubtitleBarView;

constexpr int64_t kStart = 1'000'000;  // any origin: time is injected
constexpr Rgba kMarker{10, 200, 30, 255};

bool near(Rgba a, Rgba b, int tol) {
  return std::abs(a.r - b.r) <= tol && std::abs(a.g - b.g) <= tol && std::abs(a.b - b.b) <= tol &&
         std::abs(a.a - b.a) <= tol;
}

struct Size {
  int w, h;
};

std::string sizeName(const ::testing::TestParamInfo<Size>& p) {
  return std::to_string(p.param.w) + "x" + std::to_string(p.param.h);
}

class SubtitleBarTest : public ::testing::TestWithParam<Size> {
 protected:
  void SetUp() override {
    display_ = overlay_test::openDisplay(GetParam().w, GetParam().h);
    ASSERT_NE(display_, nullptr);
  }
  std::unique_ptr<SubtitleBar> showBar(const SubtitleBarView& view, int speed = 120) {
    auto bar = std::make_unique<SubtitleBar>(*display_, overlay::SubtitleBarOptions{speed});
    std::string error;
    EXPECT_TRUE(bar->show(view, kStart, &error)) << error;
    return bar;
  }
  std::unique_ptr<overlay::Display> display_;
};

TEST_P(SubtitleBarTest, DrawsOnlyInsideTheBandInsideTheSafeArea) {
  display_->fill(kMarker);
  auto bar = showBar(overlay_test::maintenanceZh());
  bar->render(kStart + 1500);
  const Rect band = bar->layout().band;
  EXPECT_TRUE(band.inside(overlay::titleSafeArea(display_->width(), display_->height())));
  const Image img = capture(*display_);
  int outside_changed = 0, inside_unchanged = 0;
  for (int y = 0; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      const bool changed = img.at(x, y) != kMarker;
      if (band.contains(x, y))
        inside_unchanged += changed ? 0 : 1;
      else
        outside_changed += changed ? 1 : 0;
    }
  EXPECT_EQ(outside_changed, 0);
  EXPECT_EQ(inside_unchanged, 0);

  bar->hide();
  const Image hidden = capture(*display_);
  for (int y = 0; y < hidden.height; ++y)
    for (int x = 0; x < hidden.width; ++x)
      ASSERT_EQ(hidden.at(x, y).a, band.contains(x, y) ? 0 : 255) << x << "," << y;
}

TEST_P(SubtitleBarTest, EveryStyleHasItsColours) {
  using Style = SubtitleBarView::Style;
  for (Style style : {Style::kOutage, Style::kMaintenance, Style::kServiceChange, Style::kEmergency,
                      Style::kFee, Style::kInformation}) {
    SCOPED_TRACE(static_cast<int>(style));
    auto bar = showBar(SubtitleBarView{style, "Label", "Text"});
    bar->render(kStart);  // the text has not entered yet
    const overlay::BarPalette pal = overlay::paletteFor(style);
    const overlay::BarLayout& l = bar->layout();
    const Image img = capture(*display_);
    // A corner of the label box, clear of the label text.
    EXPECT_TRUE(near(img.at(l.label_box.x + 1, l.label_box.y + 1), pal.label_box, 0));
    EXPECT_TRUE(near(img.at(l.label_box.right() - 2, l.label_box.bottom() - 2), pal.label_box, 0));
    // The crawl area, empty: the band colour (straight, within rounding).
    const Rgba band = img.at(l.crawl.x + l.crawl.w / 2, l.crawl.y + l.crawl.h / 2);
    EXPECT_TRUE(near(band, pal.band, 2))
        << int(band.r) << " " << int(band.g) << " " << int(band.b) << " " << int(band.a);
    EXPECT_EQ(countBright(img, l.crawl), 0);
    bar->hide();
  }
}

TEST_P(SubtitleBarTest, TextPixelsAppearAsTheTextEnters) {
  auto bar = showBar(overlay_test::maintenanceZh());
  const overlay::BarLayout& l = bar->layout();
  bar->render(kStart + 2500);  // 300 px of text inside the crawl area
  const int bright = countBright(capture(*display_), l.crawl);
  EXPECT_GT(bright, l.crawl.h * 300 / 20) << "too few text pixels";
  // The label text is drawn too (dark ink on amber: count non-amber pixels).
  const Image img = capture(*display_);
  int ink = 0;
  const Rgba amber = overlay::paletteFor(SubtitleBarView::Style::kMaintenance).label_box;
  for (int y = l.label_box.y; y < l.label_box.bottom(); ++y)
    for (int x = l.label_box.x; x < l.label_box.right(); ++x)
      ink += near(img.at(x, y), amber, 8) ? 0 : 1;
  EXPECT_GT(ink, l.label_box.h * 20);
}

TEST_P(SubtitleBarTest, LongLabelIsSetSmallerNotCut) {
  for (const SubtitleBarView& view : {overlay_test::maintenanceZh(), overlay_test::outageEs()}) {
    auto bar = showBar(view);
    bar->render(kStart);
    const overlay::BarLayout& l = bar->layout();
    const Rgba box = overlay::paletteFor(view.style).label_box;
    const Image img = capture(*display_);
    // The right-hand padding of the label box stays clear of ink.
    int ink = 0;
    for (int y = l.label_box.y; y < l.label_box.bottom(); ++y)
      for (int x = l.label_box.right() - l.padding / 2; x < l.label_box.right(); ++x)
        ink += near(img.at(x, y), box, 0) ? 0 : 1;
    EXPECT_EQ(ink, 0) << view.label;
    bar->hide();
  }
}

TEST_P(SubtitleBarTest, CyrillicAndLatinRender) {
  for (const SubtitleBarView& view : {overlay_test::informationRu(), overlay_test::outageEs()}) {
    auto bar = showBar(view);
    bar->render(kStart + 2500);
    EXPECT_GT(countBright(capture(*display_), bar->layout().crawl), bar->layout().crawl.h * 10)
        << view.text;
    bar->hide();
  }
}

TEST_P(SubtitleBarTest, CrawlMovesRightToLeftAtTheConfiguredSpeed) {
  auto bar = showBar(overlay_test::maintenanceZh(), 120);
  const Rect crawl = bar->layout().crawl;
  bar->render(kStart + 1000);
  const int x0 = leftmostBrightColumn(capture(*display_), crawl);
  bar->render(kStart + 2000);
  const int x1 = leftmostBrightColumn(capture(*display_), crawl);
  ASSERT_GE(x0, crawl.x);
  ASSERT_GE(x1, crawl.x);
  EXPECT_NEAR(x0 - x1, 120, 2);
  EXPECT_NEAR(crawl.right() - x0, 120, 10);  // entered from the right edge
}

TEST_P(SubtitleBarTest, FinishesAPassWhenTheTextHasCrossed) {
  auto bar = showBar(overlay_test::maintenanceZh(), 120);
  const int distance = bar->layout().crawl.w + bar->textAdvance();
  const int64_t end = kStart + (distance * 1000 + 119) / 120;
  EXPECT_FALSE(bar->finishedPass(kStart));
  EXPECT_FALSE(bar->finishedPass(end - 20));
  EXPECT_TRUE(bar->finishedPass(end));
  bar->render(end);
  EXPECT_EQ(countBright(capture(*display_), bar->layout().crawl), 0);
  // Weeks later (a bar nobody hid): still finished, still nothing drawn.
  const int64_t weeks = int64_t{40} * 24 * 3600 * 1000;
  EXPECT_TRUE(bar->finishedPass(kStart + weeks));
  bar->render(kStart + weeks);
  EXPECT_EQ(countBright(capture(*display_), bar->layout().crawl), 0);
}

TEST_P(SubtitleBarTest, ComposedOverThePictureOnlyTheBandDiffers) {
  auto bar = showBar(overlay_test::outageEs());
  bar->render(kStart + 3000);
  const Image picture = overlay::makeTestPicture(display_->width(), display_->height());
  const Image screen = overlay::composeOver(capture(*display_), picture);
  const Rect band = bar->layout().band;
  int band_same = 0;
  for (int y = 0; y < screen.height; ++y)
    for (int x = 0; x < screen.width; ++x) {
      if (band.contains(x, y))
        band_same += screen.at(x, y) == picture.at(x, y) ? 1 : 0;
      else
        ASSERT_EQ(screen.at(x, y), picture.at(x, y)) << x << "," << y;
    }
  EXPECT_EQ(band_same, 0);
}

TEST_P(SubtitleBarTest, NothingIsDrawnBeforeShowOrAfterHide) {
  SubtitleBar bar(*display_);
  bar.render(kStart);
  EXPECT_TRUE(bar.finishedPass(kStart));
  bar.hide();
  const Image img = capture(*display_);
  for (size_t i = 3; i < img.rgba.size(); i += 4) ASSERT_EQ(img.rgba[i], 0);
}

TEST_P(SubtitleBarTest, EmptyTextShowsTheLabelOnly) {
  auto bar = showBar(SubtitleBarView{SubtitleBarView::Style::kFee, "Fee", ""});
  bar->render(kStart + 1000);
  EXPECT_EQ(bar->textAdvance(), 0);
  EXPECT_TRUE(bar->finishedPass(kStart));
  EXPECT_EQ(countBright(capture(*display_), bar->layout().crawl), 0);
}

INSTANTIATE_TEST_SUITE_P(Resolutions, SubtitleBarTest,
                         ::testing::Values(Size{720, 576}, Size{1280, 720}, Size{1920, 1080}),
                         sizeName);

}  // namespace
