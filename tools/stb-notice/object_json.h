#pragma once
// A verified object body as JSON members, built from the same pieces as its
// description in words (dvb/notice/object_describe.h, re-exported here).
#include <nlohmann/json.hpp>

#include "dvb/notice/object_describe.h"
#include "dvb/notice/object_verifier.h"

namespace tools::notice {

using dvb::notice::describeBody;
// The value of "body" in `verify --json`; ordered_json keeps the members in the
// order docs/operator-guide.md shows them.
nlohmann::ordered_json bodyJson(const dvb::notice::ObjectBody& body);

}  // namespace tools::notice
