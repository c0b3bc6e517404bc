// stbd: the set-top box's notice daemon. Usage: docs/stbd.md, `stbd --help`.
#include <cstdio>
#include <string>

#include "stbd/stbd_app.h"
#include "stbd/stbd_options.h"

int main(int argc, char** argv) {
  stbd::StbdOptions options;
  std::string error;
  if (!stbd::parseStbdOptions(argc, argv, &options, &error)) {
    std::fprintf(stderr, "stbd: %s\n%s", error.c_str(), stbd::kUsage);
    return 2;
  }
  if (options.help) {
    std::fputs(stbd::kUsage, stdout);
    return 0;
  }
  if (options.version) {
    std::printf("stbd %s\n", STB_VERSION);
    return 0;
  }
  return stbd::runStbd(options);
}
