#include "overlay/text_strip.h"

#include <directfb.h>

#include <algorithm>

#include "overlay/draw.h"

namespace overlay {

namespace {

bool isContinuationByte(char c) {
  return (static_cast<unsigned char>(c) & 0xC0) == 0x80;
}

// One past the last byte of the character starting at I.
size_t nextCharacter(const std::string& s, size_t i) {
  ++i;
  while (i < s.size() && isContinuationByte(s[i])) ++i;
  return i;
}

}  // namespace

bool TextStrip::layout(Display& display, int font_height, int height, const std::string& text,
                       Rgba colour, std::string* error) {
  clear();
  IDirectFBFont* font = display.font(font_height, error);
  if (!font) return false;
  display_ = &display;
  font_ = font;
  text_ = text;
  colour_ = colour;
  height_ = height;
  margin_ = font_height / 4;
  // Cut where the running advance would pass kPieceWidth; each piece is then
  // measured whole, so the pieces side by side are the text as one string
  // sets it (kerning across a cut aside: at most a pixel).
  size_t begin = 0;
  int running = 0;
  for (size_t i = 0; i < text_.size();) {
    const size_t next = nextCharacter(text_, i);
    const int w = stringWidth(font, text_.data() + i, next - i);
    if (running + w > kPieceWidth && i > begin) {
      pieces_.push_back(Piece{begin, i, 0, 0, nullptr});
      begin = i;
      running = 0;
    }
    running += w;
    i = next;
  }
  if (begin < text_.size()) pieces_.push_back(Piece{begin, text_.size(), 0, 0, nullptr});
  for (Piece& p : pieces_) {
    p.x = advance_;
    p.w = stringWidth(font, text_.data() + p.begin, p.end - p.begin);
    advance_ += p.w;
  }
  if (advance_ <= 0) clear();  // nothing visible to crawl
  return true;
}

void TextStrip::clear() {
  pieces_.clear();
  text_.clear();
  advance_ = 0;
  font_ = nullptr;
  last_error_.clear();
}

size_t TextStrip::piecesHeld() const {
  return static_cast<size_t>(std::count_if(pieces_.begin(), pieces_.end(),
                                           [](const Piece& p) { return p.surface != nullptr; }));
}

bool TextStrip::ensureDrawn(size_t index, std::string* error) {
  Piece& p = pieces_.at(index);
  if (p.surface) return true;
  SurfaceHandle s = display_->createSurface(p.w + 2 * margin_, height_, error);
  if (!s) return false;
  drawText(s.get(), font_, text_.data() + p.begin, p.end - p.begin, margin_,
           centredTop(font_, height_), colour_);
  p.surface = std::move(s);
  return true;
}

void TextStrip::blit(IDirectFBSurface* dst, int x, int y, int left, int right) {
  for (size_t i = 0; i < pieces_.size(); ++i) {
    Piece& p = pieces_[i];
    // The piece's surface on screen, margins included.
    const int sx = x + p.x - margin_;
    const int sw = p.w + 2 * margin_;
    if (sx + sw <= left) {
      p.surface.reset();  // crossed: the crawl only moves left
      continue;
    }
    if (sx >= right) break;  // this one and the rest have not entered yet
    if (!ensureDrawn(i, &last_error_)) continue;
    const int l = std::max(sx, left);
    const int r = std::min(sx + sw, right);
    blitOver(dst, p.surface.get(), Rect{l - sx, 0, r - l, height_}, l, y);
  }
}

}  // namespace overlay
