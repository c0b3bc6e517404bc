#pragma once
// The subtitle bar: a translucent band at the bottom of the title-safe area
// with a coloured label box at the left and the notice text crawling right to
// left at a steady speed.
//
// The text is laid out once, in show(), into an off-screen strip as wide as
// its advance; each frame only copies the band's pre-drawn background and
// blits the visible window of the strip (no per-frame text layout), and
// touches nothing outside the band. Time is passed in (milliseconds on any
// monotonic scale); nothing here reads a clock.
#include <cstdint>
#include <string>

#include "overlay/dfb_handle.h"
#include "overlay/display.h"
#include "overlay/layout.h"
#include "overlay/subtitle_bar_view.h"

namespace overlay {

struct SubtitleBarOptions {
  int pixels_per_second = 120;  // crawl speed
};

class SubtitleBar {
 public:
  // DISPLAY must outlive the bar.
  explicit SubtitleBar(Display& display, SubtitleBarOptions options = {});
  ~SubtitleBar();
  SubtitleBar(const SubtitleBar&) = delete;
  SubtitleBar& operator=(const SubtitleBar&) = delete;

  // Lays out VIEW (label and strip) for a crawl that starts at START_MS,
  // with the text's left edge at the band's right edge. Replaces any
  // current view; draws nothing yet. False and *error if a font or surface
  // cannot be had.
  bool show(const SubtitleBarView& view, int64_t start_ms, std::string* error);

  // Redraws the band for the instant NOW_MS. Does nothing when hidden.
  void render(int64_t now_ms);

  // True once the text's right edge has passed the crawl area's left edge.
  bool finishedPass(int64_t now_ms) const;

  // Clears the band to transparent and forgets the view.
  void hide();

  bool visible() const { return visible_; }
  // Valid after show().
  const BarLayout& layout() const { return layout_; }
  int textAdvance() const { return text_advance_; }
  // Screen x of the text's left edge at NOW_MS.
  int textX(int64_t now_ms) const;

 private:
  bool fitLabel(const std::string& label, std::string* error);
  bool drawBackground(const SubtitleBarView& view, std::string* error);
  bool drawStrip(const SubtitleBarView& view, std::string* error);

  Display& display_;
  SubtitleBarOptions options_;
  BarLayout layout_;
  bool visible_ = false;
  int64_t start_ms_ = 0;
  int text_advance_ = 0;
  int label_font_height_ = 0;
  SurfaceHandle background_;  // band + label, band-sized
  SurfaceHandle strip_;       // the whole text, crawl-high, text_advance_ wide
};

}  // namespace overlay
