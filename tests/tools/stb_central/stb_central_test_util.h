#pragma once
// Shared by the stb-central tests: scratch directories and a valid report.
#include <string>

#include "tests/support/central_server.h"

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

}  // namespace stb_central_test
