#pragma once
// Where things go on screen: the title-safe area and the subtitle bar's
// rectangles, as pure arithmetic on the screen size (no DirectFB).
namespace overlay {

struct Rect {
  int x = 0, y = 0, w = 0, h = 0;
  int right() const { return x + w; }   // one past the last column
  int bottom() const { return y + h; }  // one past the last row
  bool contains(int px, int py) const {
    return px >= x && px < right() && py >= y && py < bottom();
  }
  bool inside(const Rect& o) const {
    return x >= o.x && y >= o.y && right() <= o.right() && bottom() <= o.bottom();
  }
};

// The title-safe area: the central 90% of the width and of the height (5%
// margins each side), as in SMPTE ST 2046-1 ("safe title") and EBU R 95
// ("graphics safe"). Text must stay inside it on every TV.
Rect titleSafeArea(int width, int height);

struct BarLayout {
  Rect band;            // the whole semi-transparent band
  Rect label_box;       // left part of the band, in the style colour
  Rect crawl;           // the rest of the band, where the text crawls
  int text_height = 0;  // font height in pixels for label and crawl
  int padding = 0;      // horizontal space around the label text
};

// The band sits on the bottom edge of the title-safe area, spans its width
// and is 8% of the screen height. The label box is as wide as LABEL_ADVANCE
// plus padding, but never more than 45% of the band.
BarLayout layoutSubtitleBar(int width, int height, int label_advance);

// The widest label text that fits the label box without being cut.
int maxLabelAdvance(int width, int height);

// The font height layoutSubtitleBar picks, needed to measure the label first.
int subtitleTextHeight(int height);

}  // namespace overlay
