#include "stbd/preview/preview_json.h"

#include <cstdio>

namespace stbd::preview {
namespace {

std::string quoted(const std::string& s) {
  return "\"" + s + "\"";
}

std::string seconds(int64_t ms) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(ms) / 1000.0);
  return buf;
}

std::string screen(const std::string& language, int width, int height) {
  return "\"language\":" + quoted(language) + ",\"width\":" + std::to_string(width) +
         ",\"height\":" + std::to_string(height);
}

}  // namespace

std::string previewJson(const std::vector<PreviewImage>& images,
                        const std::vector<PreviewCrossing>& crossings) {
  std::string out = "{\"images\":[";
  for (size_t i = 0; i < images.size(); ++i) {
    const PreviewImage& m = images[i];
    out += std::string(i ? ",\n  " : "\n  ") + "{\"file\":" + quoted(m.file) + "," +
           screen(m.language, m.width, m.height) + ",\"state\":" + quoted(m.state) +
           ",\"text_language\":" + quoted(m.text_language) + "}";
  }
  out += "],\n\"crossings\":[";
  for (size_t i = 0; i < crossings.size(); ++i) {
    const PreviewCrossing& c = crossings[i];
    out += std::string(i ? ",\n  " : "\n  ") + "{" + screen(c.language, c.width, c.height) +
           ",\"seconds\":" + seconds(c.live_ms) + ",\"ahead_seconds\":" + seconds(c.ahead_ms) +
           ",\"text_language\":" + quoted(c.text_language) + "}";
  }
  out += "]}\n";
  return out;
}

}  // namespace stbd::preview
