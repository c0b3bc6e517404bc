// docs/protocol.md section 4, byte for byte: the document and the code agree.
#include <gtest/gtest.h>

#include "tests/dvb/notice/notice_test_util.h"

namespace dvb::notice {
namespace {

TEST(ProtocolExample, NoticeBodyBytesMatchTheDocument) {
  Notice n;
  n.kind = NoticeKind::kPlannedMaintenance;
  n.start = *parseIso8601("2026-11-30T02:00:00Z");
  n.end = *parseIso8601("2026-11-30T06:00:00Z");
  n.targeting.areas = {{"3601"}};
  n.contact = "96123";
  n.texts.push_back(
      {"spa", testing_util::text("Mantenimiento", text::Charset::Iso6937),
       testing_util::text("Corte de servicio por mantenimiento.", text::Charset::Iso6937)});
  std::string error;
  const auto body = encodeBody(n, &error);
  ASSERT_TRUE(body) << error;
  const std::vector<uint8_t> head = {
      0x01, 0x00, 0x00,                    // kind, flags, priority
      0xEF, 0xBE, 0x02, 0x00, 0x00,        // start
      0xEF, 0xBE, 0x06, 0x00, 0x00,        // end
      0x05, 0xA0,                          // lead_minutes 1440
      0x01, 0x04, 0x33, 0x36, 0x30, 0x31,  // areas: "3601"
      0x00, 0x00, 0x00, 0x00, 0x00,        // nodes, box_ids, smartcard_ids
      0x05, 0x39, 0x36, 0x31, 0x32, 0x33,  // contact "96123"
      0x01, 0x73, 0x70, 0x61,              // 1 text, "spa"
      0x0D, 0x4D, 0x61, 0x6E,              // title: 13 bytes "Man..."
  };
  ASSERT_GE(body->size(), head.size());
  EXPECT_EQ(std::vector<uint8_t>(body->begin(), body->begin() + static_cast<long>(head.size())),
            head);
  // Then the rest of the title, and the body's u16 length 0x0024 = 36.
  const size_t body_length_at = head.size() + 10;
  EXPECT_EQ((*body)[body_length_at], 0x00);
  EXPECT_EQ((*body)[body_length_at + 1], 0x24);
  EXPECT_EQ(body->size(), body_length_at + 2 + 36);
}

}  // namespace
}  // namespace dvb::notice
