#pragma once
// The subtitle bar: a translucent band at the bottom of the title-safe area
// with a coloured label box at the left and the notice text crawling right to
// left at a steady speed.
//
// The text is measured once, in show(), and cut into pieces (TextStrip);
// each frame copies the band's pre-drawn background and blits the visible
// part of the strip, drawing a piece only as it comes on screen, and touches
// nothing outside the band. Time is passed in (milliseconds on any monotonic
// scale); nothing here reads a clock.
#include <cstdint>
#include <string>
#include <vector>

#include "overlay/dfb_handle.h"
#include "overlay/display.h"
#include "overlay/layout.h"
#include "overlay/text_strip.h"
#include "stb/ports/subtitle_bar_view.h"

namespace overlay {

struct SubtitleBarOptions {
  int pixels_per_second = 120;  // crawl speed
};

// How the label is set in its box: one line, or two (the kind, then the
// time phrase) when one line would have to shrink below 70% of the crawl's
// height. A label never loses its time to the box's edge.
struct LabelFit {
  std::vector<std::string> lines;
  std::vector<int> advances;  // per line, in pixels at font_height
  int font_height = 0;
  int line_height = 0;  // the font's line spacing
  int advance() const;  // the widest line
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
  bool show(const stb::SubtitleBarView& view, int64_t start_ms, std::string* error);

  // Redraws the band for the instant NOW_MS. Does nothing when hidden.
  void render(int64_t now_ms);

  // True once the text's right edge has passed the crawl area's left edge.
  bool finishedPass(int64_t now_ms) const;

  // Clears the band to transparent and forgets the view.
  void hide();

  bool visible() const { return visible_; }
  // Valid after show().
  const BarLayout& layout() const { return layout_; }
  int textAdvance() const { return strip_.advance(); }
  const LabelFit& labelFit() const { return label_; }
  const TextStrip& strip() const { return strip_; }
  // Screen x of the text's left edge at NOW_MS.
  int textX(int64_t now_ms) const;

 private:
  bool fitLabel(const std::string& label, std::string* error);
  bool fitLines(const std::vector<std::string>& lines, int max_h, int min_h, bool* fits,
                std::string* error);
  bool drawBackground(const stb::SubtitleBarView& view, std::string* error);
  bool drawStrip(const stb::SubtitleBarView& view, std::string* error);

  Display& display_;
  SubtitleBarOptions options_;
  BarLayout layout_;
  bool visible_ = false;
  int64_t start_ms_ = 0;
  LabelFit label_;
  SurfaceHandle background_;  // band + label, band-sized
  TextStrip strip_;
};

}  // namespace overlay
