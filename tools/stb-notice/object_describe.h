#pragma once
// A verified object body in words (the operator's check before it goes on
// air) and as JSON members. Texts are shown in UTF-8 with the character
// table they travel in; fee batches only as counts (they hold subscriber data).
#include <string>
#include <vector>

#include "dvb/notice/object_verifier.h"
#include "tools/common/json_writer.h"

namespace tools::notice {

std::vector<std::string> describeBody(const dvb::notice::ObjectBody& body);
// Writes "body": {...} into an open JSON object.
void writeBodyJson(const dvb::notice::ObjectBody& body, JsonWriter* w);

}  // namespace tools::notice
