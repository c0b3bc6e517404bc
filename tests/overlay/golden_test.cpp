// Golden screenshots: the bar composed over the test picture, compared with
// committed PNGs in tests/overlay/golden/ within a tolerance (font rasterising
// may differ by a level or two between FreeType builds).
//
// A missing or differing golden fails the test and writes NAME.candidate.png
// beside it. Look at the candidate; if it is right, rename it to NAME.png.
#include <gtest/gtest.h>

#include "overlay/subtitle_bar.h"
#include "overlay/test_picture.h"
#include "tests/overlay/fixtures.h"
#include "tests/overlay/png_compare.h"
#include "tests/overlay/texts.h"

namespace {

constexpr int64_t kStart = 0;

void checkGolden(const std::string& name, int w, int h, const stb::SubtitleBarView& view) {
  auto display = overlay_test::openDisplay(w, h);
  ASSERT_NE(display, nullptr);
  overlay::SubtitleBar bar(*display, overlay::SubtitleBarOptions{120});
  std::string error;
  ASSERT_TRUE(bar.show(view, kStart, &error)) << error;
  // The moment the text's first letters stand 20 px inside the crawl area.
  const overlay::Rect crawl = bar.layout().crawl;
  bar.render(kStart + (crawl.w - 20) * 1000 / 120);
  const overlay::Image screen =
      overlay::composeOver(overlay_test::capture(*display), overlay::makeTestPicture(w, h));

  overlay_test::expectMatchesGolden(screen, STB_OVERLAY_GOLDEN_DIR, name);
}

TEST(GoldenTest, MaintenanceChinese720x576) {
  checkGolden("maintenance_zh_720x576", 720, 576, overlay_test::maintenanceZh());
}

TEST(GoldenTest, MaintenanceChinese1920x1080) {
  checkGolden("maintenance_zh_1920x1080", 1920, 1080, overlay_test::maintenanceZh());
}

TEST(GoldenTest, OutageSpanish1280x720) {
  checkGolden("outage_es_1280x720", 1280, 720, overlay_test::outageEs());
}

}  // namespace
