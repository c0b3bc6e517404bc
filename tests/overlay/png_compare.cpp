#include "tests/overlay/png_compare.h"

#include "overlay/screenshot.h"

#include <gtest/gtest.h>
#include <png.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace overlay_test {

std::optional<overlay::Image> readPng(const std::string& path, std::string* error) {
  png_image png;
  std::memset(&png, 0, sizeof png);
  png.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&png, path.c_str())) {
    *error = path + ": " + png.message;
    return std::nullopt;
  }
  png.format = PNG_FORMAT_RGBA;
  overlay::Image img(static_cast<int>(png.width), static_cast<int>(png.height));
  if (!png_image_finish_read(&png, nullptr, img.rgba.data(), 0, nullptr)) {
    *error = path + ": " + png.message;
    png_image_free(&png);
    return std::nullopt;
  }
  return img;
}

ImageDiff compareImages(const overlay::Image& a, const overlay::Image& b, int tolerance) {
  ImageDiff d;
  d.same_size = a.width == b.width && a.height == b.height;
  if (!d.same_size) return d;
  d.total = static_cast<size_t>(a.width) * a.height;
  for (size_t i = 0; i < a.rgba.size(); i += 4) {
    int worst = 0;
    for (size_t c = 0; c < 4; ++c) worst = std::max(worst, std::abs(a.rgba[i + c] - b.rgba[i + c]));
    d.max_channel_diff = std::max(d.max_channel_diff, worst);
    if (worst > tolerance) ++d.differing;
  }
  return d;
}

void expectMatchesGolden(const overlay::Image& screen, const std::string& dir,
                         const std::string& name) {
  constexpr int kTolerance = 8;  // per channel: FreeType builds differ by a level or two
  constexpr double kMaxDifferingFraction = 0.005;
  const std::string golden = dir + "/" + name + ".png";
  const std::string candidate = dir + "/" + name + ".candidate.png";
  std::string read_error;
  std::optional<overlay::Image> expected = readPng(golden, &read_error);
  ImageDiff diff;
  if (expected) diff = compareImages(screen, *expected, kTolerance);
  if (expected && diff.same_size && diff.fraction() <= kMaxDifferingFraction) {
    std::remove(candidate.c_str());
    return;
  }
  std::string write_error;
  ASSERT_TRUE(overlay::writePng(screen, candidate, &write_error)) << write_error;
  if (!expected) {
    ADD_FAILURE() << "no golden " << golden << " (" << read_error << "); wrote " << candidate
                  << ": look at it and, if right, rename it to " << name << ".png";
  } else {
    ADD_FAILURE() << name << " differs from its golden: " << diff.differing << " of " << diff.total
                  << " pixels beyond " << kTolerance << " (max channel difference "
                  << diff.max_channel_diff << ", size " << (diff.same_size ? "same" : "different")
                  << "); wrote " << candidate;
  }
}

}  // namespace overlay_test
