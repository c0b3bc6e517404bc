#pragma once
// Screenshots: the overlay surface read back into memory, optionally
// composed over a picture so it looks like what a viewer sees, and written
// as PNG.
#include <optional>
#include <string>

#include "overlay/dfb_handle.h"
#include "overlay/display.h"
#include "overlay/image.h"

namespace overlay {

// Reads an ARGB surface (Lock with DSLF_READ) into straight-alpha RGBA,
// un-premultiplying when the surface is DSCAPS_PREMULTIPLIED.
std::optional<Image> captureSurface(IDirectFBSurface* surface, std::string* error);

// OVERLAY (straight alpha) over PICTURE (treated as opaque), same size:
// out = overlay * a + picture * (1 - a), rounded; the result is opaque.
Image composeOver(const Image& overlay, const Image& picture);

// RGBA PNG, 8 bits a channel (libpng's simplified API).
bool writePng(const Image& image, const std::string& path, std::string* error);

// The display's overlay, composed over BACKGROUND when given, as a PNG.
bool saveScreenshot(const Display& display, const Image* background, const std::string& path,
                    std::string* error);

}  // namespace overlay
