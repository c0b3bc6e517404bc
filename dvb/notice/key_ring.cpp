#include "dvb/notice/key_ring.h"

#include <algorithm>

namespace dvb::notice {

const PublicKey* KeyRing::findIn(const std::vector<PublicKey>& keys, const KeyId& id) {
  for (const PublicKey& key : keys) {
    if (key.id() == id) return &key;
  }
  return nullptr;
}

void KeyRing::put(std::vector<PublicKey>* keys, PublicKey key) {
  if (isRevoked(key.id())) return;
  ++generation_;
  for (PublicKey& existing : *keys) {
    if (existing.id() == key.id()) {
      existing = std::move(key);
      return;
    }
  }
  keys->push_back(std::move(key));
}

void KeyRing::addRoot(PublicKey key) {
  put(&roots_, std::move(key));
}

void KeyRing::addSigning(PublicKey key) {
  put(&signing_, std::move(key));
}

void KeyRing::revoke(const KeyId& id) {
  if (!revoked_.insert(id).second) return;  // revoked already: nothing changes
  ++generation_;
  auto has_id = [&id](const PublicKey& key) { return key.id() == id; };
  roots_.erase(std::remove_if(roots_.begin(), roots_.end(), has_id), roots_.end());
  signing_.erase(std::remove_if(signing_.begin(), signing_.end(), has_id), signing_.end());
}

KeyRing::Lookup KeyRing::find(const KeyId& id, KeyRole role, const PublicKey** key) const {
  if (key) *key = nullptr;
  if (isRevoked(id)) return Lookup::kRevoked;
  if (role != KeyRole::Root && role != KeyRole::Signing) return Lookup::kUnknown;
  const bool root = role == KeyRole::Root;
  const PublicKey* found = findIn(root ? roots_ : signing_, id);
  if (found) {
    if (key) *key = found;
    return Lookup::kFound;
  }
  return findIn(root ? signing_ : roots_, id) ? Lookup::kWrongRole : Lookup::kUnknown;
}

void KeyRing::replaceSigning(std::vector<PublicKey> keys) {
  std::vector<PublicKey> next;
  for (PublicKey& key : keys) {
    if (isRevoked(key.id()) || findIn(next, key.id())) continue;
    next.push_back(std::move(key));
  }
  // A key id is a hash of the key, so equal ids in equal order are the same ring.
  const bool same =
      std::equal(next.begin(), next.end(), signing_.begin(), signing_.end(),
                 [](const PublicKey& a, const PublicKey& b) { return a.id() == b.id(); });
  signing_ = std::move(next);
  if (!same) ++generation_;
}

}  // namespace dvb::notice
