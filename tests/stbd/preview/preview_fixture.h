#pragma once
// Shared by the stb-preview tests: notices written as bodies the way the
// console writes them (dvb::notice::encodeBody), and the built program run
// on them as a user runs it.
#include <string>

#include "dvb/notice/notice.h"

namespace preview_test {

// Planned maintenance 2026-12-10 02:00-06:00 UTC, lead 24 h, with a zho and
// a spa text (no eng) and a contact number; LONGER adds a sentence to each
// text (a longer crawl).
dvb::notice::Notice maintenance(bool longer = false);
// An emergency, lead 1 h, zho and spa.
dvb::notice::Notice emergency();

// Writes NOTICE's encoded body to PATH; a notice that does not encode fails the test.
void writeBody(const dvb::notice::Notice& notice, const std::string& path);

struct PreviewRun {
  int status = -1;
  std::string err;  // stderr
};
// build/bin/stb-preview ARGS (a shell command line's tail).
PreviewRun runPreview(const std::string& args);

}  // namespace preview_test
