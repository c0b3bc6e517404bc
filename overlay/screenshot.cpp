#include "overlay/screenshot.h"

#include <directfb.h>
#include <png.h>

#include <algorithm>
#include <cstring>

#include "overlay/dfb_error.h"

namespace overlay {

static uint8_t unpremultiply(uint32_t c, uint32_t a) {
  return static_cast<uint8_t>(std::min<uint32_t>(255, (c * 255 + a / 2) / a));
}

std::optional<Image> captureSurface(IDirectFBSurface* s, std::string* error) {
  DFBSurfacePixelFormat format = DSPF_UNKNOWN;
  s->GetPixelFormat(s, &format);
  if (format != DSPF_ARGB) {
    *error = "captureSurface: only DSPF_ARGB surfaces are supported";
    return std::nullopt;
  }
  DFBSurfaceCapabilities caps = DSCAPS_NONE;
  s->GetCapabilities(s, &caps);
  const bool premultiplied = (caps & DSCAPS_PREMULTIPLIED) != 0;
  int w = 0, h = 0;
  s->GetSize(s, &w, &h);
  void* data = nullptr;
  int pitch = 0;
  const DFBResult r = s->Lock(s, DSLF_READ, &data, &pitch);
  if (r != DFB_OK) {
    *error = dfbError("Lock(DSLF_READ)", r);
    return std::nullopt;
  }
  Image img(w, h);
  for (int y = 0; y < h; ++y) {
    const uint32_t* row = reinterpret_cast<const uint32_t*>(static_cast<const uint8_t*>(data) +
                                                            static_cast<ptrdiff_t>(y) * pitch);
    for (int x = 0; x < w; ++x) {
      const uint32_t v = row[x];  // DSPF_ARGB: 0xAARRGGBB in native byte order
      const uint32_t a = v >> 24;
      uint32_t rr = (v >> 16) & 0xff, gg = (v >> 8) & 0xff, bb = v & 0xff;
      if (premultiplied) {
        if (a == 0) {
          rr = gg = bb = 0;
        } else {
          rr = unpremultiply(rr, a);
          gg = unpremultiply(gg, a);
          bb = unpremultiply(bb, a);
        }
      }
      img.set(x, y,
              Rgba{static_cast<uint8_t>(rr), static_cast<uint8_t>(gg), static_cast<uint8_t>(bb),
                   static_cast<uint8_t>(a)});
    }
  }
  s->Unlock(s);
  return img;
}

Image composeOver(const Image& overlay, const Image& picture) {
  Image out(picture.width, picture.height);
  for (size_t i = 0; i < out.rgba.size(); i += 4) {
    const uint32_t a = overlay.rgba[i + 3];
    for (size_t c = 0; c < 3; ++c) {
      const uint32_t v = overlay.rgba[i + c] * a + picture.rgba[i + c] * (255 - a);
      out.rgba[i + c] = static_cast<uint8_t>((v + 127) / 255);
    }
    out.rgba[i + 3] = 255;
  }
  return out;
}

bool writePng(const Image& image, const std::string& path, std::string* error) {
  png_image png;
  std::memset(&png, 0, sizeof png);
  png.version = PNG_IMAGE_VERSION;
  png.width = static_cast<png_uint_32>(image.width);
  png.height = static_cast<png_uint_32>(image.height);
  png.format = PNG_FORMAT_RGBA;
  if (!png_image_write_to_file(&png, path.c_str(), 0, image.rgba.data(), 0, nullptr)) {
    *error = "writing " + path + ": " + png.message;
    png_image_free(&png);
    return false;
  }
  return true;
}

bool saveScreenshot(const Display& display, const Image* background, const std::string& path,
                    std::string* error) {
  std::optional<Image> overlay = captureSurface(display.surface(), error);
  if (!overlay) return false;
  if (background) {
    if (background->width != overlay->width || background->height != overlay->height) {
      *error = "saveScreenshot: background size differs from the screen";
      return false;
    }
    return writePng(composeOver(*overlay, *background), path, error);
  }
  return writePng(*overlay, path, error);
}

}  // namespace overlay
