#include "overlay/draw.h"

#include <directfb.h>

namespace overlay {

void fillRect(IDirectFBSurface* s, const Rect& r, Rgba c) {
  s->SetDrawingFlags(s, DSDRAW_SRC_PREMULTIPLY);
  s->SetColor(s, c.r, c.g, c.b, c.a);
  s->FillRectangle(s, r.x, r.y, r.w, r.h);
}

void drawText(IDirectFBSurface* s, IDirectFBFont* font, const char* text, size_t bytes, int x,
              int y, Rgba c) {
  s->SetFont(s, font);
  s->SetDrawingFlags(s, static_cast<DFBSurfaceDrawingFlags>(DSDRAW_BLEND | DSDRAW_SRC_PREMULTIPLY));
  s->SetSrcBlendFunction(s, DSBF_ONE);
  s->SetDstBlendFunction(s, DSBF_INVSRCALPHA);
  s->SetColor(s, c.r, c.g, c.b, c.a);
  s->DrawString(s, text, static_cast<int>(bytes), x, y, DSTF_TOPLEFT);
}

int centredTop(IDirectFBFont* font, int h) {
  int line = 0;
  font->GetHeight(font, &line);
  return (h - line) / 2;
}

int stringWidth(IDirectFBFont* font, const char* text, size_t bytes) {
  int advance = 0;
  if (bytes > 0) font->GetStringWidth(font, text, static_cast<int>(bytes), &advance);
  return advance;
}

void blitOver(IDirectFBSurface* dst, IDirectFBSurface* src, const Rect& src_rect, int x, int y) {
  const DFBRectangle window{src_rect.x, src_rect.y, src_rect.w, src_rect.h};
  dst->SetBlittingFlags(dst, DSBLIT_BLEND_ALPHACHANNEL);
  dst->SetSrcBlendFunction(dst, DSBF_ONE);
  dst->SetDstBlendFunction(dst, DSBF_INVSRCALPHA);
  dst->Blit(dst, src, &window, x, y);
}

}  // namespace overlay
