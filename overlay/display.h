#pragma once
// The DirectFB connection, the overlay surface the subtitle bar and menus draw
// into, and the font cache. The only owner of IDirectFB in the daemon.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "overlay/dfb_handle.h"
#include "overlay/image.h"

namespace overlay {

// Debian's fonts-wqy-microhei: CJK, Latin and Cyrillic in one file.
inline constexpr const char* kDefaultFontPath = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc";

struct DisplayOptions {
  // 720x576 (SD), 1280x720 or 1920x1080; anything else is refused.
  int width = 1280;
  int height = 720;
  // Passed to DirectFBInit as if on the command line. The default needs no
  // device: the dummy system, quiet, and no signal handlers (which would
  // fight the sanitizers' and the daemon's own).
  std::vector<std::string> directfb_args = {"--dfb:system=dummy,quiet,no-sighandler"};
  std::string font_path = kDefaultFontPath;
};

class Display {
 public:
  // Initialises DirectFB (once per process: it stays open until exit, and
  // every later Display must pass the same directfb_args), creates the
  // overlay surface (ARGB, premultiplied, cleared to transparent) and checks
  // that the font loads. Returns nullptr and sets *error when any step fails.
  static std::unique_ptr<Display> open(const DisplayOptions& options, std::string* error);
  ~Display();
  Display(const Display&) = delete;
  Display& operator=(const Display&) = delete;

  int width() const { return width_; }
  int height() const { return height_; }
  IDirectFB* dfb() const { return dfb_; }
  // Screen-sized, off-screen, DSPF_ARGB with DSCAPS_PREMULTIPLIED.
  IDirectFBSurface* surface() const { return surface_.get(); }

  // The configured font at HEIGHT pixels, created on first use and kept.
  // nullptr and *error when it cannot be loaded.
  IDirectFBFont* font(int height, std::string* error);

  // A new off-screen surface in the overlay's format, cleared to transparent.
  SurfaceHandle createSurface(int width, int height, std::string* error);

  // Fills the whole overlay with COLOUR (straight alpha); transparent clears it.
  void fill(Rgba colour);

 private:
  Display() = default;

  int width_ = 0;
  int height_ = 0;
  std::string font_path_;
  IDirectFB* dfb_ = nullptr;  // the process's, not owned (see display.cpp)
  SurfaceHandle surface_;
  std::map<int, FontHandle> fonts_;  // by pixel height
};

}  // namespace overlay
