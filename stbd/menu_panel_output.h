#pragma once
// overlay::MenuPanel seen as the menu controller's MenuOutput, presenting
// each change on the visible screen when there is one.
#include "overlay/menu_panel.h"
#include "overlay/screen.h"
#include "stb/ports/menu_output.h"

namespace stbd {

class MenuPanelOutput : public stb::MenuOutput {
 public:
  MenuPanelOutput(overlay::Display& display, overlay::Screen* screen)
      : panel_(display), screen_(screen) {}

  bool show(const stb::MenuView& view, std::string* error) override {
    const overlay::Rect before = panel_.rect();
    const bool was_visible = panel_.visible();
    if (!panel_.show(view, error)) return false;
    if (screen_) {
      // A smaller page leaves the old rectangle to clear as well.
      if (was_visible) screen_->present(before);
      screen_->present(panel_.rect());
    }
    return true;
  }
  void hide() override {
    const overlay::Rect area = panel_.rect();
    const bool was_visible = panel_.visible();
    panel_.hide();
    if (screen_ && was_visible) screen_->present(area);
  }

 private:
  overlay::MenuPanel panel_;
  overlay::Screen* screen_;
};

}  // namespace stbd
