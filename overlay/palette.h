#pragma once
// The colours of the subtitle bar, one set per notice style. Chosen for
// contrast on a TV seen from across the room; amber takes dark label text.
#include "overlay/image.h"
#include "stb/ports/subtitle_bar_view.h"

namespace overlay {

struct BarPalette {
  Rgba label_box;   // opaque, the style colour
  Rgba label_text;  // opaque
  Rgba band;        // translucent background of the crawl
  Rgba text;        // opaque, the crawl text
};

BarPalette paletteFor(stb::SubtitleBarView::Style style);

}  // namespace overlay
