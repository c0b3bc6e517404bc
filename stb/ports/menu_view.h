#pragma once
// What the viewer's menu shows: a plain view model filled in by stb/menu.
// The overlay knows nothing of faults or reports; MenuPanel only draws this.
#include <optional>
#include <string>
#include <vector>

namespace stb {

struct MenuRow {
  std::string text;
  // Right-aligned, e.g. "major" / "重大"; empty for none.
  std::string tag;
  // Draws the tag in the warning colour (a major fault, a failed send).
  bool tag_warning = false;

  bool operator==(const MenuRow& o) const {
    return text == o.text && tag == o.tag && tag_warning == o.tag_warning;
  }
  bool operator!=(const MenuRow& o) const { return !(*this == o); }
};

// A one-line text field, e.g. a callback number typed with the digit keys.
struct MenuInput {
  std::string label;  // left of the field, e.g. "电话"
  std::string text;   // what has been typed so far

  bool operator==(const MenuInput& o) const { return label == o.label && text == o.text; }
  bool operator!=(const MenuInput& o) const { return !(*this == o); }
};

struct MenuView {
  // kWarning colours the title bar (a known outage, a report not yet sent).
  enum class Accent { kNormal, kWarning };
  Accent accent = Accent::kNormal;
  std::string title;
  // Paragraphs above the rows; each is wrapped to the panel's width.
  std::vector<std::string> body;
  std::optional<MenuInput> input;
  // Shown in the warning colour below the input (or the body); empty for none.
  std::string error;
  std::vector<MenuRow> rows;
  int selected = -1;  // index into rows, -1 for none
  // Key hints, e.g. "OK select · BACK back · EXIT close".
  std::string footer;

  bool operator==(const MenuView& o) const {
    return accent == o.accent && title == o.title && body == o.body && input == o.input &&
           error == o.error && rows == o.rows && selected == o.selected && footer == o.footer;
  }
  bool operator!=(const MenuView& o) const { return !(*this == o); }
};

}  // namespace stb
