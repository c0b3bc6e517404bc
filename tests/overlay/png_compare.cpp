#include "tests/overlay/png_compare.h"

#include <png.h>

#include <algorithm>
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

}  // namespace overlay_test
