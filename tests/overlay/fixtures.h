#pragma once
// Shared test helpers: a headless display (dummy system) that fails the test
// loudly when DirectFB or the font is missing, and pixel predicates.
#include <gtest/gtest.h>

#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "overlay/display.h"
#include "overlay/image.h"
#include "overlay/layout.h"
#include "overlay/screenshot.h"

namespace overlay_test {

// One screen size and viewer language, for tests that run at every one.
struct ScreenCase {
  int w, h;
  const char* language;
};

inline void PrintTo(const ScreenCase& c, std::ostream* os) {
  *os << c.language << " " << c.w << "x" << c.h;
}

inline std::string screenCaseName(const ::testing::TestParamInfo<ScreenCase>& p) {
  return std::string(p.param.language) + "_" + std::to_string(p.param.w) + "x" +
         std::to_string(p.param.h);
}

// zho, spa and eng at 720x576, 1280x720 and 1920x1080.
inline std::vector<ScreenCase> everyLanguageAndSize() {
  std::vector<ScreenCase> cases;
  for (const char* language : {"zho", "spa", "eng"})
    for (const auto& [w, h] : {std::pair{720, 576}, {1280, 720}, {1920, 1080}})
      cases.push_back({w, h, language});
  return cases;
}

// Never skips: a box without DirectFB or the font cannot show notices.
inline std::unique_ptr<overlay::Display> openDisplay(int width, int height) {
  overlay::DisplayOptions options;
  options.width = width;
  options.height = height;
  std::string error;
  std::unique_ptr<overlay::Display> d = overlay::Display::open(options, &error);
  EXPECT_NE(d, nullptr) << "cannot open a headless DirectFB display " << width << "x" << height
                        << ": " << error
                        << " (install libdirectfb-dev libdirectfb-extra fonts-wqy-microhei)";
  return d;
}

inline overlay::Image capture(const overlay::Display& d) {
  std::string error;
  std::optional<overlay::Image> img = overlay::captureSurface(d.surface(), &error);
  EXPECT_TRUE(img.has_value()) << error;
  return img ? *img : overlay::Image();
}

// The crawl text is white; the band behind it is dark.
inline bool bright(overlay::Rgba c) {
  return c.a > 200 && c.r > 200 && c.g > 200 && c.b > 200;
}

inline int countBright(const overlay::Image& img, const overlay::Rect& r) {
  int n = 0;
  for (int y = r.y; y < r.bottom(); ++y)
    for (int x = r.x; x < r.right(); ++x) n += bright(img.at(x, y)) ? 1 : 0;
  return n;
}

// Leftmost column of R holding a bright pixel, or -1.
inline int leftmostBrightColumn(const overlay::Image& img, const overlay::Rect& r) {
  for (int x = r.x; x < r.right(); ++x)
    for (int y = r.y; y < r.bottom(); ++y)
      if (bright(img.at(x, y))) return x;
  return -1;
}

}  // namespace overlay_test
