#include "dvb/notice/object_verifier.h"

namespace dvb::notice {
namespace {

template <typename T>
std::optional<ObjectBody> decodeAs(const std::vector<uint8_t>& body, std::string* error) {
  T value;
  if (!decodeBody(body, &value, error)) return std::nullopt;
  return ObjectBody(std::move(value));
}

std::optional<ObjectBody> decodeObjectBody(const SignedObject& o, std::string* error) {
  switch (o.type) {
    case ObjectType::kNotice:
      return decodeAs<Notice>(o.body, error);
    case ObjectType::kFeeBatch:
      return decodeAs<FeeBatch>(o.body, error);
    case ObjectType::kDirectory:
      return decodeAs<Directory>(o.body, error);
    case ObjectType::kWorkCalendar:
      return decodeAs<WorkCalendar>(o.body, error);
    case ObjectType::kKeyList:
      return decodeAs<KeyList>(o.body, error);
  }
  if (error) *error = "unknown object type";
  return std::nullopt;
}

// Bindings the signature cannot express by itself: a fee batch's bucket and a
// calendar's year are its object id; the key list is object 0.
bool bodyMatchesHeader(const SignedObject& o, const ObjectBody& body) {
  if (const auto* batch = std::get_if<FeeBatch>(&body)) return batch->bucket == o.object_id;
  if (const auto* calendar = std::get_if<WorkCalendar>(&body)) return calendar->year == o.object_id;
  if (std::holds_alternative<KeyList>(body)) return o.object_id == 0;
  return true;
}

}  // namespace

const char* rejectionName(Rejection r) {
  switch (r) {
    case Rejection::kMalformed:
      return "malformed";
    case Rejection::kUnknownKey:
      return "unknown_key";
    case Rejection::kRevokedKey:
      return "revoked_key";
    case Rejection::kWrongKeyRole:
      return "wrong_key_role";
    case Rejection::kBadSignature:
      return "bad_signature";
    case Rejection::kReplayed:
      return "replayed";
    case Rejection::kBadBody:
      return "bad_body";
  }
  return "unknown";
}

bool curableByKeyList(Rejection r, ObjectType type) {
  if (type == ObjectType::kKeyList) return false;
  return r == Rejection::kUnknownKey || r == Rejection::kWrongKeyRole;
}

std::optional<VerifiedObject> ObjectVerifier::reject(Rejection r, const std::string& detail,
                                                     std::string* why, Rejection* reason) {
  ++rejections_[r];
  if (reason) *reason = r;
  if (why) *why = std::string(rejectionName(r)) + ": " + detail;
  return std::nullopt;
}

std::optional<VerifiedObject> ObjectVerifier::verify(const std::vector<Section>& sections,
                                                     std::string* why, Rejection* reason,
                                                     std::optional<SignedObject>* refused) {
  if (refused) refused->reset();
  std::string error;
  auto object = SignedObject::fromSections(sections, &error);
  if (!object) return reject(Rejection::kMalformed, error, why, reason);
  auto verified = verify(*object, why, reason);
  if (!verified && refused) *refused = std::move(*object);
  return verified;
}

std::optional<VerifiedObject> ObjectVerifier::verify(const SignedObject& o, std::string* why,
                                                     Rejection* reason) {
  // 1. The key: known, not revoked, and of the role this object needs.
  const KeyRole role = o.type == ObjectType::kKeyList ? KeyRole::Root : KeyRole::Signing;
  const PublicKey* key = nullptr;
  switch (keys_.find(o.key_id, role, &key)) {
    case KeyRing::Lookup::kFound:
      break;
    case KeyRing::Lookup::kUnknown:
      return reject(Rejection::kUnknownKey, keyIdHex(o.key_id), why, reason);
    case KeyRing::Lookup::kRevoked:
      return reject(Rejection::kRevokedKey, keyIdHex(o.key_id), why, reason);
    case KeyRing::Lookup::kWrongRole:
      return reject(Rejection::kWrongKeyRole, keyIdHex(o.key_id), why, reason);
  }
  if (static_cast<uint8_t>(key->algorithm()) != o.algorithm)
    return reject(Rejection::kBadSignature, "algorithm does not match the key", why, reason);

  // 2. The signature, over every meaningful byte; nothing inside is trusted before.
  const std::vector<uint8_t> signed_bytes = o.signedBytes();
  if (!key->verify(signed_bytes.data(), signed_bytes.size(), o.signature.data(),
                   o.signature.size()))
    return reject(Rejection::kBadSignature,
                  std::string(objectTypeName(o.type)) + " " + std::to_string(o.object_id), why,
                  reason);

  // 3. Replay: an older revision than one accepted is refused.
  const auto key_of_object = std::make_pair(static_cast<uint8_t>(o.type), o.object_id);
  const auto seen = accepted_.find(key_of_object);
  if (seen != accepted_.end() && o.revision < seen->second)
    return reject(
        Rejection::kReplayed,
        "revision " + std::to_string(o.revision) + " after " + std::to_string(seen->second), why,
        reason);

  // 4. The body, now that it is known to come from the operator.
  std::string error;
  auto body = decodeObjectBody(o, &error);
  if (!body) return reject(Rejection::kBadBody, error, why, reason);
  if (!bodyMatchesHeader(o, *body))
    return reject(Rejection::kBadBody, "body does not match object_id", why, reason);

  if (const auto* list = std::get_if<KeyList>(&*body)) {
    // A list that revoked its own root would leave the box unable to take the next one.
    for (const auto& id : list->revoked)
      if (id == o.key_id)
        return reject(Rejection::kBadBody, "a key list may not revoke the key that signs it", why,
                      reason);
    std::vector<PublicKey> signing;
    for (const KeyListEntry& entry : list->signing_keys) {
      auto pk =
          PublicKey::fromDer(entry.public_key_der.data(), entry.public_key_der.size(), &error);
      if (!pk || pk->id() != entry.key_id)
        return reject(Rejection::kBadBody, "key list entry does not match its key id", why, reason);
      signing.push_back(std::move(*pk));
    }
    for (const auto& id : list->revoked) keys_.revoke(id);
    keys_.replaceSigning(std::move(signing));
  }

  accepted_[key_of_object] = o.revision;
  ++accepted_count_;
  return VerifiedObject{o, std::move(*body)};
}

void ObjectVerifier::restoreRevision(ObjectType type, uint32_t object_id, uint32_t revision) {
  uint32_t& r = accepted_[{static_cast<uint8_t>(type), object_id}];
  if (revision > r) r = revision;
}

uint64_t ObjectVerifier::rejected(Rejection r) const {
  const auto it = rejections_.find(r);
  return it == rejections_.end() ? 0 : it->second;
}

}  // namespace dvb::notice
