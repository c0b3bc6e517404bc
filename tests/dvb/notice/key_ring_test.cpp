#include "dvb/notice/key_ring.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace dvb::notice {
namespace {

// A few real keys; the ring only looks at ids, but real keys keep the test
// honest about what it stores.
class KeyRingTest : public testing::Test {
 protected:
  void SetUp() override {
    for (int i = 0; i < 4; ++i) {
      std::string error;
      auto key = PrivateKey::generate(
          i % 2 ? SignatureAlgorithm::EcdsaP256Sha256 : SignatureAlgorithm::Ed25519, &error);
      ASSERT_TRUE(key) << error;
      keys_.push_back(std::move(*key));
    }
  }
  PublicKey pub(size_t i) const { return keys_[i].publicKey(); }
  const KeyId& id(size_t i) const { return keys_[i].id(); }

  std::vector<PrivateKey> keys_;
};

using Lookup = KeyRing::Lookup;

TEST_F(KeyRingTest, RootAndSigningRolesAreKeptApart) {
  KeyRing ring;
  ring.addRoot(pub(0));
  ring.addSigning(pub(1));
  EXPECT_EQ(ring.rootCount(), 1u);
  EXPECT_EQ(ring.signingCount(), 1u);

  const PublicKey* key = nullptr;
  EXPECT_EQ(ring.find(id(0), KeyRole::Root, &key), Lookup::kFound);
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(key->id(), id(0));
  EXPECT_EQ(ring.find(id(1), KeyRole::Signing, &key), Lookup::kFound);
  ASSERT_NE(key, nullptr);
  EXPECT_EQ(key->id(), id(1));

  // A root key never verifies a notice; a signing key never verifies a key list.
  EXPECT_EQ(ring.find(id(0), KeyRole::Signing, &key), Lookup::kWrongRole);
  EXPECT_EQ(key, nullptr);
  EXPECT_EQ(ring.find(id(1), KeyRole::Root, &key), Lookup::kWrongRole);
  EXPECT_EQ(key, nullptr);
}

TEST_F(KeyRingTest, UnknownIdsAreUnknown) {
  KeyRing ring;
  const PublicKey* key = nullptr;
  EXPECT_EQ(ring.find(id(2), KeyRole::Signing, &key), Lookup::kUnknown);
  ring.addRoot(pub(0));
  ring.addSigning(pub(1));
  EXPECT_EQ(ring.find(id(2), KeyRole::Signing, &key), Lookup::kUnknown);
  EXPECT_EQ(ring.find(id(2), KeyRole::Root, &key), Lookup::kUnknown);
  EXPECT_EQ(key, nullptr);
  EXPECT_EQ(ring.find(KeyId{}, KeyRole::Signing, nullptr), Lookup::kUnknown);
  EXPECT_EQ(ring.find(id(1), static_cast<KeyRole>(0), nullptr), Lookup::kUnknown);
}

TEST_F(KeyRingTest, FindSetsTheOutParameterOnlyWhenFound) {
  KeyRing ring;
  ring.addSigning(pub(1));
  EXPECT_EQ(ring.find(id(1), KeyRole::Signing, nullptr), Lookup::kFound);
  const PublicKey* key = nullptr;
  ASSERT_EQ(ring.find(id(1), KeyRole::Signing, &key), Lookup::kFound);
  // Reset on every miss, so a stale pointer is never used by mistake.
  EXPECT_EQ(ring.find(id(3), KeyRole::Signing, &key), Lookup::kUnknown);
  EXPECT_EQ(key, nullptr);
}

TEST_F(KeyRingTest, FoundKeyVerifiesTheOwnersSignature) {
  KeyRing ring;
  ring.addSigning(pub(1));
  const std::vector<uint8_t> message = {'n', 'o', 't', 'i', 'c', 'e'};
  const auto signature = keys_[1].sign(message.data(), message.size());
  const PublicKey* key = nullptr;
  ASSERT_EQ(ring.find(keys_[1].id(), KeyRole::Signing, &key), Lookup::kFound);
  EXPECT_TRUE(key->verify(message.data(), message.size(), signature.data(), signature.size()));
}

TEST_F(KeyRingTest, RevokeRemovesFromBothRolesAndIsRemembered) {
  KeyRing ring;
  ring.addRoot(pub(0));
  ring.addSigning(pub(1));
  ring.revoke(id(1));
  EXPECT_TRUE(ring.isRevoked(id(1)));
  EXPECT_EQ(ring.signingCount(), 0u);
  EXPECT_EQ(ring.find(id(1), KeyRole::Signing, nullptr), Lookup::kRevoked);
  EXPECT_EQ(ring.find(id(1), KeyRole::Root, nullptr), Lookup::kRevoked);

  ring.revoke(id(0));  // a root key too, whatever its role
  EXPECT_EQ(ring.rootCount(), 0u);
  EXPECT_EQ(ring.find(id(0), KeyRole::Root, nullptr), Lookup::kRevoked);

  ring.revoke(id(3));  // never seen: still remembered
  EXPECT_TRUE(ring.isRevoked(id(3)));
  EXPECT_FALSE(ring.isRevoked(id(2)));

  std::vector<KeyId> expected = {id(0), id(1), id(3)};
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(ring.revoked(), expected);
  ring.revoke(id(1));  // twice is once
  EXPECT_EQ(ring.revoked().size(), 3u);
}

TEST_F(KeyRingTest, RevocationWinsOverLaterAdds) {
  KeyRing ring;
  ring.revoke(id(1));
  ring.revoke(id(0));
  ring.addSigning(pub(1));
  ring.addRoot(pub(0));
  ring.addRoot(pub(1));
  EXPECT_EQ(ring.signingCount(), 0u);
  EXPECT_EQ(ring.rootCount(), 0u);
  EXPECT_EQ(ring.find(id(1), KeyRole::Signing, nullptr), Lookup::kRevoked);
  EXPECT_EQ(ring.find(id(0), KeyRole::Root, nullptr), Lookup::kRevoked);
}

TEST_F(KeyRingTest, RevocationWinsOverReplaceSigning) {
  KeyRing ring;
  ring.revoke(id(1));
  std::vector<PublicKey> list;
  list.push_back(pub(1));
  list.push_back(pub(2));
  ring.replaceSigning(std::move(list));
  EXPECT_EQ(ring.signingCount(), 1u);
  EXPECT_EQ(ring.find(id(1), KeyRole::Signing, nullptr), Lookup::kRevoked);
  EXPECT_EQ(ring.find(id(2), KeyRole::Signing, nullptr), Lookup::kFound);
}

TEST_F(KeyRingTest, ReplaceSigningDropsKeysNotListedAndKeepsRoots) {
  KeyRing ring;
  ring.addRoot(pub(0));
  ring.addSigning(pub(1));
  ring.addSigning(pub(2));
  std::vector<PublicKey> list;
  list.push_back(pub(2));
  list.push_back(pub(3));
  list.push_back(pub(3));  // a duplicate counts once
  ring.replaceSigning(std::move(list));
  EXPECT_EQ(ring.signingCount(), 2u);
  EXPECT_EQ(ring.find(id(1), KeyRole::Signing, nullptr), Lookup::kUnknown);
  EXPECT_FALSE(ring.isRevoked(id(1))) << "dropped is not revoked";
  EXPECT_EQ(ring.find(id(2), KeyRole::Signing, nullptr), Lookup::kFound);
  EXPECT_EQ(ring.find(id(3), KeyRole::Signing, nullptr), Lookup::kFound);
  EXPECT_EQ(ring.rootCount(), 1u);
  EXPECT_EQ(ring.find(id(0), KeyRole::Root, nullptr), Lookup::kFound);

  ring.replaceSigning({});
  EXPECT_EQ(ring.signingCount(), 0u);
  EXPECT_EQ(ring.rootCount(), 1u);
}

TEST_F(KeyRingTest, AddingAnIdTwiceKeepsOneKey) {
  KeyRing ring;
  ring.addSigning(pub(1));
  ring.addSigning(pub(1));
  ring.addRoot(pub(0));
  ring.addRoot(pub(0));
  EXPECT_EQ(ring.signingCount(), 1u);
  EXPECT_EQ(ring.rootCount(), 1u);
}

// What intake retries on: every real change bumps, a repeated list does not.
TEST_F(KeyRingTest, TheGenerationMovesOnlyWhenTheKeysChange) {
  KeyRing ring;
  uint64_t g = ring.generation();
  ring.addRoot(pub(0));
  EXPECT_GT(ring.generation(), g);
  g = ring.generation();
  std::vector<PublicKey> list;
  list.push_back(pub(1));
  list.push_back(pub(2));
  ring.replaceSigning(std::move(list));
  EXPECT_GT(ring.generation(), g);
  g = ring.generation();
  list.clear();
  list.push_back(pub(1));
  list.push_back(pub(2));
  ring.replaceSigning(std::move(list));  // the same list again
  EXPECT_EQ(ring.generation(), g);
  ring.revoke(id(2));
  EXPECT_GT(ring.generation(), g);
  g = ring.generation();
  ring.revoke(id(2));       // already revoked
  ring.addSigning(pub(2));  // refused: revoked
  EXPECT_EQ(ring.generation(), g);
}

TEST_F(KeyRingTest, OneKeyMayHoldBothRoles) {
  KeyRing ring;
  ring.addRoot(pub(0));
  ring.addSigning(pub(0));
  EXPECT_EQ(ring.find(id(0), KeyRole::Root, nullptr), Lookup::kFound);
  EXPECT_EQ(ring.find(id(0), KeyRole::Signing, nullptr), Lookup::kFound);
  ring.revoke(id(0));
  EXPECT_EQ(ring.rootCount(), 0u);
  EXPECT_EQ(ring.signingCount(), 0u);
}

}  // namespace
}  // namespace dvb::notice
