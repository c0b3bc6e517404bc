#pragma once
// stb-preview's command line (docs/stbd.md, "Previewing a notice").
#include <string>
#include <vector>

namespace stbd::preview {

struct ScreenSize {
  int width = 0;
  int height = 0;
};

struct PreviewOptions {
  std::string body_path;  // a notice body as dvb::notice::encodeBody writes it, unsigned
  std::string out_dir;
  std::vector<ScreenSize> sizes = {{720, 576}, {1280, 720}, {1920, 1080}};
  std::vector<std::string> languages = {"zho", "spa", "eng"};  // each a box's one language
  int pixels_per_second = 120;                                 // stbd's default crawl speed
  bool help = false;
};

extern const char kUsage[];

// False and *error on a bad command line: an unknown option, a missing
// value, a size that is not WxH, a language that is not 3 letters, a speed
// outside stbd's 10..2000 px/s. Whether a size is one the overlay supports is
// the display's to say.
bool parsePreviewOptions(int argc, const char* const* argv, PreviewOptions* options,
                         std::string* error);

}  // namespace stbd::preview
