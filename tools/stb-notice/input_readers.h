#pragma once
// One reader per object kind of the input JSON (input.cpp calls them). Each
// checks its part of the document, reports problems through the JsonReader
// and, when its part was clean, appends the encoded object(s) to *out.
#include <string>
#include <vector>

#include "dvb/notice/body_codec.h"
#include "tools/common/json_reader.h"
#include "tools/stb-notice/input.h"

namespace tools::notice {

void readNotice(JsonReader& r, const Node& n, std::vector<ObjectInput>* out);
void readFeeRecords(JsonReader& r, const Node& n, std::vector<ObjectInput>* out);
void readDirectory(JsonReader& r, const Node& n, std::vector<ObjectInput>* out);
void readWorkCalendar(JsonReader& r, const Node& n, std::vector<ObjectInput>* out);
// Key files are named relative to `base_dir` (the input file's directory).
void readKeyList(JsonReader& r, const Node& n, const std::string& base_dir,
                 std::vector<ObjectInput>* out);

// Encodes `body` and appends it; an encoder refusal (a rule the JSON checks
// missed) is reported at the object's path rather than lost.
template <typename T>
void appendObject(JsonReader& r, const Node& n, uint32_t object_id, uint32_t revision,
                  const T& body, std::vector<ObjectInput>* out) {
  std::string error;
  auto bytes = dvb::notice::encodeBody(body, &error);
  if (!bytes) return r.fail(n, error);
  ObjectInput in;
  in.header.type = dvb::notice::objectTypeOf(static_cast<const T*>(nullptr));
  in.header.object_id = object_id;
  in.header.revision = revision;
  in.body = std::move(*bytes);
  in.where = r.where(n);
  out->push_back(std::move(in));
}

}  // namespace tools::notice
