#include "overlay/subtitle_bar.h"

#include <directfb.h>

#include <algorithm>

#include "overlay/draw.h"
#include "overlay/palette.h"

namespace overlay {

namespace {

// Between a label's kind wording and its time phrase (stb/wording.h).
constexpr const char* kLabelSeparator = " · ";

}  // namespace

int LabelFit::advance() const {
  return advances.empty() ? 0 : *std::max_element(advances.begin(), advances.end());
}

SubtitleBar::SubtitleBar(Display& display, SubtitleBarOptions options)
    : display_(display), options_(options) {}

SubtitleBar::~SubtitleBar() = default;

bool SubtitleBar::show(const stb::SubtitleBarView& view, int64_t start_ms, std::string* error) {
  if (!fitLabel(view.label, error) || !drawBackground(view, error) || !drawStrip(view, error)) {
    background_.reset();
    strip_.clear();
    visible_ = false;
    return false;
  }
  start_ms_ = start_ms;
  visible_ = true;
  return true;
}

// Picks how the label is set and lays the bar out around it. In order:
// one line down to 70% of the crawl's height; the kind and the time phrase
// on two lines, down to half the crawl's height; the time phrase alone (the
// box's colour still tells the kind). Only a label with no time phrase that
// fits none of these is cut at the box's edge.
bool SubtitleBar::fitLabel(const std::string& label, std::string* error) {
  const int text_h = subtitleTextHeight(display_.height());
  label_ = LabelFit{};
  bool fits = label.empty();
  if (!fits) {
    if (!fitLines({label}, text_h, text_h * 7 / 10, &fits, error)) return false;
  }
  const size_t sep = label.rfind(kLabelSeparator);
  if (!fits && sep != std::string::npos) {
    const std::string kind = label.substr(0, sep);
    const std::string when = label.substr(sep + std::string(kLabelSeparator).size());
    if (!fitLines({kind, when}, text_h, text_h / 2, &fits, error)) return false;
    if (!fits && !fitLines({when}, text_h, text_h / 2, &fits, error)) return false;
  }
  layout_ = layoutSubtitleBar(display_.width(), display_.height(), label_.advance());
  return true;
}

// Sets LINES at the largest font height from MAX_H down to MIN_H at which
// every line fits the label box's width and all of them its height; *FITS
// false (and label_ at MIN_H) when none does. False only when a font
// cannot be had.
bool SubtitleBar::fitLines(const std::vector<std::string>& lines, int max_h, int min_h, bool* fits,
                           std::string* error) {
  const int max_advance = maxLabelAdvance(display_.width(), display_.height());
  const int band_h = layoutSubtitleBar(display_.width(), display_.height(), 0).band.h;
  const int n = static_cast<int>(lines.size());
  int h = max_h;
  for (;;) {
    IDirectFBFont* font = display_.font(h, error);
    if (!font) return false;
    LabelFit fit;
    fit.lines = lines;
    fit.font_height = h;
    font->GetHeight(font, &fit.line_height);
    for (const std::string& line : lines)
      fit.advances.push_back(stringWidth(font, line.data(), line.size()));
    const int widest = fit.advance();
    *fits = widest <= max_advance && n * fit.line_height <= band_h;
    label_ = std::move(fit);
    if (*fits || h <= min_h) return true;
    // Advance and line height scale about linearly with the font height:
    // jump near the answer, then step.
    int next = h - 1;
    if (widest > max_advance) next = std::min(next, h * max_advance / widest);
    if (n * label_.line_height > band_h)
      next = std::min(next, h * band_h / (n * label_.line_height));
    h = std::max(min_h, next);
  }
}

bool SubtitleBar::drawBackground(const stb::SubtitleBarView& view, std::string* error) {
  const BarPalette pal = paletteFor(view.style);
  background_ = display_.createSurface(layout_.band.w, layout_.band.h, error);
  if (!background_) return false;
  IDirectFBSurface* s = background_.get();
  fillRect(s, Rect{0, 0, layout_.band.w, layout_.band.h}, pal.band);
  const Rect box{0, 0, layout_.label_box.w, layout_.label_box.h};
  fillRect(s, box, pal.label_box);
  if (view.label.empty()) return true;
  IDirectFBFont* font = display_.font(label_.font_height, error);
  if (!font) return false;
  // A label that fits nowhere is cut at the box, never drawn over the crawl.
  const DFBRegion clip{box.x, box.y, box.right() - 1, box.bottom() - 1};
  s->SetClip(s, &clip);
  const int n = static_cast<int>(label_.lines.size());
  int top = (box.h - n * label_.line_height) / 2;
  for (const std::string& line : label_.lines) {
    drawText(s, font, line.data(), line.size(), layout_.padding, top, pal.label_text);
    top += label_.line_height;
  }
  s->SetClip(s, nullptr);
  return true;
}

bool SubtitleBar::drawStrip(const stb::SubtitleBarView& view, std::string* error) {
  if (!strip_.layout(display_, layout_.text_height, layout_.crawl.h, view.text,
                     paletteFor(view.style).text, error)) {
    return false;
  }
  // The first piece now, so that a surface that cannot be had fails show()
  // rather than a frame.
  return strip_.pieces() == 0 || strip_.ensureDrawn(0, error);
}

int SubtitleBar::textX(int64_t now_ms) const {
  const int64_t elapsed = std::max<int64_t>(0, now_ms - start_ms_);
  // Clamped just past the end of the pass (glyph overhang included, so the
  // last piece is released), so a bar left showing for days never overflows
  // int arithmetic.
  const int64_t travel =
      std::min<int64_t>(elapsed * options_.pixels_per_second / 1000,
                        layout_.crawl.w + strip_.advance() + strip_.overhang() + 1);
  return layout_.crawl.right() - static_cast<int>(travel);
}

bool SubtitleBar::finishedPass(int64_t now_ms) const {
  return !visible_ || strip_.advance() == 0 || textX(now_ms) + strip_.advance() <= layout_.crawl.x;
}

void SubtitleBar::render(int64_t now_ms) {
  if (!visible_) return;
  IDirectFBSurface* s = display_.surface();
  // The background replaces the band's pixels outright (last frame's text too).
  s->SetBlittingFlags(s, DSBLIT_NOFX);
  s->Blit(s, background_.get(), nullptr, layout_.band.x, layout_.band.y);
  strip_.blit(s, textX(now_ms), layout_.crawl.y, layout_.crawl.x, layout_.crawl.right());
}

void SubtitleBar::hide() {
  if (visible_) fillRect(display_.surface(), layout_.band, Rgba{0, 0, 0, 0});
  visible_ = false;
  background_.reset();
  strip_.clear();
}

}  // namespace overlay
