#pragma once
// Builders shared by the notice protocol tests.
#include <gtest/gtest.h>

#include "dvb/notice/body_codec.h"
#include "dvb/notice/object_signer.h"

namespace dvb::notice::testing_util {

inline DvbText text(const std::string& utf8, text::Charset charset = text::Charset::Utf8) {
  DvbText t;
  std::string error;
  EXPECT_TRUE(DvbText::fromUtf8(utf8, charset, &t, &error)) << error;
  return t;
}

// Long texts (over 255 bytes) do not fit DvbText::fromUtf8's u8 limit.
inline DvbText longText(const std::string& utf8, text::Charset charset) {
  DvbText t;
  std::string error;
  EXPECT_TRUE(text::encode(utf8, charset, &t.raw, &error)) << error;
  t.utf8 = utf8;
  return t;
}

inline Notice maintenanceNotice() {
  Notice n;
  n.kind = NoticeKind::kPlannedMaintenance;
  n.start = *parseIso8601("2026-11-30T02:00:00Z");
  n.end = *parseIso8601("2026-11-30T06:00:00Z");
  n.targeting.areas = {{"3601"}};
  n.contact = "96123";
  n.texts.push_back({"zho", text("线路维护", text::Charset::Gb2312),
                     text("11月30日02:00至06:00线路维护，届时暂停收看。", text::Charset::Gb2312)});
  n.texts.push_back(
      {"spa", text("Mantenimiento", text::Charset::Iso6937),
       text("Corte de servicio por mantenimiento de línea.", text::Charset::Iso6937)});
  return n;
}

template <typename T>
SignedObject sign(const T& body, uint32_t object_id, uint32_t revision, const PrivateKey& key) {
  std::string error;
  auto bytes = encodeBody(body, &error);
  EXPECT_TRUE(bytes) << error;
  ObjectHeader header;
  header.type = objectTypeOf(static_cast<const T*>(nullptr));
  header.object_id = object_id;
  header.revision = revision;
  header.issued = *parseIso8601("2026-11-28T08:00:00Z");
  auto o = signObject(header, bytes ? *bytes : std::vector<uint8_t>{}, key, &error);
  EXPECT_TRUE(o) << error;
  return o ? *o : SignedObject{};
}

inline std::vector<Section> sectionsOf(const SignedObject& o) {
  std::string error;
  auto sections = o.toSections(&error);
  EXPECT_TRUE(sections) << error;
  return sections ? *sections : std::vector<Section>{};
}

inline PrivateKey newKey(SignatureAlgorithm algorithm = SignatureAlgorithm::Ed25519) {
  std::string error;
  auto key = PrivateKey::generate(algorithm, &error);
  EXPECT_TRUE(key) << error;
  return std::move(*key);
}

}  // namespace dvb::notice::testing_util
