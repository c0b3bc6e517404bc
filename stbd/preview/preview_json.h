#pragma once
// DIR/preview.json: which pictures were made and how long each crawl takes
// to cross each screen (docs/stbd.md, "Previewing a notice").
#include <cstdint>
#include <string>
#include <vector>

namespace stbd::preview {

struct PreviewImage {
  std::string file;  // "zho-720x576-ahead.png"
  std::string language;
  int width = 0;
  int height = 0;
  std::string state;          // "ahead" or "live"
  std::string text_language;  // of the text shown: LANGUAGE, or the box's fallback
};

struct PreviewCrossing {
  std::string language;
  int width = 0;
  int height = 0;
  int64_t live_ms = 0;   // "seconds": the crawl in progress
  int64_t ahead_ms = 0;  // "ahead_seconds": its label differs, and so does the crawl's width
  std::string text_language;
};

// The JSON text. Every string is a language code or a file name made of
// one, digits and '-', so none needs escaping.
std::string previewJson(const std::vector<PreviewImage>& images,
                        const std::vector<PreviewCrossing>& crossings);

}  // namespace stbd::preview
