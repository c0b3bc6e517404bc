// libFuzzer target: arbitrary bytes as what a box sends stb-central: the
// HTTP request parser on the buffer (whole and grown byte by byte up to a
// bound, as the server calls it), and the report and return-visit JSON
// validation on the bytes and on a parsed request's body.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "tools/stb-central/http_request.h"
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

void check(const ParseResult& r, std::string_view buffer, const HttpLimits& limits) {
  if (r.state == ParseState::kComplete) {
    if (r.consumed == 0 || r.consumed > buffer.size()) std::abort();
    if (r.request.body.size() > limits.max_body) std::abort();
    if (r.request.headers.size() > limits.max_header_count) std::abort();
  }
  if (r.state == ParseState::kError && (r.error_status < 400 || r.error_code.empty())) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  // Small limits so the fuzzer reaches every one of them.
  HttpLimits limits;
  limits.max_request_line = 256;
  limits.max_header_bytes = 1024;
  limits.max_header_count = 8;
  limits.max_body = 512;
  const ParseResult whole = parseHttpRequest(bytes, limits);
  check(whole, bytes, limits);
  if (whole.state == ParseState::kComplete) validate(whole.request.body);
  // The server parses again as bytes arrive; a prefix must never be complete
  // with more than it holds, and the answer for the whole must not change
  // once a prefix was complete.
  for (size_t n = 0; n < size && n < 256; ++n) {
    const ParseResult part = parseHttpRequest(std::string_view(bytes).substr(0, n), limits);
    check(part, std::string_view(bytes).substr(0, n), limits);
    if (part.state == ParseState::kComplete && whole.state != ParseState::kComplete) std::abort();
  }
  validate(bytes);
  return 0;
}
