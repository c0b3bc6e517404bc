#pragma once
// The viewer's menu on screen: a panel centred in the title-safe area that
// draws a MenuView (title bar, wrapped body text, an input field, an error
// line, rows with the selected one highlighted and right-aligned tags, key
// hints at the bottom). Sizes follow the screen height, so the panel reads
// the same from across the room at 720x576 and at 1920x1080: body text is 5%
// of the screen height, nothing smaller than 4.5%.
//
// Draws only when the view changes; rows that do not fit scroll so the
// selected one is always shown (with "n/N" in the title bar).
#include <functional>
#include <string>
#include <vector>

#include "overlay/display.h"
#include "overlay/layout.h"
#include "stb/ports/menu_view.h"

namespace overlay {

// Sizes in pixels for a screen HEIGHT high; pure arithmetic.
struct MenuMetrics {
  int width = 0;       // the panel's width: 125% of the height, at most the safe area's
  int padding = 0;     // around the content
  int title_text = 0;  // font heights
  int body_text = 0;
  int footer_text = 0;
  int title_bar = 0;  // heights of the bands
  int footer_bar = 0;
  int line = 0;  // one body line
  int row = 0;   // one row, and the input field
};
MenuMetrics menuMetrics(int width, int height);

class MenuPanel {
 public:
  // DISPLAY must outlive the panel.
  explicit MenuPanel(Display& display);
  MenuPanel(const MenuPanel&) = delete;
  MenuPanel& operator=(const MenuPanel&) = delete;

  // Draws VIEW onto the display's overlay surface, unless it is the view
  // already shown (then nothing is touched). False and *error when a font
  // cannot be had.
  bool show(const stb::MenuView& view, std::string* error);
  // Clears the panel's rectangle to transparent and forgets the view.
  void hide();

  bool visible() const { return visible_; }
  // Where the panel was last drawn (valid while visible).
  const Rect& rect() const { return rect_; }
  // How many times show() actually drew; for tests of "only on change".
  int draws() const { return draws_; }
  // The first row drawn and how many rows fit, as last drawn.
  int firstRow() const { return first_row_; }
  int visibleRows() const { return visible_rows_; }

 private:
  Display& display_;
  stb::MenuView current_;
  bool visible_ = false;
  Rect rect_;
  int draws_ = 0;
  int first_row_ = 0;
  int visible_rows_ = 0;
};

// Splits TEXT into lines no wider than MAX_WIDTH as measured by MEASURE
// (pixels of a UTF-8 string): at spaces in Latin text, between CJK characters
// (never before closing punctuation), and inside a word only when one word
// alone is too wide. Exposed for tests.
std::vector<std::string> wrapText(const std::string& text, int max_width,
                                  const std::function<int(const std::string&)>& measure);

// TEXT cut with "…" so that it is no wider than MAX_WIDTH; unchanged if it fits.
std::string fitText(const std::string& text, int max_width,
                    const std::function<int(const std::string&)>& measure);

}  // namespace overlay
