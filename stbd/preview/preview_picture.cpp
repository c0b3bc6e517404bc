#include "stbd/preview/preview_picture.h"

#include "overlay/screenshot.h"
#include "overlay/test_picture.h"
#include "stbd/snapshots.h"
#include "stbd/subtitle_bar_output.h"

namespace stbd::preview {
namespace {

// The first instant at which the bar reports its pass finished, found by
// bisection on the bar's own test (it is monotonic in time).
int64_t passEndMs(const stb::BarOutput& bar, const overlay::SubtitleBar& drawn, int speed) {
  const overlay::BarLayout& layout = drawn.layout();
  int64_t lo = 0;  // not finished
  int64_t hi = (int64_t{layout.crawl.w} + drawn.textAdvance() + 1) * 1000 / speed + 1000;
  if (bar.finishedPass(lo)) return 0;
  while (hi - lo > 1) {
    const int64_t mid = lo + (hi - lo) / 2;
    (bar.finishedPass(mid) ? hi : lo) = mid;
  }
  return hi;
}

}  // namespace

bool drawPreview(overlay::Display& display, const stb::CrawlRequest& request, int pixels_per_second,
                 const std::string& path, PictureFacts* facts, std::string* error) {
  display.fill(overlay::Rgba{0, 0, 0, 0});
  // No screen: stbd's headless runs draw only the overlay, which screenshots read.
  SubtitleBarOutput bar(display, overlay::SubtitleBarOptions{pixels_per_second}, nullptr);
  if (!bar.show(request.view, 0, error)) return false;
  facts->crossing_ms = passEndMs(bar, bar.bar(), pixels_per_second);
  bar.render(Snapshots::kSettleMs);
  const overlay::Image picture = overlay::makeTestPicture(display.width(), display.height());
  const bool saved = overlay::saveScreenshot(display, &picture, path, error);
  bar.hide();
  return saved;
}

}  // namespace stbd::preview
