// The subtitle bar's cost per frame: one crawl laid out once, then FRAMES
// frames rendered back to back at 25 fps of crawl time, on DirectFB's
// headless system. Prints CPU time per frame and the sustained frame rate
// (frames per second of wall time when nothing else limits it).
//
//   stb-bench-crawl [--size 1280x720] [--frames 2000] [--long]
// --long crawls the longest Chinese body the protocol carries (1,023
// characters, about 52,000 px at 1920x1080) instead of a two-line notice.
// Also printed: the slowest frame (a frame that draws a new piece of the
// strip) and the process's peak RSS.
// Instructions per frame: run it under callgrind with
//   --toggle-collect='overlay::SubtitleBar::render*' and divide by FRAMES
// (scripts/bench does).
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "overlay/display.h"
#include "overlay/subtitle_bar.h"
#include "platform/arg_cursor.h"
#include "platform/arg_values.h"
#include "tests/overlay/texts.h"

namespace {

double seconds(clockid_t clock) {
  timespec ts{};
  clock_gettime(clock, &ts);
  return static_cast<double>(ts.tv_sec) + ts.tv_nsec / 1e9;
}

}  // namespace

int main(int argc, char** argv) {
  int width = 1280, height = 720, frames = 2000;
  bool long_text = false;
  platform::ArgCursor a(argc, argv);
  while (!a.done()) {
    std::string v;
    bool ok = true;
    if (a.flag("--long")) {
      long_text = true;
    } else if (a.option("--size", &v)) {
      ok = std::sscanf(v.c_str(), "%dx%d", &width, &height) == 2;
    } else if (a.option("--frames", &v)) {
      const auto n = platform::parseUnsigned(v, 1, 10'000'000);
      ok = n.has_value();
      frames = static_cast<int>(n.value_or(0));
    } else {
      ok = false;
    }
    if (!ok) {
      std::fprintf(stderr, "usage: stb-bench-crawl [--size WxH] [--frames N] [--long]\n");
      return 2;
    }
  }
  overlay::DisplayOptions options;
  options.width = width;
  options.height = height;
  std::string error;
  std::unique_ptr<overlay::Display> display = overlay::Display::open(options, &error);
  if (!display) {
    std::fprintf(stderr, "stb-bench-crawl: %s\n", error.c_str());
    return 1;
  }
  overlay::SubtitleBar bar(*display, overlay::SubtitleBarOptions{120});
  const stb::SubtitleBarView short_view{
      stb::SubtitleBarView::Style::kMaintenance, "计划维护 · 12小时后开始",
      "线路维护通知：12月1日02:00至06:00，南昌市区有线电视线路维护，届时暂停收看。"
      "如有疑问请拨打96123。Aviso de mantenimiento: el 1 de diciembre de 02:00 a 06:00."};
  const stb::SubtitleBarView view = long_text ? overlay_test::longestZh() : short_view;
  const double layout_start = seconds(CLOCK_PROCESS_CPUTIME_ID);
  if (!bar.show(view, 0, &error)) {
    std::fprintf(stderr, "stb-bench-crawl: %s\n", error.c_str());
    return 1;
  }
  const double layout_cpu = seconds(CLOCK_PROCESS_CPUTIME_ID) - layout_start;

  const double cpu0 = seconds(CLOCK_PROCESS_CPUTIME_ID), wall0 = seconds(CLOCK_MONOTONIC);
  double slowest = 0;
  for (int i = 0; i < frames; ++i) {
    const double f0 = seconds(CLOCK_PROCESS_CPUTIME_ID);
    bar.render(static_cast<int64_t>(i) * 40);
    slowest = std::max(slowest, seconds(CLOCK_PROCESS_CPUTIME_ID) - f0);
  }
  const double cpu = seconds(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
  const double wall = seconds(CLOCK_MONOTONIC) - wall0;

  std::printf("crawl %dx%d: band %dx%d, text strip %d px wide\n", width, height,
              bar.layout().band.w, bar.layout().band.h, bar.textAdvance());
  std::printf("layout once (show):   %.2f ms CPU\n", layout_cpu * 1e3);
  std::printf("per frame (render):   %.1f us CPU over %d frames\n", cpu / frames * 1e6, frames);
  std::printf("slowest frame:        %.1f us CPU\n", slowest * 1e6);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("peak RSS:             %ld KB\n", usage.ru_maxrss);
  std::printf("sustained:            %.0f frames/s (%.1f%% of one core at 25 fps)\n", frames / wall,
              cpu / frames * 25 * 100);
  return 0;
}
