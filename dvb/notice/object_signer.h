#pragma once
// The headend side: body + header -> a signed object ready for toSections().
#include <optional>
#include <string>
#include <vector>

#include "dvb/notice/signature.h"
#include "dvb/notice/signed_object.h"

namespace dvb::notice {

struct ObjectHeader {
  ObjectType type = ObjectType::kNotice;
  uint32_t object_id = 0;
  uint32_t revision = 1;
  UtcSeconds issued = 0;
};

// Signs with `key` (its id goes into the object). Fails, with *error, when the
// body is over the size limit or the object would not fit its sections.
std::optional<SignedObject> signObject(const ObjectHeader& header, std::vector<uint8_t> body,
                                       const PrivateKey& key, std::string* error);

}  // namespace dvb::notice
