// Opening DirectFB headless, the overlay surface and the font cache.
#include "overlay/display.h"

#include <gtest/gtest.h>

#include "tests/overlay/fixtures.h"

namespace {

using overlay_test::capture;
using overlay_test::openDisplay;

TEST(DisplayTest, OpensAtEveryResolutionAndStartsTransparent) {
  for (auto [w, h] : {std::pair{720, 576}, std::pair{1280, 720}, std::pair{1920, 1080}}) {
    auto d = openDisplay(w, h);
    ASSERT_NE(d, nullptr);
    EXPECT_EQ(d->width(), w);
    EXPECT_EQ(d->height(), h);
    const overlay::Image img = capture(*d);
    ASSERT_EQ(img.width, w);
    ASSERT_EQ(img.height, h);
    for (size_t i = 3; i < img.rgba.size(); i += 4) ASSERT_EQ(img.rgba[i], 0) << "pixel " << i / 4;
  }
}

TEST(DisplayTest, RefusesOtherSizes) {
  overlay::DisplayOptions options;
  options.width = 800;
  options.height = 600;
  std::string error;
  EXPECT_EQ(overlay::Display::open(options, &error), nullptr);
  EXPECT_NE(error.find("800x600"), std::string::npos) << error;
}

TEST(DisplayTest, MissingFontIsAnErrorNamingThePath) {
  overlay::DisplayOptions options;
  options.font_path = "/nonexistent/font.ttf";
  std::string error;
  EXPECT_EQ(overlay::Display::open(options, &error), nullptr);
  EXPECT_NE(error.find("/nonexistent/font.ttf"), std::string::npos) << error;
}

TEST(DisplayTest, FontsAreCachedByHeight) {
  auto d = openDisplay(1280, 720);
  ASSERT_NE(d, nullptr);
  std::string error;
  IDirectFBFont* a = d->font(30, &error);
  ASSERT_NE(a, nullptr) << error;
  EXPECT_EQ(d->font(30, &error), a);
  EXPECT_NE(d->font(31, &error), a);
}

TEST(DisplayTest, FillStoresTheStraightColour) {
  auto d = openDisplay(720, 576);
  ASSERT_NE(d, nullptr);
  d->fill(overlay::Rgba{200, 100, 50, 128});
  const overlay::Rgba c = capture(*d).at(10, 10);
  // Premultiplied inside, straight when read back: within rounding.
  EXPECT_NEAR(c.r, 200, 2);
  EXPECT_NEAR(c.g, 100, 2);
  EXPECT_NEAR(c.b, 50, 2);
  EXPECT_EQ(c.a, 128);
}

}  // namespace
