#pragma once
// The preview: PREVIEW's program `stb-preview` run as a subprocess (never
// in-process: the overlay code and its fonts stay out of the console), on
// the notice's encoded body in a scratch directory, with a time limit.
// Its contract: `stb-preview --body FILE --out DIR` writes
// <lang>-<W>x<H>-{ahead,live}.png and preview.json, exits 0, or 1 with a
// one-line reason on stderr.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace tools::headend::console {

struct PreviewImage {
  std::string file;  // "zho-720x576-ahead.png", within the preview's directory
  std::string language;
  int width = 0, height = 0;
  std::string state;  // ahead, live
};

struct PreviewCrossing {
  std::string language;
  int width = 0, height = 0;
  double seconds = 0;  // how long the text takes to cross the screen
};

struct PreviewResult {
  std::vector<PreviewImage> images;
  std::vector<PreviewCrossing> crossings;
};

// PROGRAM: a path, or a name looked for beside this executable and then on
// PATH. BODY goes to DIR/notice.body (DIR exists). nullopt and *error: the
// program missing, failing (its reason), past TIMEOUT_MS (killed), or a
// preview.json that does not read.
std::optional<PreviewResult> runPreview(const std::string& program,
                                        const std::vector<uint8_t>& body, const std::string& dir,
                                        int timeout_ms, std::string* error);

// The images and crossings of DIR/preview.json.
std::optional<PreviewResult> readPreviewJson(const std::string& dir, std::string* error);

}  // namespace tools::headend::console
