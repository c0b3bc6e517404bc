#pragma once
// One preview picture: a crawl drawn by the box's own bar (stbd's
// SubtitleBarOutput over overlay::SubtitleBar, headless) on a fake clock,
// photographed as stbd's screenshots are (Snapshots::kSettleMs into the
// crawl, composed over the test picture).
#include <cstdint>
#include <string>

#include "overlay/display.h"
#include "stb/crawl_request.h"

namespace stbd::preview {

struct PictureFacts {
  // How long the pass takes: from the text's left edge at the band's right
  // edge until the bar says the pass is over (the text has left the crawl
  // area), at the speed asked; measured on the laid-out text.
  int64_t crossing_ms = 0;
};

// Draws REQUEST on DISPLAY at PIXELS_PER_SECOND and writes the screenshot to
// PATH. False and *error when the bar or the PNG cannot be had.
bool drawPreview(overlay::Display& display, const stb::CrawlRequest& request, int pixels_per_second,
                 const std::string& path, PictureFacts* facts, std::string* error);

}  // namespace stbd::preview
