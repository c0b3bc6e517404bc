#pragma once
// A verified object body as JSON members, built from the same pieces as its
// description in words (dvb/notice/object_describe.h, re-exported here).
#include "dvb/notice/object_describe.h"
#include "dvb/notice/object_verifier.h"
#include "tools/common/json_writer.h"

namespace tools::notice {

using dvb::notice::describeBody;
// Writes "body": {...} into an open JSON object.
void writeBodyJson(const dvb::notice::ObjectBody& body, JsonWriter* w);

}  // namespace tools::notice
