#pragma once
// Drawing helpers shared by the subtitle bar's parts. Every surface here is
// ARGB premultiplied. Fills take a straight colour and let DirectFB
// premultiply it (DSDRAW_SRC_PREMULTIPLY); text and blits are Porter-Duff
// "over" on premultiplied pixels: src * 1 + dst * (1 - src_alpha), in every
// channel including alpha.
#include <cstddef>
#include <string>

#include "overlay/dfb_handle.h"
#include "overlay/image.h"
#include "overlay/layout.h"

namespace overlay {

void fillRect(IDirectFBSurface* s, const Rect& r, Rgba c);

// BYTES of TEXT (UTF-8) with its top-left corner at X,Y.
void drawText(IDirectFBSurface* s, IDirectFBFont* font, const char* text, size_t bytes, int x,
              int y, Rgba c);

// Top y that centres a line of FONT vertically in a box of height H.
int centredTop(IDirectFBFont* font, int h);

// The advance of BYTES of TEXT in FONT, in pixels.
int stringWidth(IDirectFBFont* font, const char* text, size_t bytes);

// Copies SRC_RECT of SRC to X,Y of DST, "over" what is there.
void blitOver(IDirectFBSurface* dst, IDirectFBSurface* src, const Rect& src_rect, int x, int y);

}  // namespace overlay
