// The console's form checked by stb-notice's own validation: each problem
// lands beside its field, and a clean form gives the object to sign.
#include <gtest/gtest.h>

#include "dvb/notice/body_codec.h"
#include "tools/stb-headend/console/notice_form.h"

namespace tools::headend::console {
namespace {

NoticeForm goodForm() {
  NoticeForm f;
  f.kind = "planned_maintenance";
  f.priority = "3";
  f.areas = {"360102"};
  f.prefixes = "3601, 36";
  f.nodes = "17 18";
  f.start = "2026-11-29T08:00:00Z";
  f.end = "2026-11-29T12:00:00Z";
  f.lead_hours = "24";
  f.titles = {{"zho", "计划维护"}, {"spa", "Mantenimiento"}, {"eng", "Maintenance"}};
  f.bodies = {
      {"zho", "今晚维护。"}, {"spa", "Mantenimiento esta noche."}, {"eng", "Maintenance tonight."}};
  f.contact = "96123";
  return f;
}

TEST(NoticeForm, CleanFormGivesTheObjectToSign) {
  nlohmann::json notice;
  FieldErrors errors;
  const auto object = checkForm(goodForm(), 7, 2, &notice, &errors);
  ASSERT_TRUE(object) << (errors.empty() ? "" : errors.begin()->first);
  EXPECT_TRUE(errors.empty());
  EXPECT_EQ(object->header.object_id, 7u);
  EXPECT_EQ(object->header.revision, 2u);
  std::string error;
  auto decoded = std::make_optional<dvb::notice::Notice>();
  ASSERT_TRUE(dvb::notice::decodeBody(object->body, &*decoded, &error)) << error;
  EXPECT_EQ(decoded->priority, 3);
  ASSERT_EQ(decoded->targeting.areas.size(), 3u);
  EXPECT_EQ(decoded->targeting.nodes, (std::vector<uint32_t>{17, 18}));
  EXPECT_EQ(decoded->texts.size(), 3u);
  EXPECT_EQ(notice["targets"]["areas"], nlohmann::json({"360102", "3601", "36"}));
}

TEST(NoticeForm, EachErrorNamesItsField) {
  NoticeForm f = goodForm();
  f.start = "tomorrow";
  f.priority = "high";
  f.contact = "call us";
  f.bodies["spa"] = "";  // a title without a body
  f.prefixes = "36A";
  f.nodes = "x";
  f.lead_hours = "0.01";
  nlohmann::json notice;
  FieldErrors errors;
  EXPECT_FALSE(checkForm(f, 1, 1, &notice, &errors));
  for (const char* field :
       {"start", "priority", "contact", "body_spa", "areas", "nodes", "lead_hours"})
    EXPECT_EQ(errors.count(field), 1u) << field;
  EXPECT_EQ(errors.count("title_zho"), 0u);
  EXPECT_EQ(errors.count("form"), 0u);
}

TEST(NoticeForm, EndBeforeStartIsOnEnd) {
  NoticeForm f = goodForm();
  f.end = "2026-11-29T07:00:00Z";
  nlohmann::json notice;
  FieldErrors errors;
  EXPECT_FALSE(checkForm(f, 1, 1, &notice, &errors));
  ASSERT_EQ(errors.count("end"), 1u);
  EXPECT_EQ(errors["end"][0], "must be after start");
}

TEST(NoticeForm, NoTextAtAllIsOnTheFirstTitle) {
  NoticeForm f = goodForm();
  f.titles.clear();
  f.bodies.clear();
  nlohmann::json notice;
  FieldErrors errors;
  EXPECT_FALSE(checkForm(f, 1, 1, &notice, &errors));
  EXPECT_EQ(errors.count("title_zho"), 1u);
}

TEST(NoticeForm, PublishedNoticeComesBackIntoTheForm) {
  const nlohmann::json notice = noticeJson(goodForm(), 4, 1);
  const NoticeForm back = NoticeForm::fromJson(notice);
  EXPECT_EQ(noticeJson(back, 4, 1), notice);
}

}  // namespace
}  // namespace tools::headend::console
