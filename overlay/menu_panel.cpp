#include "overlay/menu_panel.h"

#include <directfb.h>

#include <algorithm>

namespace overlay {

namespace {

// ---------------------------------------------------------------------------
// Colours: light text on a dark, nearly opaque panel; the selected row and a
// warning title in amber with dark text; errors and major tags in orange.
constexpr Rgba kPanel{16, 26, 46, 250};
constexpr Rgba kFooterBand{8, 14, 26, 250};
constexpr Rgba kTitleBar{21, 101, 192, 255};
constexpr Rgba kWarningBar{255, 179, 0, 255};
constexpr Rgba kWhite{255, 255, 255, 255};
constexpr Rgba kInk{20, 20, 20, 255};
constexpr Rgba kSelected{255, 202, 40, 255};
constexpr Rgba kTag{176, 196, 214, 255};
constexpr Rgba kTagWarning{255, 138, 101, 255};
constexpr Rgba kTagWarningOnSelected{160, 20, 20, 255};
constexpr Rgba kError{255, 138, 101, 255};
constexpr Rgba kFooterText{215, 222, 230, 255};
constexpr Rgba kField{255, 255, 255, 255};
constexpr Rgba kTransparent{0, 0, 0, 0};

void fillRect(IDirectFBSurface* s, const Rect& r, Rgba c) {
  s->SetDrawingFlags(s, DSDRAW_SRC_PREMULTIPLY);
  s->SetColor(s, c.r, c.g, c.b, c.a);
  s->FillRectangle(s, r.x, r.y, r.w, r.h);
}

void drawText(IDirectFBSurface* s, IDirectFBFont* font, const std::string& text, int x, int y,
              Rgba c) {
  if (text.empty()) return;
  s->SetFont(s, font);
  s->SetDrawingFlags(s, static_cast<DFBSurfaceDrawingFlags>(DSDRAW_BLEND | DSDRAW_SRC_PREMULTIPLY));
  s->SetSrcBlendFunction(s, DSBF_ONE);
  s->SetDstBlendFunction(s, DSBF_INVSRCALPHA);
  s->SetColor(s, c.r, c.g, c.b, c.a);
  s->DrawString(s, text.c_str(), -1, x, y, DSTF_TOPLEFT);
}

int fontHeight(IDirectFBFont* font) {
  int h = 0;
  font->GetHeight(font, &h);
  return h;
}

// Top y that centres a line of FONT in a band from TOP, H high.
int centredTop(IDirectFBFont* font, int top, int h) {
  return top + (h - fontHeight(font)) / 2;
}

std::function<int(const std::string&)> measurer(IDirectFBFont* font) {
  return [font](const std::string& s) {
    int w = 0;
    if (!s.empty()) font->GetStringWidth(font, s.c_str(), -1, &w);
    return w;
  };
}

// UTF-8: the code point at S[I] and its length in bytes (1 for a bad byte).
char32_t decode(const std::string& s, size_t i, size_t* len) {
  const auto b = [&s](size_t k) { return static_cast<unsigned char>(s[k]); };
  const unsigned char c = b(i);
  size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 1;
  if (i + n > s.size()) n = 1;
  *len = n;
  if (n == 1) return c;
  char32_t cp = c & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (b(i + k) & 0x3F);
  return cp;
}

bool isCjk(char32_t cp) {
  return cp >= 0x2E80;
}

// Punctuation that must not begin a line.
bool isClosing(char32_t cp) {
  switch (cp) {
    case 0x3001:  // 、
    case 0x3002:  // 。
    case 0xFF0C:  // ，
    case 0xFF1A:  // ：
    case 0xFF1B:  // ；
    case 0xFF01:  // ！
    case 0xFF1F:  // ？
    case 0xFF09:  // ）
    case 0x300D:  // 」
    case 0x300F:  // 』
    case 0x2026:  // …
    case '.':
    case ',':
    case ':':
    case ';':
    case '!':
    case '?':
    case ')':
      return true;
    default:
      return false;
  }
}

// Opening punctuation that must not end a line.
bool isOpening(char32_t cp) {
  return cp == 0xFF08 || cp == 0x300C || cp == 0x300E || cp == '(';
}

std::string trimRight(std::string s) {
  while (!s.empty() && s.back() == ' ') s.pop_back();
  return s;
}

}  // namespace

// ---------------------------------------------------------------------------

MenuMetrics menuMetrics(int width, int height) {
  MenuMetrics m;
  m.body_text = (height * 5 + 50) / 100;                                       // 5%
  m.footer_text = std::max(m.body_text * 9 / 10, (height * 45 + 999) / 1000);  // >= 4.5%
  m.title_text = m.body_text * 115 / 100;
  m.padding = m.body_text / 2;
  m.title_bar = m.title_text * 16 / 10;
  m.footer_bar = m.footer_text * 16 / 10;
  m.line = m.body_text * 13 / 10;
  m.row = m.body_text * 14 / 10;
  m.width = std::min(titleSafeArea(width, height).w, height * 5 / 4);
  return m;
}

std::vector<std::string> wrapText(const std::string& text, int max_width,
                                  const std::function<int(const std::string&)>& measure) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    while (start < text.size() && text[start] == ' ') ++start;
    if (start >= text.size()) break;
    size_t i = start;
    size_t brk = std::string::npos;  // the latest place this line may end
    size_t overflow_len = 0;
    char32_t prev = 0;
    bool overflow = false;
    while (i < text.size()) {
      size_t len = 0;
      const char32_t cp = decode(text, i, &len);
      if (i > start && cp != ' ' && prev != ' ' && !isClosing(cp) && !isOpening(prev) &&
          (isCjk(cp) || isCjk(prev)))
        brk = i;
      if (cp == ' ' && i > start) brk = i;
      if (cp != ' ' && measure(text.substr(start, i + len - start)) > max_width) {
        overflow = true;
        overflow_len = len;
        break;
      }
      prev = cp;
      i += len;
    }
    if (!overflow) {
      lines.push_back(trimRight(text.substr(start)));
      break;
    }
    // Break at the last opportunity; a word wider than the line is cut
    // where it overflows (after at least one character).
    size_t cut = brk != std::string::npos && brk > start ? brk : i;
    if (cut == start) cut = start + overflow_len;
    lines.push_back(trimRight(text.substr(start, cut - start)));
    start = cut;
  }
  return lines;
}

