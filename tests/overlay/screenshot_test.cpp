// Composition arithmetic, the test picture and the PNG round trip.
#include "overlay/screenshot.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include "overlay/test_picture.h"
#include "tests/overlay/png_compare.h"

namespace {

using overlay::Image;
using overlay::Rgba;

TEST(ScreenshotTest, ComposeIsStraightAlphaOver) {
  Image over(3, 1), pic(3, 1);
  over.set(0, 0, Rgba{255, 0, 0, 0});    // transparent: the picture
  over.set(1, 0, Rgba{255, 0, 0, 255});  // opaque: the overlay
  over.set(2, 0, Rgba{255, 0, 0, 128});  // half
  for (int x = 0; x < 3; ++x) pic.set(x, 0, Rgba{0, 0, 200, 255});
  const Image out = overlay::composeOver(over, pic);
  EXPECT_EQ(out.at(0, 0), (Rgba{0, 0, 200, 255}));
  EXPECT_EQ(out.at(1, 0), (Rgba{255, 0, 0, 255}));
  EXPECT_EQ(out.at(2, 0), (Rgba{128, 0, 100, 255}));
}

TEST(ScreenshotTest, TestPictureIsOpaqueAndVaried) {
  const Image pic = overlay::makeTestPicture(720, 576);
  ASSERT_EQ(pic.width, 720);
  ASSERT_EQ(pic.height, 576);
  for (size_t i = 3; i < pic.rgba.size(); i += 4) ASSERT_EQ(pic.rgba[i], 255);
  EXPECT_NE(pic.at(10, 300), pic.at(710, 300));  // bars differ
  EXPECT_NE(pic.at(10, 570), pic.at(710, 570));  // ramp goes dark to light
}

TEST(ScreenshotTest, PngRoundTrip) {
  Image img(4, 3);
  for (int y = 0; y < 3; ++y)
    for (int x = 0; x < 4; ++x)
      img.set(x, y, Rgba{uint8_t(x * 60), uint8_t(y * 100), 7, uint8_t(50 + x * 50)});
  const std::string path =
      ::testing::TempDir() + "overlay_roundtrip_" + std::to_string(getpid()) + ".png";
  std::string error;
  ASSERT_TRUE(overlay::writePng(img, path, &error)) << error;
  std::optional<Image> back = overlay_test::readPng(path, &error);
  std::remove(path.c_str());
  ASSERT_TRUE(back) << error;
  EXPECT_EQ(back->rgba, img.rgba);
}

TEST(ScreenshotTest, WriteToBadPathIsAnError) {
  std::string error;
  EXPECT_FALSE(overlay::writePng(Image(1, 1), "/nonexistent/dir/x.png", &error));
  EXPECT_FALSE(error.empty());
}

}  // namespace
