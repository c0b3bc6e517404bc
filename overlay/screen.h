#pragma once
// The visible screen: DirectFB's primary surface, i.e. a window under
// system=x11 (a person watching on a PC) or the OSD layer on a box. The
// overlay surface is presented onto it over a background: the test picture
// in a window (there is no video on a PC), nothing on a box, where the
// video plane shows through the transparent parts. Headless runs (system=
// dummy) need no Screen: screenshots read the overlay surface itself.
#include <memory>
#include <string>

#include "overlay/dfb_handle.h"
#include "overlay/display.h"
#include "overlay/image.h"
#include "overlay/layout.h"

namespace overlay {

class Screen {
 public:
  // BACKGROUND (screen-sized) is drawn under the overlay; nullptr leaves the
  // primary transparent. Shows the first full frame. nullptr and *error when
  // the primary surface cannot be had.
  static std::unique_ptr<Screen> open(Display& display, const Image* background,
                                      std::string* error);
  ~Screen();
  Screen(const Screen&) = delete;
  Screen& operator=(const Screen&) = delete;

  // Copies DIRTY of the overlay (background first) to the primary surface
  // and flips only that region: a crawl touches only the band.
  void present(const Rect& dirty);

  IDirectFBSurface* primary() const { return primary_.get(); }
  uint64_t presents() const { return presents_; }

 private:
  Screen(Display& display) : display_(display) {}

  Display& display_;
  SurfaceHandle primary_;
  SurfaceHandle background_;  // nullptr on a box
  uint64_t presents_ = 0;
};

}  // namespace overlay
