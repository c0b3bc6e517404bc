#pragma once
// The box side: a gathered table on one of the protocol's table_ids -> a
// verified object, or a counted rejection. Order matters: the envelope is
// parsed only far enough to find the key and the signed bytes; the body is
// decoded only after the signature checks (docs/protocol.md, "Verification").
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "dvb/notice/body_codec.h"
#include "dvb/notice/key_ring.h"
#include "dvb/notice/signed_object.h"

namespace dvb::notice {

enum class Rejection {
  kMalformed,     // envelope or sections do not parse, binding to table_id_extension/version wrong
  kUnknownKey,    // key_id not in the key ring
  kRevokedKey,    // key_id revoked
  kWrongKeyRole,  // a key list not signed by a root key, or an object signed by a root key
  kBadSignature,  // signature does not verify
  kReplayed,      // revision older than one already accepted for this object
  kBadBody,       // signed, but the body breaks the layout or a limit
};
const char* rejectionName(Rejection r);  // "malformed", "unknown_key", ...
// True when a key list the box has not applied yet could cure the refusal:
// the object's key may be listed (or listed as a signing key) by the next
// one. Never for a key list itself: only root keys sign those, and the
// stream cannot add a root key. A revoked key is never cured.
bool curableByKeyList(Rejection r, ObjectType type);

using ObjectBody = std::variant<Notice, FeeBatch, Directory, WorkCalendar, KeyList>;

struct VerifiedObject {
  SignedObject envelope;
  ObjectBody body;
};

class ObjectVerifier {
 public:
  explicit ObjectVerifier(KeyRing& keys) : keys_(keys) {}

  // A verified key list is applied to the key ring here (rotation and
  // revocation) before it is returned. A revision equal to the last accepted
  // one is returned again (a restart, a re-sent carousel) and not counted.
  // On a refusal *reason (when given) says which, and *refused (when given)
  // holds the object if its envelope parsed: enough to name it in a log
  // line, or to keep it for a key list, without parsing the sections again.
  std::optional<VerifiedObject> verify(const std::vector<Section>& sections, std::string* why,
                                       Rejection* reason = nullptr,
                                       std::optional<SignedObject>* refused = nullptr);
  // The same for an object already joined (e.g. read back from storage).
  std::optional<VerifiedObject> verify(const SignedObject& object, std::string* why,
                                       Rejection* reason = nullptr);

  // Highest accepted revision per (type, object_id), for persistence.
  const std::map<std::pair<uint8_t, uint32_t>, uint32_t>& acceptedRevisions() const {
    return accepted_;
  }
  void restoreRevision(ObjectType type, uint32_t object_id, uint32_t revision);

  uint64_t rejected(Rejection r) const;
  uint64_t accepted() const { return accepted_count_; }

 private:
  std::optional<VerifiedObject> reject(Rejection r, const std::string& detail, std::string* why,
                                       Rejection* reason);

  KeyRing& keys_;
  std::map<std::pair<uint8_t, uint32_t>, uint32_t> accepted_;
  std::map<Rejection, uint64_t> rejections_;
  uint64_t accepted_count_ = 0;
};

}  // namespace dvb::notice
