#include "overlay/layout.h"

#include <algorithm>

namespace overlay {

Rect titleSafeArea(int width, int height) {
  // Rounded inwards so the area never exceeds 90%.
  const int mx = (width * 5 + 99) / 100;
  const int my = (height * 5 + 99) / 100;
  return Rect{mx, my, width - 2 * mx, height - 2 * my};
}

static int bandHeight(int height) {
  return (height * 8 / 100) & ~1;
}
static int padding(int height) {
  return bandHeight(height) / 3;
}
static int maxLabelBox(int width, int height) {
  return titleSafeArea(width, height).w * 45 / 100;
}

int maxLabelAdvance(int width, int height) {
  return maxLabelBox(width, height) - 2 * padding(height);
}

int subtitleTextHeight(int height) {
  return bandHeight(height) * 60 / 100;
}

BarLayout layoutSubtitleBar(int width, int height, int label_advance) {
  const Rect safe = titleSafeArea(width, height);
  BarLayout l;
  const int band_h = bandHeight(height);
  l.band = Rect{safe.x, safe.bottom() - band_h, safe.w, band_h};
  l.text_height = subtitleTextHeight(height);
  l.padding = padding(height);
  const int label_w = std::min(label_advance + 2 * l.padding, maxLabelBox(width, height));
  l.label_box = Rect{l.band.x, l.band.y, label_w, band_h};
  // A gap after the label so the crawl never touches it.
  const int crawl_x = l.label_box.right() + l.padding / 2;
  l.crawl = Rect{crawl_x, l.band.y, l.band.right() - crawl_x, band_h};
  return l;
}

}  // namespace overlay
