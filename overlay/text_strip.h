#pragma once
// The crawl text as a strip of pieces. A notice body may be 2,048 bytes, up
// to 50,000 px wide at 1920x1080: more than one DirectFB surface may hold
// (20,480 px) and far more memory than the box should spend on it (17 MB).
// So the text is measured once and cut at character boundaries into pieces
// of about kPieceWidth px; a piece is drawn into its own small surface only
// when it comes on screen and released once it has crossed, so at most a
// few pieces are held whatever the text's length.
#include <cstddef>
#include <string>
#include <vector>

#include "overlay/dfb_handle.h"
#include "overlay/display.h"
#include "overlay/image.h"
#include "overlay/layout.h"

namespace overlay {

class TextStrip {
 public:
  // Small enough that drawing one piece (about 40 glyphs) costs a fraction
  // of a frame, big enough that a new one is needed only every few seconds.
  static constexpr int kPieceWidth = 1024;

  // Measures TEXT in FONT_HEIGHT and cuts it into pieces for a strip HEIGHT
  // px high; draws nothing. False and *error when the font cannot be had.
  bool layout(Display& display, int font_height, int height, const std::string& text, Rgba colour,
              std::string* error);
  // Forgets the text and its surfaces.
  void clear();

  int advance() const { return advance_; }
  size_t pieces() const { return pieces_.size(); }
  // Pixels a glyph may reach past either end of the advance.
  int overhang() const { return margin_; }
  // Surfaces currently held (drawn and not yet released).
  size_t piecesHeld() const;

  // Draws the strip onto DST with its left edge at screen X and top at Y,
  // only the columns inside [LEFT, RIGHT). Pieces coming into that window
  // are drawn first; pieces wholly left of it are released. A piece that
  // cannot be drawn (no memory for its surface) is left out of this frame,
  // never shown half-made, and tried again on the next; the reason is kept
  // in lastError().
  void blit(IDirectFBSurface* dst, int x, int y, int left, int right);

  // Draws the piece now if it is not held; false when it cannot be.
  bool ensureDrawn(size_t index, std::string* error);

  const std::string& lastError() const { return last_error_; }

 private:
  struct Piece {
    size_t begin = 0, end = 0;  // bytes of text_
    int x = 0;                  // left edge in the strip
    int w = 0;                  // advance
    SurfaceHandle surface;      // w + 2 * margin_ wide, held while on screen
  };

  Display* display_ = nullptr;
  IDirectFBFont* font_ = nullptr;  // the display's, cached there
  std::string text_;
  Rgba colour_{};
  int height_ = 0;
  int margin_ = 0;  // room each side for glyphs that reach past their advance
  int advance_ = 0;
  std::vector<Piece> pieces_;
  std::string last_error_;
};

}  // namespace overlay
