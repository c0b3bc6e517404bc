// The longest texts the protocol carries crawl whole at every resolution:
// wider than one DirectFB surface may be (20,480 px), so the bar draws them
// in pieces. Each frame checked against the same text drawn in one go at the
// same place, from the first letters entering to the last ones leaving,
// across the pieces' edges, with only a few pieces held at a time.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <vector>

#include "overlay/draw.h"
#include "overlay/palette.h"
#include "overlay/subtitle_bar.h"
#include "tests/overlay/fixtures.h"
#include "tests/overlay/texts.h"

namespace {

using overlay::Image;
using overlay::Rect;
using overlay::SubtitleBar;
using overlay::TextStrip;
using stb::SubtitleBarView;

constexpr int kSpeed = 120;

using Case = overlay_test::ScreenCase;

SubtitleBarView viewFor(const std::string& language) {
  if (language == "zho") return overlay_test::longestZh();
  if (language == "spa") return overlay_test::longestEs();
  return overlay_test::longestEn();
}

class LongTextTest : public ::testing::TestWithParam<Case> {};

// The crawl area as it should look: the band's colour with the whole text
// drawn over it in one DrawString, its left edge at screen x TEXT_X.
Image referenceCrawl(overlay::Display& d, const SubtitleBar& bar, const SubtitleBarView& view,
                     int text_x) {
  const Rect crawl = bar.layout().crawl;
  std::string error;
  overlay::SurfaceHandle s = d.createSurface(crawl.w, crawl.h, &error);
  EXPECT_NE(s, nullptr) << error;
  if (!s) return Image();
  IDirectFBFont* font = d.font(bar.layout().text_height, &error);
  overlay::fillRect(s.get(), Rect{0, 0, crawl.w, crawl.h}, overlay::paletteFor(view.style).band);
  overlay::drawText(s.get(), font, view.text.data(), view.text.size(), text_x - crawl.x,
                    overlay::centredTop(font, crawl.h), overlay::paletteFor(view.style).text);
  std::optional<Image> img = overlay::captureSurface(s.get(), &error);
  EXPECT_TRUE(img.has_value()) << error;
  return img ? *img : Image();
}

TEST_P(LongTextTest, CrawlsWholeFromFirstToLastLetter) {
  const Case c = GetParam();
  auto display = overlay_test::openDisplay(c.w, c.h);
  ASSERT_NE(display, nullptr);
  const SubtitleBarView view = viewFor(c.language);
  SubtitleBar bar(*display, overlay::SubtitleBarOptions{kSpeed});
  std::string error;
  ASSERT_TRUE(bar.show(view, 0, &error)) << error;
  const Rect crawl = bar.layout().crawl;
  const int advance = bar.textAdvance();
  ASSERT_GT(advance, 20480) << "the text should be wider than one surface may be";

  // Travel T (px) puts the text's left edge at crawl.right() - T. Sample the
  // first letters entering, every piece's edge passing the crawl's middle,
  // evenly in between, and the last letters leaving.
  std::vector<int> travels = {crawl.w / 4, crawl.w + advance - crawl.w / 4};
  for (int edge = TextStrip::kPieceWidth; edge < advance; edge += TextStrip::kPieceWidth)
    travels.push_back(crawl.w / 2 + edge);
  for (int i = 1; i < 16; ++i) travels.push_back((crawl.w + advance) * i / 16);
  std::sort(travels.begin(), travels.end());

  size_t most_held = 0;
  for (int travel : travels) {
    SCOPED_TRACE("travel " + std::to_string(travel) + " of " + std::to_string(crawl.w + advance));
    bar.render(int64_t{travel} * 1000 / kSpeed);
    const int text_x = bar.textX(int64_t{travel} * 1000 / kSpeed);
    most_held = std::max(most_held, bar.strip().piecesHeld());
    const Image screen = overlay_test::capture(*display);
    const Image ref = referenceCrawl(*display, bar, view, text_x);
    ASSERT_EQ(ref.width, crawl.w);
    // The same pixels as the one-go drawing, within rounding.
    int ink = 0, differing = 0;
    for (int y = 0; y < crawl.h; ++y)
      for (int x = 0; x < crawl.w; ++x) {
        const overlay::Rgba want = ref.at(x, y);
        const overlay::Rgba got = screen.at(crawl.x + x, crawl.y + y);
        ink += overlay_test::bright(want) ? 1 : 0;
        const int diff = std::max({std::abs(want.r - got.r), std::abs(want.g - got.g),
                                   std::abs(want.b - got.b), std::abs(want.a - got.a)});
        differing += diff > 8 ? 1 : 0;
      }
    EXPECT_GT(ink, crawl.h * 4) << "the reference shows no text here";
    EXPECT_LE(differing, ink / 100);
    // Where the text covers the whole crawl area, every quarter of it has ink.
    if (text_x <= crawl.x && text_x + advance >= crawl.right()) {
      for (int q = 0; q < 4; ++q) {
        const Rect quarter{crawl.x + crawl.w * q / 4, crawl.y, crawl.w / 4, crawl.h};
        EXPECT_GT(overlay_test::countBright(screen, quarter), crawl.h) << "quarter " << q;
      }
    }
  }
  EXPECT_TRUE(bar.strip().lastError().empty()) << bar.strip().lastError();
  // Memory: only the pieces on screen, never the whole text.
  EXPECT_LE(most_held, static_cast<size_t>(crawl.w / TextStrip::kPieceWidth + 2));
  EXPECT_GT(bar.strip().pieces(), most_held);

  const int64_t end = int64_t{crawl.w + advance + 1} * 1000 / kSpeed + 1;
  EXPECT_TRUE(bar.finishedPass(end));
  bar.render(end);
  EXPECT_EQ(overlay_test::countBright(overlay_test::capture(*display), crawl), 0);
  bar.render(end + 1000);  // the last piece's margin has crossed too
  EXPECT_EQ(bar.strip().piecesHeld(), 0u);
}

INSTANTIATE_TEST_SUITE_P(Longest, LongTextTest,
                         ::testing::ValuesIn(overlay_test::everyLanguageAndSize()),
                         overlay_test::screenCaseName);

TEST(LongTextTest, LongestBodiesAreAtTheProtocolLimit) {
  // 1,023 GB2312 characters + the table byte; 2,047 single-byte ones + the byte.
  auto count = [](const std::string& s) {
    return std::count_if(s.begin(), s.end(),
                         [](char ch) { return (static_cast<unsigned char>(ch) & 0xC0) != 0x80; });
  };
  EXPECT_GE(count(overlay_test::longestZh().text), 1023);
  EXPECT_GE(count(overlay_test::longestEs().text), 2047);
  EXPECT_GE(count(overlay_test::longestEn().text), 2047);
}

}  // namespace
