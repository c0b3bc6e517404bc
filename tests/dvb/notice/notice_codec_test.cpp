// Object bodies through the single layout: round trips for every kind and
// targeting form, limits refused on both sides with the field named.
#include <gtest/gtest.h>

#include <algorithm>

#include "dvb/notice/limits.h"
#include "tests/dvb/notice/notice_test_util.h"

namespace dvb::notice {
namespace {

using testing_util::longText;
using testing_util::maintenanceNotice;
using testing_util::text;

template <typename T>
T roundTrip(const T& value) {
  std::string error;
  const auto bytes = encodeBody(value, &error);
  EXPECT_TRUE(bytes) << error;
  T back;
  EXPECT_TRUE(bytes && decodeBody(*bytes, &back, &error)) << error;
  // Encoding what was decoded gives the same bytes.
  if (bytes) {
    EXPECT_EQ(encodeBody(back, &error), bytes);
  }
  return back;
}

TEST(NoticeCodec, EveryKindRoundTrips) {
  for (int k = 1; k <= 5; ++k) {
    Notice n = maintenanceNotice();
    n.kind = static_cast<NoticeKind>(k);
    n.priority = static_cast<uint8_t>(10 * k);
    const Notice back = roundTrip(n);
    EXPECT_EQ(back.kind, n.kind);
    EXPECT_EQ(back.priority, n.priority);
    EXPECT_EQ(back.start, n.start);
    EXPECT_EQ(back.end, n.end);
    EXPECT_EQ(back.lead_minutes, 1440);
    ASSERT_EQ(back.texts.size(), 2u);
    EXPECT_EQ(back.texts[0].body.utf8, "11月30日02:00至06:00线路维护，届时暂停收看。");
    EXPECT_EQ(back.texts[1].body.utf8, "Corte de servicio por mantenimiento de línea.");
    EXPECT_EQ(noticeKindFromName(noticeKindName(n.kind)), n.kind);
  }
}

TEST(NoticeCodec, EveryTargetingFormRoundTrips) {
  Notice n = maintenanceNotice();
  n.targeting.areas = {{"36"}, {"3601"}, {"360102"}};
  n.targeting.nodes = {12, 0xFFFFFFFF};
  n.targeting.box_ids = {"STB-0001", "STB-0002"};
  n.targeting.smartcard_ids = {"8610012345678"};
  EXPECT_EQ(roundTrip(n).targeting, n.targeting);

  BoxIdentity box{"360102", 0, "STB-9", "99"};
  Targeting t;
  EXPECT_TRUE(targets(t, box));  // empty: everyone
  t.areas = {{"3602"}};
  EXPECT_FALSE(targets(t, box));
  t.areas = {{"3601"}};
  EXPECT_TRUE(targets(t, box));
  t.areas = {{"36010"}};
  EXPECT_TRUE(targets(t, box));
  t = {};
  t.nodes = {7};
  EXPECT_FALSE(targets(t, box));
  box.node = 7;
  EXPECT_TRUE(targets(t, box));
  t = {};
  t.smartcard_ids = {"99"};
  EXPECT_TRUE(targets(t, box));
  t.smartcard_ids = {"98"};
  EXPECT_FALSE(targets(t, box));
  t = {};
  t.box_ids = {"STB-9"};
  EXPECT_TRUE(targets(t, box));
}

TEST(NoticeCodec, ManyLanguagesInGb2312AndUtf8) {
  Notice n = maintenanceNotice();
  n.texts.push_back({"zho", text("停电通知", text::Charset::Utf8),
                     text("因线路改造，南昌市东湖区停电。", text::Charset::Utf8)});
  n.texts.push_back({"eng", text("Maintenance"), text("Service interrupted 02:00-06:00.")});
  n.texts.push_back({"rus", text("Профилактика", text::Charset::Iso8859_5),
                     text("Перерыв в вещании.", text::Charset::Iso8859_5)});
  const Notice back = roundTrip(n);
  ASSERT_EQ(back.texts.size(), 5u);
  EXPECT_EQ(back.texts[2].title.utf8, "停电通知");
  EXPECT_EQ(back.texts[2].title.raw[0], 0x15);  // UTF-8 selector kept
  EXPECT_EQ(back.texts[0].title.raw[0], 0x13);  // GB2312 selector kept
  EXPECT_EQ(back.texts[4].body.utf8, "Перерыв в вещании.");
}

TEST(NoticeCodec, CancelNeedsNoText) {
  Notice n = maintenanceNotice();
  n.flags = Notice::kFlagCancel;
  n.texts.clear();
  EXPECT_TRUE(roundTrip(n).cancelled());
  n.flags = 0;
  std::string error;
  EXPECT_FALSE(encodeBody(n, &error));
  EXPECT_NE(error.find("texts"), std::string::npos) << error;
}

TEST(NoticeCodec, EncoderRefusesWhatTheDecoderWouldRefuseAndNamesTheField) {
  struct Case {
    const char* field;
    void (*breakIt)(Notice&);
  };
  const Case cases[] = {
      {"end", [](Notice& n) { n.end = n.start; }},
      {"lead_minutes", [](Notice& n) { n.lead_minutes = 20000; }},
      {"areas", [](Notice& n) { n.targeting.areas.assign(65, {"36"}); }},
      {"area", [](Notice& n) { n.targeting.areas = {{"36A1"}}; }},
      {"area", [](Notice& n) { n.targeting.areas = {{"3601021"}}; }},
      {"nodes", [](Notice& n) { n.targeting.nodes.assign(65, 1); }},
      {"box_ids", [](Notice& n) { n.targeting.box_ids.assign(1001, "x"); }},
      {"id", [](Notice& n) { n.targeting.smartcard_ids = {std::string(33, '1')}; }},
      {"id", [](Notice& n) { n.targeting.box_ids = {"bad id"}; }},
      {"contact", [](Notice& n) { n.contact = "call me"; }},
      {"texts", [](Notice& n) { n.texts.assign(9, n.texts[0]); }},
      {"language", [](Notice& n) { n.texts[0].language = "zh"; }},
      {"title",
       [](Notice& n) {
         n.texts[0].title = longText(std::string(121, 'a'), text::Charset::Iso6937);
       }},
      {"body",
       [](Notice& n) {
         n.texts[0].body = longText(std::string(2049, 'a'), text::Charset::Iso6937);
       }},
      {"start", [](Notice& n) { n.start = *parseIso8601("1900-01-01T00:00:00Z"); }},
  };
  for (const Case& c : cases) {
    Notice n = maintenanceNotice();
    c.breakIt(n);
    std::string error;
    EXPECT_FALSE(encodeBody(n, &error)) << c.field;
    EXPECT_EQ(error.rfind(c.field, 0), 0u) << "expected field " << c.field << ", got: " << error;
  }
}

TEST(NoticeCodec, DecoderRefusesOverLimitCountsAndTrailingBytes) {
  std::string error;
  auto bytes = *encodeBody(maintenanceNotice(), &error);
  Notice out;
  // After the texts only whole extension fields may follow (tag, length, value).
  auto trailing = bytes;
  trailing.push_back(0);
  EXPECT_FALSE(decodeBody(trailing, &out, &error));
  EXPECT_EQ(error.rfind("extension_length", 0), 0u) << error;
  trailing.insert(trailing.end(), {3, 1, 2});  // tag 0, length 3: two bytes short
  EXPECT_FALSE(decodeBody(trailing, &out, &error));
  EXPECT_EQ(error.rfind("extension", 0), 0u) << error;
  for (size_t cut = 0; cut < bytes.size(); ++cut) {
    std::vector<uint8_t> truncated(bytes.begin(), bytes.begin() + static_cast<long>(cut));
    EXPECT_FALSE(decodeBody(truncated, &out, &error)) << cut;
  }
  // The areas count follows 15 fixed bytes (kind, flags, priority, start, end, lead).
  auto many_areas = bytes;
  many_areas[15] = 200;
  EXPECT_FALSE(decodeBody(many_areas, &out, &error));
  EXPECT_NE(error.find("areas"), std::string::npos) << error;
  auto bad_kind = bytes;
  bad_kind[0] = 9;
  EXPECT_FALSE(decodeBody(bad_kind, &out, &error));
  EXPECT_EQ(error.rfind("notice_kind", 0), 0u) << error;
}

// ---------------------------------------------------------------------------
// An emergency's crawl fields: optional extension fields after the texts.

Notice emergencyNotice() {
  Notice n = maintenanceNotice();
  n.kind = NoticeKind::kEmergency;
  n.lead_minutes = 30;
  return n;
}

TEST(NoticeCodec, EmergencyCrawlFieldsRoundTripAfterTheTexts) {
  Notice n = emergencyNotice();
  std::string error;
  const std::vector<uint8_t> plain = *encodeBody(n, &error);
  n.crawl_continuous_minutes = 20;
  n.crawl_every_minutes = 0;  // continuous for the whole window, asked for
  const auto bytes = encodeBody(n, &error);
  ASSERT_TRUE(bytes) << error;
  // The original layout, then tag 1 (length 2, 20) and tag 2 (length 2, 0).
  ASSERT_EQ(bytes->size(), plain.size() + 8);
  EXPECT_TRUE(std::equal(plain.begin(), plain.end(), bytes->begin()));
  EXPECT_EQ(std::vector<uint8_t>(bytes->end() - 8, bytes->end()),
            (std::vector<uint8_t>{0x01, 0x02, 0x00, 0x14, 0x02, 0x02, 0x00, 0x00}));
  const Notice back = roundTrip(n);
  EXPECT_EQ(back.crawl_continuous_minutes, std::optional<uint16_t>(20));
  EXPECT_EQ(back.crawl_every_minutes, std::optional<uint16_t>(0));

  n.crawl_continuous_minutes.reset();  // one field alone
  n.crawl_every_minutes = 45;
  const Notice one = roundTrip(n);
  EXPECT_EQ(one.crawl_continuous_minutes, std::nullopt);
  EXPECT_EQ(one.crawl_every_minutes, std::optional<uint16_t>(45));
}

TEST(NoticeCodec, OldLayoutDecodesWithoutCrawlFieldsAndIsWrittenUnchanged) {
  // A body from an encoder that predates the fields: nothing after the texts.
  std::string error;
  const std::vector<uint8_t> old_body = *encodeBody(emergencyNotice(), &error);
  Notice out;
  ASSERT_TRUE(decodeBody(old_body, &out, &error)) << error;
  EXPECT_EQ(out.kind, NoticeKind::kEmergency);
  EXPECT_EQ(out.crawl_continuous_minutes, std::nullopt);
  EXPECT_EQ(out.crawl_every_minutes, std::nullopt);
  // Without the fields the encoder writes the original layout, byte for byte,
  // so a box from before the fields still reads it.
  EXPECT_EQ(encodeBody(out, &error), old_body);
}

TEST(NoticeCodec, UnknownExtensionFieldsAreSkipped) {
  Notice n = emergencyNotice();
  n.crawl_every_minutes = 15;
  std::string error;
  std::vector<uint8_t> bytes = *encodeBody(n, &error);
  // A newer headend's fields, before and after the known one.
  bytes.insert(bytes.end() - 4, {0x7F, 0x03, 0xAA, 0xBB, 0xCC});
  bytes.insert(bytes.end(), {0x80, 0x00});
  Notice out;
  ASSERT_TRUE(decodeBody(bytes, &out, &error)) << error;
  EXPECT_EQ(out.crawl_every_minutes, std::optional<uint16_t>(15));
  EXPECT_EQ(out.crawl_continuous_minutes, std::nullopt);
}

TEST(NoticeCodec, CrawlFieldsRefusedOutOfRangeTwiceOrOnOtherKinds) {
  std::string error;
  Notice n = emergencyNotice();
  n.crawl_every_minutes = limits::kMaxCrawlEveryMinutes + 1;
  EXPECT_FALSE(encodeBody(n, &error));
  EXPECT_EQ(error.rfind("crawl_every_minutes", 0), 0u) << error;
  n = emergencyNotice();
  n.crawl_continuous_minutes = limits::kMaxCrawlContinuousMinutes + 1;
  EXPECT_FALSE(encodeBody(n, &error));
  EXPECT_EQ(error.rfind("crawl_continuous_minutes", 0), 0u) << error;
  n = maintenanceNotice();
  n.crawl_continuous_minutes = 5;
  EXPECT_FALSE(encodeBody(n, &error));
  EXPECT_EQ(error.rfind("crawl_continuous_minutes", 0), 0u) << error;

  n = emergencyNotice();
  n.crawl_every_minutes = 15;
  const std::vector<uint8_t> good = *encodeBody(n, &error);
  Notice out;
  auto twice = good;
  twice.insert(twice.end(), {0x02, 0x02, 0x00, 0x10});
  EXPECT_FALSE(decodeBody(twice, &out, &error));
  EXPECT_NE(error.find("twice"), std::string::npos) << error;
  auto wrong_length = good;
  wrong_length[wrong_length.size() - 3] = 3;
  wrong_length.push_back(0);
  EXPECT_FALSE(decodeBody(wrong_length, &out, &error));
  EXPECT_NE(error.find("2 bytes"), std::string::npos) << error;
  auto not_emergency = good;
  not_emergency[0] = static_cast<uint8_t>(NoticeKind::kPlannedMaintenance);
  EXPECT_FALSE(decodeBody(not_emergency, &out, &error));
  EXPECT_NE(error.find("only for an emergency"), std::string::npos) << error;
}

TEST(FeeBatchCodec, RoundTripAndBucketBinding) {
  FeeBatch b;
  b.bucket_count = 64;
  const std::string id = "8610012345678";
  b.bucket = feeBucketOf(id, 64);
  b.records.push_back({id, *parseIso8601("2026-12-05T00:00:00Z"), 2600, "CNY",
                       text("基本包", text::Charset::Gb2312)});
  const FeeBatch back = roundTrip(b);
  ASSERT_EQ(back.records.size(), 1u);
  const FeeRecord* r = back.find(id);
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->amount_due, 2600u);
  EXPECT_EQ(formatIso8601(r->paid_until), "2026-12-05T00:00:00Z");
  EXPECT_EQ(r->package.utf8, "基本包");
  b.bucket = static_cast<uint16_t>((b.bucket + 1) % 64);  // record in the wrong bucket
  std::string error;
  EXPECT_FALSE(encodeBody(b, &error));
  EXPECT_NE(error.find("another bucket"), std::string::npos) << error;
}

TEST(FeeBatchCodec, BucketIsCrc32OfTheId) {
  // CRC-32/MPEG-2 of "123456789" is 0x0376E6E7 = 58124007.
  EXPECT_EQ(feeBucketOf("123456789", 1000), 58124007u % 1000);
  EXPECT_EQ(feeBucketOf("123456789", 1), 0u);
}

TEST(DirectoryCodec, RoundTrip) {
  Directory d;
  d.area = {"3601"};
  d.hotline = "96123";
  d.supervision_phone = "12315";
  d.office_phone = "0791-88888888";
  d.office_address = text("南昌市东湖区八一大道 100 号", text::Charset::Gb2312);
  d.technician_name = text("王师傅", text::Charset::Gb2312);
  d.technician_staff_no = "JX-0042";
  const Directory back = roundTrip(d);
  EXPECT_EQ(back.office_address.utf8, "南昌市东湖区八一大道 100 号");
  EXPECT_EQ(back.technician_staff_no, "JX-0042");
}

TEST(WorkCalendarCodec, RoundTripAndWorkingDays) {
  WorkCalendar c;
  c.year = 2026;
  c.days.push_back({*parseIso8601("2026-10-01T00:00:00Z"), DayType::kHoliday});
  c.days.push_back({*parseIso8601("2026-10-11T00:00:00Z"), DayType::kWorkingDay});
  const WorkCalendar back = roundTrip(c);
  EXPECT_FALSE(back.isWorkingDay(*parseIso8601("2026-10-01T00:00:00Z")));  // Thursday, holiday
  EXPECT_TRUE(back.isWorkingDay(*parseIso8601("2026-10-11T00:00:00Z")));   // Sunday, swapped
  EXPECT_TRUE(back.isWorkingDay(*parseIso8601("2026-10-12T00:00:00Z")));   // Monday
  EXPECT_FALSE(back.isWorkingDay(*parseIso8601("2026-10-17T00:00:00Z")));  // Saturday
  std::swap(c.days[0], c.days[1]);
  std::string error;
  EXPECT_FALSE(encodeBody(c, &error));
  EXPECT_NE(error.find("ascending"), std::string::npos) << error;
  c.days = {{*parseIso8601("2027-01-01T00:00:00Z"), DayType::kHoliday}};
  EXPECT_FALSE(encodeBody(c, &error));
}

}  // namespace
}  // namespace dvb::notice
