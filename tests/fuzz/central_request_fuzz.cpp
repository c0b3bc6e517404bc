// libFuzzer target: arbitrary bytes as the body a box posts to stb-central:
// the report and return-visit JSON validation. (The HTTP parsing in front of
// it is libmicrohttpd's, fuzzed by its own project.)
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "tools/stb-central/report_validation.h"

namespace {

using namespace tools::central;

void validate(const std::string& body) {
  NewReport report;
  ValidationError problem;
  if (parseReport(body, &report, &problem)) {
    if (report.report_id.size() != 36 || report.box_id.empty()) std::abort();
  } else if (problem.code.empty() || problem.message.empty()) {
    std::abort();
  }
  bool fixed = false;
  int score = 0;
  if (parseReturnVisit(body, &fixed, &score, &problem) && (score < 1 || score > 5)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  validate(std::string(reinterpret_cast<const char*>(data), size));
  return 0;
}
