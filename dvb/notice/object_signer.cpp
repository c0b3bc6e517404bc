#include "dvb/notice/object_signer.h"

#include "dvb/notice/limits.h"

namespace dvb::notice {

std::optional<SignedObject> signObject(const ObjectHeader& header, std::vector<uint8_t> body,
                                       const PrivateKey& key, std::string* error) {
  if (body.size() > limits::kMaxBodySize) {
    if (error)
      *error = "body of " + std::to_string(body.size()) + " bytes; the limit is " +
               std::to_string(limits::kMaxBodySize);
    return std::nullopt;
  }
  SignedObject o;
  o.type = header.type;
  o.object_id = header.object_id;
  o.revision = header.revision;
  o.issued = header.issued;
  o.body = std::move(body);
  o.key_id = key.publicKey().id();
  o.algorithm = static_cast<uint8_t>(key.algorithm());
  const std::vector<uint8_t> signed_bytes = o.signedBytes();
  o.signature = key.sign(signed_bytes.data(), signed_bytes.size());
  if (!o.toSections(error)) return std::nullopt;  // too big for its sections
  return o;
}

}  // namespace dvb::notice
