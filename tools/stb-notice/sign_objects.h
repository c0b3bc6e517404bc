#pragma once
// Signing every input object, and cutting the result into sections.
#include <optional>
#include <string>
#include <vector>

#include "dvb/notice/object_signer.h"
#include "dvb/section.h"
#include "tools/stb-notice/input.h"

namespace tools::notice {

struct SignedInput {
  dvb::notice::SignedObject object;
  std::vector<dvb::Section> sections;
  std::string where;  // the input it came from
};

// Key lists are signed with `root_key` when given (they must carry a root
// key's signature), everything else with `key`. Fails, naming the input, when
// an object does not fit its 16 sections.
std::optional<std::vector<SignedInput>> signInputs(const std::vector<ObjectInput>& inputs,
                                                   const dvb::notice::PrivateKey& key,
                                                   const dvb::notice::PrivateKey* root_key,
                                                   dvb::UtcSeconds issued, std::string* error);

// Every section of every object, in order.
std::vector<dvb::Section> allSections(const std::vector<SignedInput>& objects);

}  // namespace tools::notice
