// docs/protocol.md 4.2, the envelope test vector: one whole section, signed
// with the Ed25519 key of RFC 8032 section 7.1 TEST 1, byte for byte as the
// document prints it. The box's side reads it (CRC, signature, fields as
// documented) and the headend's side, given the documented fields, writes
// exactly these bytes (Ed25519 signatures are deterministic).
#include <gtest/gtest.h>

#include <cctype>
#include <fstream>
#include <sstream>

#include "dvb/notice/object_verifier.h"
#include "tests/dvb/notice/notice_test_util.h"

namespace dvb::notice {
namespace {

// RFC 8032 7.1 TEST 1: the secret key 9d61b19d...1cae7f60 as PKCS#8, and its
// public key d75a9801...f707511a as a SubjectPublicKeyInfo.
constexpr char kSecretPem[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n"
    "-----END PRIVATE KEY-----\n";
constexpr char kPublicPem[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=\n"
    "-----END PUBLIC KEY-----\n";

// The section, as printed in docs/protocol.md 4.2.
constexpr char kSectionHex[] =
    "C3 F0 6D 07 EA C3 00 00 01 00 00 07 EA 00 00 00\n"
    "01 EF BC 08 00 00 00 0A 07 EA 00 02 EF 82 01 EF\n"
    "8B 02 06 E3 FD 8F DA 29 BB 60 01 40 D0 83 9E 5F\n"
    "77 52 71 E4 87 D1 1C 9F 7E 46 7B A3 F2 F1 E4 5E\n"
    "94 F6 A4 A4 DD 4C E4 B1 09 34 84 3C 15 95 23 DD\n"
    "0A A7 5D 1D 93 DC 9B E0 48 F8 7E 4B DD 48 C1 37\n"
    "66 EA 6A 8A D5 46 6C C1 AD EA 4B 03 76 7A EA 98\n";

std::vector<uint8_t> fromHex(const std::string& text) {
  std::vector<uint8_t> out;
  std::string digits;
  for (char c : text)
    if (std::isxdigit(static_cast<unsigned char>(c))) digits += c;
  for (size_t i = 0; i + 1 < digits.size(); i += 2)
    out.push_back(static_cast<uint8_t>(std::stoi(digits.substr(i, 2), nullptr, 16)));
  return out;
}

std::string toHex(const std::vector<uint8_t>& bytes) {
  std::string out;
  char b[4];
  for (size_t i = 0; i < bytes.size(); ++i) {
    std::snprintf(b, sizeof b, "%02X", bytes[i]);
    out += b;
    out += (i % 16 == 15) ? "\n" : " ";
  }
  return out;
}

// The documented fields: the 2026 calendar, revision 1, issued 2026-11-28
// 08:00:00 UTC, listing 1 October (holiday) and 10 October (working day).
WorkCalendar documentedCalendar() {
  WorkCalendar c;
  c.year = 2026;
  c.days = {{*parseIso8601("2026-10-01T00:00:00Z"), DayType::kHoliday},
            {*parseIso8601("2026-10-10T00:00:00Z"), DayType::kWorkingDay}};
  return c;
}

PrivateKey rfcKey() {
  std::string error;
  std::optional<PrivateKey> key = PrivateKey::fromPem(kSecretPem, &error);
  EXPECT_TRUE(key) << error;
  return std::move(*key);
}

TEST(ProtocolVector, TheDocumentPrintsThisSection) {
  const std::string path = std::string(STB_SOURCE_DIR) + "/docs/protocol.md";
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in) << "cannot read " << path;
  std::ostringstream doc;
  doc << in.rdbuf();
  EXPECT_NE(doc.str().find(kSectionHex), std::string::npos)
      << "docs/protocol.md 4.2 does not print the section as:\n"
      << kSectionHex;
  EXPECT_NE(doc.str().find("06e3fd8fda29bb60"), std::string::npos);
}

TEST(ProtocolVector, ABoxReadsAndVerifiesTheDocumentedSection) {
  std::string error;
  const std::optional<Section> section = Section::fromBytes(fromHex(kSectionHex), &error);
  ASSERT_TRUE(section) << error;
  EXPECT_EQ(section->bytes().size(), 112u);
  EXPECT_TRUE(section->crcValid());
  EXPECT_EQ(section->crc(), 0x767AEA98u);
  EXPECT_EQ(section->tableId(), 0xC3);
  EXPECT_EQ(section->extension(), 2026);
  EXPECT_EQ(section->version(), 1);
  EXPECT_TRUE(section->currentNext());
  EXPECT_EQ(section->number(), 0);
  EXPECT_EQ(section->lastNumber(), 0);

  std::optional<PublicKey> pub = PublicKey::fromPem(kPublicPem, &error);
  ASSERT_TRUE(pub) << error;
  EXPECT_EQ(keyIdHex(pub->id()), "06e3fd8fda29bb60");
  KeyRing ring;
  ring.addSigning(std::move(*pub));
  ObjectVerifier verifier(ring);
  const std::optional<VerifiedObject> v = verifier.verify({*section}, &error);
  ASSERT_TRUE(v) << error;
  EXPECT_EQ(v->envelope.type, ObjectType::kWorkCalendar);
  EXPECT_EQ(v->envelope.object_id, 2026u);
  EXPECT_EQ(v->envelope.revision, 1u);
  EXPECT_EQ(formatIso8601(v->envelope.issued), "2026-11-28T08:00:00Z");
  EXPECT_EQ(v->envelope.body.size(), 10u);
  EXPECT_EQ(keyIdHex(v->envelope.key_id), "06e3fd8fda29bb60");
  EXPECT_EQ(v->envelope.algorithm, static_cast<uint8_t>(SignatureAlgorithm::Ed25519));
  const auto* calendar = std::get_if<WorkCalendar>(&v->body);
  ASSERT_TRUE(calendar);
  EXPECT_EQ(calendar->year, 2026);
  ASSERT_EQ(calendar->days.size(), 2u);
  EXPECT_EQ(formatIso8601(calendar->days[0].date), "2026-10-01T00:00:00Z");
  EXPECT_EQ(calendar->days[0].type, DayType::kHoliday);
  EXPECT_EQ(formatIso8601(calendar->days[1].date), "2026-10-10T00:00:00Z");
  EXPECT_EQ(calendar->days[1].type, DayType::kWorkingDay);

  // The revision raised to 3 (version_number with it, CRC recomputed): the
  // signature no longer matches and the box refuses the section.
  std::vector<uint8_t> message(section->payload(), section->payload() + section->payloadSize());
  message[8] = 3;
  const Section forged = Section::makeLong(0xC3, 2026, 3, 0, 0, message, true);
  ASSERT_TRUE(forged.crcValid());
  KeyRing ring2;
  ring2.addSigning(*PublicKey::fromPem(kPublicPem, &error));
  ObjectVerifier verifier2(ring2);
  EXPECT_FALSE(verifier2.verify({forged}, &error));
  EXPECT_EQ(verifier2.rejected(Rejection::kBadSignature), 1u) << error;
}

TEST(ProtocolVector, EncodingTheDocumentedFieldsGivesTheDocumentedBytes) {
  std::string error;
  const PrivateKey key = rfcKey();
  EXPECT_EQ(keyIdHex(key.id()), "06e3fd8fda29bb60");
  const auto body = encodeBody(documentedCalendar(), &error);
  ASSERT_TRUE(body) << error;
  ObjectHeader header;
  header.type = ObjectType::kWorkCalendar;
  header.object_id = 2026;
  header.revision = 1;
  header.issued = *parseIso8601("2026-11-28T08:00:00Z");
  const auto object = signObject(header, *body, key, &error);
  ASSERT_TRUE(object) << error;
  const std::vector<Section> sections = testing_util::sectionsOf(*object);
  ASSERT_EQ(sections.size(), 1u);
  EXPECT_EQ(toHex(sections[0].bytes()), toHex(fromHex(kSectionHex)));
}

}  // namespace
}  // namespace dvb::notice
