#pragma once
// The subtitle bar as the daemon drives it. overlay::SubtitleBar does the
// drawing; stbd adapts it to this so stb/ stays free of DirectFB and tests
// can watch what the daemon asks for.
#include <cstdint>
#include <string>

#include "stb/ports/subtitle_bar_view.h"

namespace stb {

class BarOutput {
 public:
  virtual ~BarOutput() = default;
  // Lays VIEW out for a crawl whose first pass starts at START_MS
  // (monotonic). False and *error when it cannot be drawn.
  virtual bool show(const stb::SubtitleBarView& view, int64_t start_ms, std::string* error) = 0;
  // Draws the band for the instant NOW_MS.
  virtual void render(int64_t now_ms) = 0;
  // True once the text has crawled all the way across.
  virtual bool finishedPass(int64_t now_ms) const = 0;
  virtual void hide() = 0;
};

}  // namespace stb
