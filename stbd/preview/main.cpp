// stb-preview: a notice's subtitle bar as a box draws it, headless, for the
// authoring console. Usage: docs/stbd.md ("Previewing a notice"), `stb-preview --help`.
#include <cstdio>
#include <string>

#include "stbd/preview/preview_options.h"
#include "stbd/preview/preview_run.h"

int main(int argc, char** argv) {
  stbd::preview::PreviewOptions options;
  std::string error;
  if (!stbd::preview::parsePreviewOptions(argc, argv, &options, &error)) {
    std::fprintf(stderr, "stb-preview: %s\n%s", error.c_str(), stbd::preview::kUsage);
    return 1;
  }
  if (options.help) {
    std::fputs(stbd::preview::kUsage, stdout);
    return 0;
  }
  if (!stbd::preview::runPreview(options, &error)) {
    std::fprintf(stderr, "stb-preview: %s\n", error.c_str());
    return 1;
  }
  return 0;
}
