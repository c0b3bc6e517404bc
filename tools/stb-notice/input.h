#pragma once
// The input files of `stb-notice build` (docs/notice.schema.json) -> objects
// ready to sign. All files are read and checked before anything is signed or
// written; every problem is listed, each naming its file and JSON path.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dvb/notice/object_signer.h"
#include "tools/common/json_reader.h"

namespace tools::notice {

struct ObjectInput {
  dvb::notice::ObjectHeader header;  // type, object_id, revision; issued is set when signing
  std::vector<uint8_t> body;         // encoded with dvb::notice::encodeBody
  std::string where;                 // "notices.json: $.notices[2]"
};

// Objects in a fixed order: key lists first (a box that reads the carousel
// in order learns new keys before the objects they sign), then notices,
// directories, calendars and fee batches, each in input order.
std::optional<std::vector<ObjectInput>> readInputs(const std::vector<std::string>& files,
                                                   std::vector<std::string>* problems);

// The same for a document already in memory (tests); `file` names it in messages.
std::optional<std::vector<ObjectInput>> readInputText(const std::string& file,
                                                      const std::string& text,
                                                      std::vector<std::string>* problems);

// One notice as `build` checks each of $.notices (stb-headend's console
// asks with its form): the object ready to sign, or nullopt with every
// problem at its path within NOTICE ("$.texts[1].title").
std::optional<ObjectInput> checkNotice(const nlohmann::json& notice,
                                       std::vector<FieldProblem>* problems);

}  // namespace tools::notice
