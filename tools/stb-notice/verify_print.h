#pragma once
// The report of `stb-notice verify`, as text for the operator or as one JSON
// object (--json; keys in docs/operator-guide.md).
#include <string>

#include "tools/stb-notice/verify.h"

namespace tools::notice {

std::string verifyText(const VerifyReport& report);
std::string verifyJson(const VerifyReport& report);

}  // namespace tools::notice