std::string fitText(const std::string& text, int max_width,
                    const std::function<int(const std::string&)>& measure) {
  if (measure(text) <= max_width) return text;
  std::vector<size_t> ends;  // byte offsets after each code point
  for (size_t i = 0; i < text.size();) {
    size_t len = 0;
    decode(text, i, &len);
    i += len;
    ends.push_back(i);
  }
  for (size_t k = ends.size(); k-- > 0;) {
    std::string cut = trimRight(text.substr(0, ends[k])) + "…";
    if (measure(cut) <= max_width) return cut;
  }
  return "…";
}

// ---------------------------------------------------------------------------

MenuPanel::MenuPanel(Display& display) : display_(display) {}

void MenuPanel::hide() {
  if (visible_) fillRect(display_.surface(), rect_, kTransparent);
  visible_ = false;
  current_ = stb::MenuView{};
}

// ---------------------------------------------------------------------------
// Drawing one view of the panel.

namespace {

using Measure = std::function<int(const std::string&)>;

// The panel's height for N_LINES body lines and N_ROWS rows of VIEW.
int panelHeight(const stb::MenuView& view, const MenuMetrics& m, int n_lines, int n_rows) {
  int h = m.title_bar + m.padding;
  h += n_lines * m.line;
  if (view.input) h += (n_lines ? m.padding / 2 : 0) + m.row;
  if (!view.error.empty()) h += m.line;
  if (n_rows) h += (h > m.title_bar + m.padding ? m.padding / 2 : 0) + n_rows * m.row;
  return h + m.padding + m.footer_bar;
}

// What fits in the safe area, and where the panel goes.
struct Layout {
  std::vector<std::string> lines;  // the body, wrapped
  int n_rows = 0;                  // rows shown
  int first = 0;                   // the first row shown
  Rect panel;
};

// Laid out from the top; rows (then body lines) give way when it is too tall.
Layout layOut(const stb::MenuView& view, const MenuMetrics& m, const Rect& safe, int inner_w,
              const Measure& body_w) {
  Layout l;
  for (const std::string& p : view.body)
    for (std::string& line : wrapText(p, inner_w, body_w)) l.lines.push_back(std::move(line));
  const auto heightFor = [&](int n_rows) {
    return panelHeight(view, m, static_cast<int>(l.lines.size()), n_rows);
  };
  const int row_count = static_cast<int>(view.rows.size());
  l.n_rows = row_count;
  while (l.n_rows > std::min(row_count, 2) && heightFor(l.n_rows) > safe.h) --l.n_rows;
  while (!l.lines.empty() && heightFor(l.n_rows) > safe.h) {
    l.lines.pop_back();
    if (!l.lines.empty()) l.lines.back() = fitText(l.lines.back() + "…", inner_w, body_w);
  }
  const int panel_h = std::min(heightFor(l.n_rows), safe.h);
  l.panel =
      Rect{safe.x + (safe.w - m.width) / 2, safe.y + (safe.h - panel_h) / 2, m.width, panel_h};
  if (view.selected >= l.n_rows && l.n_rows > 0) l.first = view.selected - l.n_rows + 1;
  l.first = std::clamp(l.first, 0, std::max(0, row_count - l.n_rows));
  return l;
}

// The surface, fonts and measures one drawing of the panel uses.
struct Painter {
  IDirectFBSurface* s;
  const MenuMetrics& m;
  IDirectFBFont* title_font;
  IDirectFBFont* body_font;
  IDirectFBFont* footer_font;
  Measure body_w;
  Rect panel;
  int left;     // where text starts
  int inner_w;  // how wide text may be
};

// Title bar, with "n/N" at the right when the rows scroll.
void drawTitle(const Painter& p, const stb::MenuView& view, int n_rows) {
  const MenuMetrics& m = p.m;
  const int row_count = static_cast<int>(view.rows.size());
  const bool warning = view.accent == stb::MenuView::Accent::kWarning;
  const Rgba title_ink = warning ? kInk : kWhite;
  fillRect(p.s, Rect{p.panel.x, p.panel.y, p.panel.w, m.title_bar},
           warning ? kWarningBar : kTitleBar);
  int title_room = p.inner_w;
  if (n_rows < row_count && view.selected >= 0) {
    const std::string pos = std::to_string(view.selected + 1) + "/" + std::to_string(row_count);
    const int w = p.body_w(pos);
    drawText(p.s, p.body_font, pos, p.panel.right() - m.padding - w,
             centredTop(p.body_font, p.panel.y, m.title_bar), title_ink);
    title_room -= w + m.padding;
  }
  drawText(p.s, p.title_font, fitText(view.title, title_room, measurer(p.title_font)), p.left,
           centredTop(p.title_font, p.panel.y, m.title_bar), title_ink);
}

// A field with an error gets a thick warning-coloured border.
void drawErrorBorder(const Painter& p, const Rect& box) {
  const int t = std::max(2, p.m.row / 12);
  fillRect(p.s, Rect{box.x, box.y, box.w, t}, kError);
  fillRect(p.s, Rect{box.x, box.bottom() - t, box.w, t}, kError);
  fillRect(p.s, Rect{box.x, box.y, t, box.h}, kError);
  fillRect(p.s, Rect{box.right() - t, box.y, t, box.h}, kError);
}

// The input field's label, box, text and caret at Y.
void drawInput(const Painter& p, const stb::MenuInput& input, bool has_error, int y) {
  const MenuMetrics& m = p.m;
  const int label_w = input.label.empty() ? 0 : p.body_w(input.label);
  drawText(p.s, p.body_font, input.label, p.left, centredTop(p.body_font, y, m.row), kWhite);
  const int box_x = p.left + (label_w ? label_w + m.padding : 0);
  const Rect box{box_x, y, p.panel.right() - m.padding - box_x, m.row};
  fillRect(p.s, box, kField);
  if (has_error) drawErrorBorder(p, box);
  const int text_x = box.x + m.padding / 2;
  const int room = box.w - m.padding;
  std::string shown = input.text;
  // Long input keeps its end in view.
  while (!shown.empty() && p.body_w(shown) > room - m.padding) shown.erase(0, 1);
  drawText(p.s, p.body_font, shown, text_x, centredTop(p.body_font, y, m.row), kInk);
  const int caret_x = text_x + p.body_w(shown) + 2;
  fillRect(p.s, Rect{caret_x, y + m.row / 6, std::max(2, m.body_text / 12), m.row * 2 / 3}, kInk);
}

// One row at Y: its text at the left, its tag (if any) at the right.
void drawRow(const Painter& p, const stb::MenuRow& r, bool sel, int y) {
  const MenuMetrics& m = p.m;
  const Rect rr{p.panel.x + m.padding / 2, y, p.panel.w - m.padding, m.row};
  if (sel) fillRect(p.s, rr, kSelected);
  const int text_left = rr.x + m.padding / 2;
  const int text_right = rr.right() - m.padding / 2;
  int tag_w = 0;
  if (!r.tag.empty()) {
    const std::string tag = fitText(r.tag, (text_right - text_left) / 2, p.body_w);
    tag_w = p.body_w(tag);
    const Rgba c =
        r.tag_warning ? (sel ? kTagWarningOnSelected : kTagWarning) : (sel ? kInk : kTag);
    drawText(p.s, p.body_font, tag, text_right - tag_w, centredTop(p.body_font, y, m.row), c);
  }
  const int room = text_right - text_left - (tag_w ? tag_w + m.padding : 0);
  drawText(p.s, p.body_font, fitText(r.text, room, p.body_w), text_left,
           centredTop(p.body_font, y, m.row), sel ? kInk : kWhite);
}

// Key hints in their own darker band at the bottom.
void drawFooter(const Painter& p, const std::string& text) {
  const Rect footer{p.panel.x, p.panel.bottom() - p.m.footer_bar, p.panel.w, p.m.footer_bar};
  fillRect(p.s, footer, kFooterBand);
  drawText(p.s, p.footer_font, fitText(text, p.inner_w, measurer(p.footer_font)), p.left,
           centredTop(p.footer_font, footer.y, footer.h), kFooterText);
}

// The content from the top: body lines, input field, error, rows.
void drawContent(const Painter& p, const stb::MenuView& view, const Layout& l) {
  const MenuMetrics& m = p.m;
  int y = p.panel.y + m.title_bar + m.padding;
  for (const std::string& line : l.lines) {
    drawText(p.s, p.body_font, line, p.left, centredTop(p.body_font, y, m.line), kWhite);
    y += m.line;
  }
  const bool has_error = !view.error.empty();
  if (view.input) {
    if (!l.lines.empty()) y += m.padding / 2;
    drawInput(p, *view.input, has_error, y);
    y += m.row;
  }
  if (has_error) {
    drawText(p.s, p.body_font, fitText(view.error, p.inner_w, p.body_w), p.left,
             centredTop(p.body_font, y, m.line), kError);
    y += m.line;
  }
  if (!l.n_rows) return;
  if (y > p.panel.y + m.title_bar + m.padding) y += m.padding / 2;
  for (int i = l.first; i < l.first + l.n_rows; ++i) {
    drawRow(p, view.rows[static_cast<size_t>(i)], i == view.selected, y);
    y += m.row;
  }
}

}  // namespace

