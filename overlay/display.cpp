#include "overlay/display.h"

#include <directfb.h>

#include <cstring>

#include "overlay/dfb_error.h"

namespace overlay {

static bool supportedSize(int w, int h) {
  return (w == 720 && h == 576) || (w == 1280 && h == 720) || (w == 1920 && h == 1080);
}

// DirectFBInit wants a mutable argc/argv and may reorder it; give it copies.
static DFBResult initDirectFb(const std::vector<std::string>& args) {
  std::vector<std::string> storage{"stb-overlay"};
  storage.insert(storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (std::string& s : storage) argv.push_back(s.data());
  argv.push_back(nullptr);
  int argc = static_cast<int>(storage.size());
  char** argvp = argv.data();
  return DirectFBInit(&argc, &argvp);
}

// The process's one IDirectFB, created on first use and never released.
// DirectFB 1.7.7 is a per-process singleton anyway, and tearing it down is
// racy: dfb_core_destroy -> fusion_exit destroys a condition variable its
// "Fusion Dispatch" thread may still wait on, which was seen to hang or
// crash about one run in two when displays were opened and closed
// repeatedly. The kernel reclaims it at exit (lsan.supp covers DirectFB).
// Not thread-safe: the daemon has one thread.
static IDirectFB* processDirectFb(const std::vector<std::string>& args, std::string* error) {
  static IDirectFB* dfb = nullptr;
  static std::vector<std::string> opened_with;
  if (dfb) {
    if (args != opened_with) {
      *error = "DirectFB is already open in this process with other arguments";
      return nullptr;
    }
    return dfb;
  }
  DFBResult r = initDirectFb(args);
  if (r != DFB_OK) {
    *error = dfbError("DirectFBInit", r);
    return nullptr;
  }
  r = DirectFBCreate(&dfb);
  if (r != DFB_OK) {
    *error = dfbError("DirectFBCreate", r);
    dfb = nullptr;
    return nullptr;
  }
  opened_with = args;
  return dfb;
}

std::unique_ptr<Display> Display::open(const DisplayOptions& options, std::string* error) {
  if (!supportedSize(options.width, options.height)) {
    *error = "unsupported screen size " + std::to_string(options.width) + "x" +
             std::to_string(options.height) + " (720x576, 1280x720 or 1920x1080)";
    return nullptr;
  }
  IDirectFB* dfb = processDirectFb(options.directfb_args, error);
  if (!dfb) return nullptr;
  std::unique_ptr<Display> d(new Display);
  d->dfb_ = dfb;
  d->width_ = options.width;
  d->height_ = options.height;
  d->font_path_ = options.font_path;
  d->surface_ = d->createSurface(options.width, options.height, error);
  if (!d->surface_) return nullptr;
  // Fail now, not at the first notice, when the font or the FreeType
  // provider (package libdirectfb-extra) is missing.
  if (!d->font(24, error)) return nullptr;
  return d;
}

Display::~Display() {
  // Fonts and surfaces go; the IDirectFB stays (see processDirectFb).
  fonts_.clear();
  surface_.reset();
}

IDirectFBFont* Display::font(int height, std::string* error) {
  auto it = fonts_.find(height);
  if (it != fonts_.end()) return it->second.get();
  DFBFontDescription desc;
  std::memset(&desc, 0, sizeof desc);
  desc.flags = DFDESC_HEIGHT;
  desc.height = height;
  IDirectFBFont* font = nullptr;
  const DFBResult r = dfb_->CreateFont(dfb_, font_path_.c_str(), &desc, &font);
  if (r != DFB_OK) {
    *error = dfbError("font " + font_path_ +
                          " (needs fonts-wqy-microhei or another TTF/TTC, "
                          "and libdirectfb-extra for FreeType)",
                      r);
    return nullptr;
  }
  fonts_[height].reset(font);
  return font;
}

SurfaceHandle Display::createSurface(int width, int height, std::string* error) {
  DFBSurfaceDescription desc;
  std::memset(&desc, 0, sizeof desc);
  desc.flags = static_cast<DFBSurfaceDescriptionFlags>(DSDESC_WIDTH | DSDESC_HEIGHT |
                                                       DSDESC_PIXELFORMAT | DSDESC_CAPS);
  desc.width = width;
  desc.height = height;
  desc.pixelformat = DSPF_ARGB;
  // Premultiplied so that blending a translucent strip onto the translucent
  // band is exact Porter-Duff "over" in every channel, alpha included.
  desc.caps = DSCAPS_PREMULTIPLIED;
  IDirectFBSurface* s = nullptr;
  const DFBResult r = dfb_->CreateSurface(dfb_, &desc, &s);
  if (r != DFB_OK) {
    *error = dfbError("CreateSurface " + std::to_string(width) + "x" + std::to_string(height), r);
    return nullptr;
  }
  s->Clear(s, 0, 0, 0, 0);
  return SurfaceHandle(s);
}

void Display::fill(Rgba c) {
  IDirectFBSurface* s = surface_.get();
  // Clear() would store the colour as given (not premultiplied); a fill with
  // DSDRAW_SRC_PREMULTIPLY stores it premultiplied, as the surface expects.
  s->SetDrawingFlags(s, DSDRAW_SRC_PREMULTIPLY);
  s->SetColor(s, c.r, c.g, c.b, c.a);
  s->FillRectangle(s, 0, 0, width_, height_);
}

}  // namespace overlay
