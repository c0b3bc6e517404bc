#pragma once
// Shared by the stb-central tests: scratch directories, a valid report and a
// request as the router sees it.
#include <string>

#include "tests/support/central_server.h"
#include "tools/stb-central/http.h"

namespace stb_central_test {

// A fresh directory for one test, removed with everything in it afterwards.
using testing_support::ScratchDir;

// A valid report body; `extra` is spliced in before the closing brace.
inline std::string reportJson(const std::string& report_id, const std::string& box_id,
                              const std::string& category = "no_picture",
                              const std::string& extra = "") {
  return R"({"report_id": ")" + report_id + R"(", "box_id": ")" + box_id +
         R"(", "smartcard_id": "8100123456", "area_code": "A01", "category": ")" + category +
         R"(", "callback_phone": "13800138000", "visit_period": "morning",)"
         R"( "created": "2026-11-27T08:00:00Z",)"
         R"( "diagnostics": {"snr_db": 21.5, "ber": 1e-7, "channel": 43, "sw": "1.2.3"})" +
         extra + "}";
}

// A request as the server hands it to the router: a JSON body when BODY is
// given, an Idempotency-Key when KEY is.
inline tools::central::HttpRequest apiRequest(const std::string& method, const std::string& path,
                                              const std::string& body = "",
                                              const std::string& key = "") {
  tools::central::HttpRequest r;
  r.method = method;
  r.path = r.target = path;
  r.version = "HTTP/1.1";
  r.headers.emplace_back("host", "x");
  if (!body.empty()) r.headers.emplace_back("content-type", "application/json; charset=utf-8");
  if (!key.empty()) r.headers.emplace_back("idempotency-key", key);
  r.body = body;
  return r;
}

}  // namespace stb_central_test
