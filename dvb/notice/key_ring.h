#pragma once
// The box's trust store. Root keys come with the firmware or configuration
// and sign only key lists; signing keys, which a verified key list installs,
// sign notices and every other object. A revoked key id is never trusted
// again, in either role, whatever is added later: revocation is one-way, so
// a replayed old key list cannot bring a compromised key back.
#include <cstddef>
#include <cstdint>
#include <set>
#include <vector>

#include "dvb/notice/signature.h"

namespace dvb::notice {

enum class KeyRole : uint8_t { Root = 1, Signing = 2 };

class KeyRing {
 public:
  // Adding a key whose id is already in that role replaces it; adding a
  // revoked id does nothing. One key may hold both roles if the operator
  // lists a root key as a signing key too; each role is looked up apart.
  void addRoot(PublicKey key);
  void addSigning(PublicKey key);
  // Removes the id from both roles and remembers it for good.
  void revoke(const KeyId& id);
  bool isRevoked(const KeyId& id) const { return revoked_.count(id) != 0; }

  enum class Lookup { kFound, kUnknown, kRevoked, kWrongRole };
  // The key that may verify an object of `role` (Root for key lists,
  // Signing for the rest). Revocation is checked first, then the role, so a
  // root key never verifies a notice unless it is also a signing key. On
  // kFound *key points into the ring (valid until the ring next changes);
  // otherwise it is set to nullptr. `key` may be null.
  Lookup find(const KeyId& id, KeyRole role, const PublicKey** key) const;

  // Replaces the signing keys with `keys` (from a verified key list): keys
  // not in it are dropped; revoked ids are skipped; of duplicate ids the
  // first is kept. Root keys are untouched.
  void replaceSigning(std::vector<PublicKey> keys);

  std::vector<KeyId> revoked() const { return {revoked_.begin(), revoked_.end()}; }  // sorted
  size_t signingCount() const { return signing_.size(); }
  size_t rootCount() const { return roots_.size(); }

  // Bumps whenever a key is added, replaced, dropped or revoked (not when a
  // key list repeats what the ring holds): what was refused for a key the
  // ring lacked is worth checking again only then.
  uint64_t generation() const { return generation_; }

 private:
  static const PublicKey* findIn(const std::vector<PublicKey>& keys, const KeyId& id);
  void put(std::vector<PublicKey>* keys, PublicKey key);

  std::vector<PublicKey> roots_;
  std::vector<PublicKey> signing_;
  std::set<KeyId> revoked_;
  uint64_t generation_ = 0;
};

}  // namespace dvb::notice
