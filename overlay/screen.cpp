#include "overlay/screen.h"

#include <directfb.h>

#include <cstring>

#include "overlay/dfb_error.h"

namespace overlay {

// An Image (straight alpha RGBA) into a new surface of the overlay's format.
static SurfaceHandle uploadImage(Display& display, const Image& image, std::string* error) {
  SurfaceHandle s = display.createSurface(image.width, image.height, error);
  if (!s) return nullptr;
  void* data = nullptr;
  int pitch = 0;
  const DFBResult r = s->Lock(s.get(), DSLF_WRITE, &data, &pitch);
  if (r != DFB_OK) {
    *error = dfbError("Lock background", r);
    return nullptr;
  }
  for (int y = 0; y < image.height; ++y) {
    uint32_t* row = reinterpret_cast<uint32_t*>(static_cast<uint8_t*>(data) + y * pitch);
    for (int x = 0; x < image.width; ++x) {
      const Rgba c = image.at(x, y);
      // Premultiplied ARGB; the picture is opaque, so this is the colour.
      const uint32_t a = c.a;
      row[x] = (a << 24) | ((c.r * a / 255u) << 16) | ((c.g * a / 255u) << 8) | (c.b * a / 255u);
    }
  }
  s->Unlock(s.get());
  return s;
}

std::unique_ptr<Screen> Screen::open(Display& display, const Image* background,
                                     std::string* error) {
  std::unique_ptr<Screen> screen(new Screen(display));
  IDirectFB* dfb = display.dfb();
  DFBSurfaceDescription desc;
  std::memset(&desc, 0, sizeof desc);
  desc.flags = static_cast<DFBSurfaceDescriptionFlags>(DSDESC_CAPS | DSDESC_WIDTH | DSDESC_HEIGHT);
  desc.caps = static_cast<DFBSurfaceCapabilities>(DSCAPS_PRIMARY | DSCAPS_FLIPPING);
  desc.width = display.width();
  desc.height = display.height();
  IDirectFBSurface* primary = nullptr;
  DFBResult r = dfb->CreateSurface(dfb, &desc, &primary);
  if (r != DFB_OK) {
    *error = dfbError("CreateSurface (primary)", r);
    return nullptr;
  }
  screen->primary_.reset(primary);
  if (background) {
    if (background->width != display.width() || background->height != display.height()) {
      *error = "background picture is not screen-sized";
      return nullptr;
    }
    screen->background_ = uploadImage(display, *background, error);
    if (!screen->background_) return nullptr;
  }
  screen->present(Rect{0, 0, display.width(), display.height()});
  // Both buffers of the flipping pair start with the whole picture.
  screen->present(Rect{0, 0, display.width(), display.height()});
  return screen;
}

Screen::~Screen() = default;

void Screen::present(const Rect& dirty) {
  IDirectFBSurface* p = primary_.get();
  const DFBRectangle area{dirty.x, dirty.y, dirty.w, dirty.h};
  p->SetBlittingFlags(p, DSBLIT_NOFX);
  if (background_) {
    p->Blit(p, background_.get(), &area, dirty.x, dirty.y);
  } else {
    p->SetDrawingFlags(p, DSDRAW_NOFX);
    p->SetColor(p, 0, 0, 0, 0);
    p->FillRectangle(p, dirty.x, dirty.y, dirty.w, dirty.h);
  }
  // Premultiplied "over", as everywhere in overlay/.
  p->SetBlittingFlags(p, DSBLIT_BLEND_ALPHACHANNEL);
  p->SetSrcBlendFunction(p, DSBF_ONE);
  p->SetDstBlendFunction(p, DSBF_INVSRCALPHA);
  p->Blit(p, display_.surface(), &area, dirty.x, dirty.y);
  const DFBRegion region{dirty.x, dirty.y, dirty.x + dirty.w - 1, dirty.y + dirty.h - 1};
  p->Flip(p, &region, DSFLIP_NONE);
  ++presents_;
}

}  // namespace overlay