bool MenuPanel::show(const stb::MenuView& view, std::string* error) {
  if (visible_ && view == current_) return true;
  const MenuMetrics m = menuMetrics(display_.width(), display_.height());
  IDirectFBFont* title_font = display_.font(m.title_text, error);
  IDirectFBFont* body_font = title_font ? display_.font(m.body_text, error) : nullptr;
  IDirectFBFont* footer_font = body_font ? display_.font(m.footer_text, error) : nullptr;
  if (!footer_font) return false;
  const Measure body_w = measurer(body_font);
  const int inner_w = m.width - 2 * m.padding;
  const Layout layout =
      layOut(view, m, titleSafeArea(display_.width(), display_.height()), inner_w, body_w);

  IDirectFBSurface* s = display_.surface();
  if (visible_) fillRect(s, rect_, kTransparent);
  fillRect(s, layout.panel, kPanel);
  const Painter painter{s,           m,      title_font,   body_font,
                        footer_font, body_w, layout.panel, layout.panel.x + m.padding,
                        inner_w};
  drawTitle(painter, view, layout.n_rows);
  drawContent(painter, view, layout);
  drawFooter(painter, view.footer);

  rect_ = layout.panel;
  current_ = view;
  visible_ = true;
  first_row_ = layout.first;
  visible_rows_ = layout.n_rows;
  ++draws_;
  return true;
}

}  // namespace overlay
