#include "tools/stb-notice/sign_objects.h"

namespace tools::notice {

std::optional<std::vector<SignedInput>> signInputs(const std::vector<ObjectInput>& inputs,
                                                   const dvb::notice::PrivateKey& key,
                                                   const dvb::notice::PrivateKey* root_key,
                                                   dvb::UtcSeconds issued, std::string* error) {
  std::vector<SignedInput> out;
  for (const ObjectInput& in : inputs) {
    dvb::notice::ObjectHeader header = in.header;
    header.issued = issued;
    const bool root = header.type == dvb::notice::ObjectType::kKeyList && root_key;
    std::string why;
    auto object = dvb::notice::signObject(header, in.body, root ? *root_key : key, &why);
    auto sections = object ? object->toSections(&why) : std::nullopt;
    if (!sections) {
      *error = in.where + ": " + why;
      return std::nullopt;
    }
    out.push_back({std::move(*object), std::move(*sections), in.where});
  }
  return out;
}

std::vector<dvb::Section> allSections(const std::vector<SignedInput>& objects) {
  std::vector<dvb::Section> sections;
  for (const SignedInput& o : objects)
    sections.insert(sections.end(), o.sections.begin(), o.sections.end());
  return sections;
}

}  // namespace tools::notice
