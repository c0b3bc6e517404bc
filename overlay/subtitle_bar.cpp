#include "overlay/subtitle_bar.h"

#include <directfb.h>

#include <algorithm>

#include "overlay/dfb_error.h"
#include "overlay/palette.h"

namespace overlay {

// ---------------------------------------------------------------------------
// Drawing helpers. Every surface here is ARGB premultiplied. Fills take a
// straight colour and let DirectFB premultiply it (DSDRAW_SRC_PREMULTIPLY);
// text and strip blits are Porter-Duff "over" on premultiplied pixels:
// src * 1 + dst * (1 - src_alpha), in every channel including alpha.

static void fillRect(IDirectFBSurface* s, const Rect& r, Rgba c) {
  s->SetDrawingFlags(s, DSDRAW_SRC_PREMULTIPLY);
  s->SetColor(s, c.r, c.g, c.b, c.a);
  s->FillRectangle(s, r.x, r.y, r.w, r.h);
}

static void drawText(IDirectFBSurface* s, IDirectFBFont* font, const std::string& text, int x,
                     int y, Rgba c) {
  s->SetFont(s, font);
  s->SetDrawingFlags(s, static_cast<DFBSurfaceDrawingFlags>(DSDRAW_BLEND | DSDRAW_SRC_PREMULTIPLY));
  s->SetSrcBlendFunction(s, DSBF_ONE);
  s->SetDstBlendFunction(s, DSBF_INVSRCALPHA);
  s->SetColor(s, c.r, c.g, c.b, c.a);
  s->DrawString(s, text.c_str(), -1, x, y, DSTF_TOPLEFT);
}

// Top y that centres a line of FONT vertically in a box of height H.
static int centredTop(IDirectFBFont* font, int h) {
  int line = 0;
  font->GetHeight(font, &line);
  return (h - line) / 2;
}

// ---------------------------------------------------------------------------

SubtitleBar::SubtitleBar(Display& display, SubtitleBarOptions options)
    : display_(display), options_(options) {}

SubtitleBar::~SubtitleBar() = default;

bool SubtitleBar::show(const SubtitleBarView& view, int64_t start_ms, std::string* error) {
  if (!fitLabel(view.label, error) || !drawBackground(view, error) || !drawStrip(view, error)) {
    background_.reset();
    strip_.reset();
    visible_ = false;
    return false;
  }
  start_ms_ = start_ms;
  visible_ = true;
  return true;
}

// Picks the label's font height and lays the bar out around it. A label too
// wide for its box (long wording, SD screens) is set smaller, down to 70% of
// the crawl's height; only beyond that is it cut at the box's edge.
bool SubtitleBar::fitLabel(const std::string& label, std::string* error) {
  const int text_h = subtitleTextHeight(display_.height());
  const int max_advance = maxLabelAdvance(display_.width(), display_.height());
  label_font_height_ = text_h;
  int advance = 0;
  for (;;) {
    IDirectFBFont* font = display_.font(label_font_height_, error);
    if (!font) return false;
    if (!label.empty()) font->GetStringWidth(font, label.c_str(), -1, &advance);
    if (advance <= max_advance || label_font_height_ <= text_h * 7 / 10) break;
    // Advance scales about linearly with height; step until it fits.
    label_font_height_ =
        std::max(text_h * 7 / 10,
                 std::min(label_font_height_ - 1, label_font_height_ * max_advance / advance));
  }
  layout_ = layoutSubtitleBar(display_.width(), display_.height(), advance);
  return true;
}

bool SubtitleBar::drawBackground(const SubtitleBarView& view, std::string* error) {
  const BarPalette pal = paletteFor(view.style);
  background_ = display_.createSurface(layout_.band.w, layout_.band.h, error);
  if (!background_) return false;
  IDirectFBSurface* s = background_.get();
  fillRect(s, Rect{0, 0, layout_.band.w, layout_.band.h}, pal.band);
  const Rect box{0, 0, layout_.label_box.w, layout_.label_box.h};
  fillRect(s, box, pal.label_box);
  if (view.label.empty()) return true;
  IDirectFBFont* font = display_.font(label_font_height_, error);
  if (!font) return false;
  // A label wider than its box is cut at the box, never drawn over the crawl.
  const DFBRegion clip{box.x, box.y, box.right() - 1, box.bottom() - 1};
  s->SetClip(s, &clip);
  drawText(s, font, view.label, layout_.padding, centredTop(font, box.h), pal.label_text);
  s->SetClip(s, nullptr);
  return true;
}

bool SubtitleBar::drawStrip(const SubtitleBarView& view, std::string* error) {
  strip_.reset();
  text_advance_ = 0;
  IDirectFBFont* font = display_.font(layout_.text_height, error);
  if (!font) return false;
  if (!view.text.empty()) font->GetStringWidth(font, view.text.c_str(), -1, &text_advance_);
  if (text_advance_ <= 0) return true;  // nothing to crawl
  strip_ = display_.createSurface(text_advance_, layout_.crawl.h, error);
  if (!strip_) return false;
  drawText(strip_.get(), font, view.text, 0, centredTop(font, layout_.crawl.h),
           paletteFor(view.style).text);
  return true;
}

int SubtitleBar::textX(int64_t now_ms) const {
  const int64_t elapsed = std::max<int64_t>(0, now_ms - start_ms_);
  // Clamped just past the end of the pass, so a bar left showing for days
  // never overflows int arithmetic.
  const int64_t travel = std::min<int64_t>(elapsed * options_.pixels_per_second / 1000,
                                           layout_.crawl.w + text_advance_ + 1);
  return layout_.crawl.right() - static_cast<int>(travel);
}

bool SubtitleBar::finishedPass(int64_t now_ms) const {
  return !visible_ || text_advance_ == 0 || textX(now_ms) + text_advance_ <= layout_.crawl.x;
}

void SubtitleBar::render(int64_t now_ms) {
  if (!visible_) return;
  IDirectFBSurface* s = display_.surface();
  // The background replaces the band's pixels outright (last frame's text too).
  s->SetBlittingFlags(s, DSBLIT_NOFX);
  s->Blit(s, background_.get(), nullptr, layout_.band.x, layout_.band.y);
  if (!strip_) return;
  const int x = textX(now_ms);
  const int left = std::max(x, layout_.crawl.x);
  const int right = std::min(x + text_advance_, layout_.crawl.right());
  if (left >= right) return;
  const DFBRectangle window{left - x, 0, right - left, layout_.crawl.h};
  s->SetBlittingFlags(s, DSBLIT_BLEND_ALPHACHANNEL);
  s->SetSrcBlendFunction(s, DSBF_ONE);
  s->SetDstBlendFunction(s, DSBF_INVSRCALPHA);
  s->Blit(s, strip_.get(), &window, left, layout_.crawl.y);
}

void SubtitleBar::hide() {
  if (visible_) fillRect(display_.surface(), layout_.band, Rgba{0, 0, 0, 0});
  visible_ = false;
  background_.reset();
  strip_.reset();
  text_advance_ = 0;
}

}  // namespace overlay
