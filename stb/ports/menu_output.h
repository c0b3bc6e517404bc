#pragma once
// The menu panel as the daemon's menu controller drives it. overlay's
// MenuPanel draws; stbd adapts it, so stb/ stays free of DirectFB.
#include <string>

#include "stb/ports/menu_view.h"

namespace stb {

class MenuOutput {
 public:
  virtual ~MenuOutput() = default;
  // Draws VIEW (nothing when it is the view already shown). False and *error
  // when it cannot be drawn.
  virtual bool show(const stb::MenuView& view, std::string* error) = 0;
  virtual void hide() = 0;
};

}  // namespace stb
