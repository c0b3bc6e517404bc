#pragma once
// The operator's current signing keys and revoked key ids: the body of a
// signed object on table_id 0xC4, signed by a root key (docs/protocol.md,
// "Keys, rotation and revocation").
#include <array>
#include <cstdint>
#include <vector>

namespace dvb::notice {

struct KeyListEntry {
  std::array<uint8_t, 8> key_id{};
  std::vector<uint8_t> public_key_der;  // SubjectPublicKeyInfo, Ed25519 or P-256
};

struct KeyList {
  std::vector<KeyListEntry> signing_keys;
  std::vector<std::array<uint8_t, 8>> revoked;
};

}  // namespace dvb::notice
