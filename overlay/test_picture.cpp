#include "overlay/test_picture.h"

#include <algorithm>

namespace overlay {

// 75% bars in the usual order (ITU-R BT.801 / EBU bars): white, yellow,
// cyan, green, magenta, red, blue.
static constexpr Rgba kBars[] = {{191, 191, 191, 255}, {191, 191, 0, 255}, {0, 191, 191, 255},
                                 {0, 191, 0, 255},     {191, 0, 191, 255}, {191, 0, 0, 255},
                                 {0, 0, 191, 255}};

static void drawBars(Image& img, int bottom) {
  const int n = static_cast<int>(sizeof kBars / sizeof kBars[0]);
  for (int y = 0; y < bottom; ++y)
    for (int x = 0; x < img.width; ++x) img.set(x, y, kBars[x * n / img.width]);
}

// A horizontal black-to-white ramp: shows how translucent the band is.
static void drawRamp(Image& img, int top) {
  for (int y = top; y < img.height; ++y)
    for (int x = 0; x < img.width; ++x) {
      const uint8_t v = static_cast<uint8_t>(x * 255 / std::max(1, img.width - 1));
      img.set(x, y, Rgba{v, v, v, 255});
    }
}

// A filled circle and a square, sized to the screen, over the bars.
static void drawShapes(Image& img) {
  const int cx = img.width / 2, cy = img.height * 2 / 5, r = img.height / 6;
  for (int y = cy - r; y <= cy + r; ++y)
    for (int x = cx - r; x <= cx + r; ++x)
      if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= r * r) img.set(x, y, Rgba{16, 16, 16, 255});
  const int side = img.height / 8, sx = img.width / 10, sy = img.height / 10;
  for (int y = sy; y < sy + side; ++y)
    for (int x = sx; x < sx + side; ++x) img.set(x, y, Rgba{235, 235, 235, 255});
}

Image makeTestPicture(int width, int height) {
  Image img(width, height);
  const int split = height * 2 / 3;
  drawBars(img, split);
  drawRamp(img, split);
  drawShapes(img);
  return img;
}

}  // namespace overlay
