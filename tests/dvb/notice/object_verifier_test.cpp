// Signed objects end to end: sections on air -> verified object, and every
// way a forged, damaged, stale or mis-keyed object is refused and counted.
#include <gtest/gtest.h>

#include "dvb/crc32.h"
#include "dvb/notice/limits.h"
#include "dvb/notice/object_verifier.h"
#include "tests/dvb/notice/notice_test_util.h"

namespace dvb::notice {
namespace {

using testing_util::maintenanceNotice;
using testing_util::newKey;
using testing_util::sectionsOf;
using testing_util::sign;

class Verifier : public ::testing::Test {
 protected:
  Verifier() : key_(newKey()), root_(newKey()) {
    ring_.addSigning(key_.publicKey());
    ring_.addRoot(root_.publicKey());
  }
  PrivateKey key_, root_;
  KeyRing ring_;
  ObjectVerifier verifier_{ring_};
};

// A section with one byte changed and its CRC_32 recomputed, as a forger would.
Section tamper(const Section& s, size_t at) {
  std::vector<uint8_t> bytes = s.bytes();
  bytes[at] ^= 0x01;
  const uint32_t crc = crc32Mpeg2(bytes.data(), bytes.size() - 4);
  for (int i = 0; i < 4; ++i)
    bytes[bytes.size() - 4 + i] = static_cast<uint8_t>(crc >> (24 - 8 * i));
  std::string error;
  return *Section::fromBytes(std::move(bytes), &error);
}

TEST_F(Verifier, AcceptsASignedNoticeAndDecodesItsBody) {
  const auto sections = sectionsOf(sign(maintenanceNotice(), 1001, 2, key_));
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(sections[0].tableId(), 0xC0);
  EXPECT_EQ(sections[0].extension(), 1001);
  EXPECT_EQ(sections[0].version(), 2);
  std::string why;
  const auto v = verifier_.verify(sections, &why);
  ASSERT_TRUE(v) << why;
  const Notice& n = std::get<Notice>(v->body);
  EXPECT_EQ(n.texts[0].title.utf8, "线路维护");
  EXPECT_EQ(v->envelope.revision, 2u);
  EXPECT_EQ(verifier_.accepted(), 1u);
}

TEST_F(Verifier, EcdsaP256KeysWorkToo) {
  PrivateKey ec = newKey(SignatureAlgorithm::EcdsaP256Sha256);
  ring_.addSigning(ec.publicKey());
  std::string why;
  EXPECT_TRUE(verifier_.verify(sectionsOf(sign(maintenanceNotice(), 7, 1, ec)), &why)) << why;
}

TEST_F(Verifier, AnySingleByteChangeIsRejected) {
  const auto sections = sectionsOf(sign(maintenanceNotice(), 1001, 2, key_));
  const Section& s = sections[0];
  // Every byte after the section header, except the CRC we recompute.
  for (size_t at = 3; at + 4 < s.bytes().size(); ++at) {
    ObjectVerifier fresh(ring_);
    std::string why;
    EXPECT_FALSE(fresh.verify({tamper(s, at)}, &why)) << "byte " << at << " accepted";
  }
}

TEST_F(Verifier, MultiSectionNoticeSurvivesAndAnySectionTamperIsCaught) {
  Notice n = maintenanceNotice();
  n.targeting.smartcard_ids.clear();
  for (int i = 0; i < 1000; ++i)
    n.targeting.smartcard_ids.push_back("86100" + std::to_string(10000000 + i));
  const auto sections = sectionsOf(sign(n, 77, 1, key_));
  ASSERT_GE(sections.size(), 4u);
  for (const auto& s : sections) EXPECT_LE(s.bytes().size(), limits::kMaxSectionSize);
  std::string why;
  const auto v = verifier_.verify(sections, &why);
  ASSERT_TRUE(v) << why;
  EXPECT_EQ(std::get<Notice>(v->body).targeting.smartcard_ids.size(), 1000u);
  auto damaged = sections;
  damaged[2] = tamper(sections[2], 500);
  ObjectVerifier fresh(ring_);
  EXPECT_FALSE(fresh.verify(damaged, &why));
  EXPECT_EQ(fresh.rejected(Rejection::kBadSignature), 1u) << why;
}

TEST_F(Verifier, UnknownKeyIsRejectedAndCounted) {
  PrivateKey stranger = newKey();
  std::string why;
  EXPECT_FALSE(verifier_.verify(sectionsOf(sign(maintenanceNotice(), 1, 1, stranger)), &why));
  EXPECT_EQ(verifier_.rejected(Rejection::kUnknownKey), 1u);
  EXPECT_EQ(why.rfind("unknown_key", 0), 0u) << why;
}

TEST_F(Verifier, ARefusalHandsBackTheEnvelopeItParsed) {
  std::string why;
  Rejection reason{};
  std::optional<SignedObject> refused;
  const auto sections = sectionsOf(sign(maintenanceNotice(), 1001, 3, newKey()));
  EXPECT_FALSE(verifier_.verify(sections, &why, &reason, &refused));
  EXPECT_EQ(reason, Rejection::kUnknownKey);
  ASSERT_TRUE(refused);
  EXPECT_EQ(refused->type, ObjectType::kNotice);
  EXPECT_EQ(refused->object_id, 1001u);
  EXPECT_EQ(refused->revision, 3u);

  // No envelope to hand back: the sections do not join into one.
  const std::vector<uint8_t> message(sections[0].payload(),
                                     sections[0].payload() + sections[0].payloadSize());
  const auto moved = Section::makeLong(0xC0, 1002, 3, 0, 0, message, true);
  EXPECT_FALSE(verifier_.verify({moved}, &why, &reason, &refused));
  EXPECT_EQ(reason, Rejection::kMalformed);
  EXPECT_FALSE(refused);
  EXPECT_EQ(verifier_.rejected(Rejection::kMalformed), 1u);

  // Accepted: the envelope is in the verified object.
  EXPECT_TRUE(
      verifier_.verify(sectionsOf(sign(maintenanceNotice(), 7, 1, key_)), &why, &reason, &refused));
  EXPECT_FALSE(refused);
}

TEST_F(Verifier, RevokedKeyIsRejected) {
  ring_.revoke(key_.publicKey().id());
  std::string why;
  EXPECT_FALSE(verifier_.verify(sectionsOf(sign(maintenanceNotice(), 1, 1, key_)), &why));
  EXPECT_EQ(verifier_.rejected(Rejection::kRevokedKey), 1u) << why;
}

TEST_F(Verifier, OlderRevisionIsAReplay) {
  std::string why;
  ASSERT_TRUE(verifier_.verify(sectionsOf(sign(maintenanceNotice(), 5, 3, key_)), &why)) << why;
  EXPECT_TRUE(verifier_.verify(sectionsOf(sign(maintenanceNotice(), 5, 3, key_)), &why));
  EXPECT_FALSE(verifier_.verify(sectionsOf(sign(maintenanceNotice(), 5, 2, key_)), &why));
  EXPECT_EQ(verifier_.rejected(Rejection::kReplayed), 1u) << why;
  EXPECT_TRUE(verifier_.verify(sectionsOf(sign(maintenanceNotice(), 5, 4, key_)), &why)) << why;
}

TEST_F(Verifier, TruncatedOrOversizedSectionsAreMalformed) {
  const auto sections = sectionsOf(sign(maintenanceNotice(), 9, 1, key_));
  // Cut the message short: rebuild the section with 10 fewer payload bytes.
  const Section& s = sections[0];
  std::vector<uint8_t> payload(s.payload(), s.payload() + s.payloadSize() - 10);
  const Section cut = Section::makeLong(0xC0, 9, 1, 0, 0, payload, true);
  std::string why;
  EXPECT_FALSE(verifier_.verify({cut}, &why));
  EXPECT_EQ(verifier_.rejected(Rejection::kMalformed), 1u) << why;

  std::vector<uint8_t> big(limits::kMaxSectionSize, 0xAB);  // payload alone fills 4096
  const Section oversized = Section::makeLong(0xC0, 9, 1, 0, 0, big, true);
  EXPECT_FALSE(verifier_.verify({oversized}, &why));
  EXPECT_EQ(verifier_.rejected(Rejection::kMalformed), 2u) << why;
}

TEST_F(Verifier, SectionsMovedToAnotherObjectAreRefused) {
  const auto sections = sectionsOf(sign(maintenanceNotice(), 1001, 2, key_));
  const Section& s = sections[0];
  std::vector<uint8_t> payload(s.payload(), s.payload() + s.payloadSize());
  std::string why;
  EXPECT_FALSE(verifier_.verify({Section::makeLong(0xC0, 1002, 2, 0, 0, payload, true)}, &why));
  EXPECT_NE(why.find("table_id_extension"), std::string::npos) << why;
  EXPECT_FALSE(verifier_.verify({Section::makeLong(0xC0, 1001, 3, 0, 0, payload, true)}, &why));
  // Another table_id changes the signed bytes: the signature fails.
  EXPECT_FALSE(verifier_.verify({Section::makeLong(0xC2, 1001, 2, 0, 0, payload, true)}, &why));
}

TEST_F(Verifier, KeyListRotatesAndRevokesSigningKeys) {
  PrivateKey next = newKey(SignatureAlgorithm::EcdsaP256Sha256);
  KeyList list;
  list.signing_keys.push_back({next.publicKey().id(), next.publicKey().der()});
  list.revoked.push_back(key_.publicKey().id());
  std::string why;
  // A key list is object 0, and nothing else.
  EXPECT_FALSE(verifier_.verify(sectionsOf(sign(list, 1, 1, root_)), &why));
  EXPECT_EQ(verifier_.rejected(Rejection::kBadBody), 1u) << why;
  // Signed by a signing key, a key list is refused.
  EXPECT_FALSE(verifier_.verify(sectionsOf(sign(list, 0, 1, key_)), &why));
  EXPECT_EQ(verifier_.rejected(Rejection::kWrongKeyRole), 1u) << why;
  // By the root key it is applied.
  ASSERT_TRUE(verifier_.verify(sectionsOf(sign(list, 0, 1, root_)), &why)) << why;
  EXPECT_FALSE(verifier_.verify(sectionsOf(sign(maintenanceNotice(), 1, 1, key_)), &why));
  EXPECT_EQ(verifier_.rejected(Rejection::kRevokedKey), 1u) << why;
  EXPECT_TRUE(verifier_.verify(sectionsOf(sign(maintenanceNotice(), 1, 1, next)), &why)) << why;
  // A notice signed by the root key is refused: roots sign key lists only.
  EXPECT_FALSE(verifier_.verify(sectionsOf(sign(maintenanceNotice(), 2, 1, root_)), &why));
  // A list revoking its own root is refused (the box could never take another).
  list.revoked.push_back(root_.publicKey().id());
  EXPECT_FALSE(verifier_.verify(sectionsOf(sign(list, 0, 2, root_)), &why));
  EXPECT_NE(why.find("revoke the key that signs it"), std::string::npos) << why;
}

TEST_F(Verifier, FeeBatchMustSitInItsOwnBucket) {
  FeeBatch b;
  b.bucket_count = 16;
  b.bucket = feeBucketOf("8610012345678", 16);
  b.records.push_back({"8610012345678", *parseIso8601("2026-12-05T00:00:00Z"), 2600, "CNY",
                       testing_util::text("基本包", text::Charset::Gb2312)});
  std::string why;
  EXPECT_TRUE(verifier_.verify(sectionsOf(sign(b, b.bucket, 1, key_)), &why)) << why;
  EXPECT_FALSE(verifier_.verify(sectionsOf(sign(b, (b.bucket + 1) % 16u, 1, key_)), &why));
  EXPECT_EQ(verifier_.rejected(Rejection::kBadBody), 1u) << why;
}

}  // namespace
}  // namespace dvb::notice
