// parseReport / parseReturnVisit: every field's rule.
#include <gtest/gtest.h>

#include "tests/tools/stb_central/stb_central_test_util.h"
#include "tools/stb-central/report_validation.h"

namespace tools::central {
namespace {

using stb_central_test::reportJson;

const char kId[] = "3F1C2A4E-8B7D-4E2A-9C1F-0A1B2C3D4E5F";

TEST(ReportValidation, AcceptsAFullReport) {
  NewReport r;
  ValidationError p;
  ASSERT_TRUE(parseReport(reportJson(kId, "STB-TEST-0001"), &r, &p)) << p.message;
  EXPECT_EQ(r.report_id, "3f1c2a4e-8b7d-4e2a-9c1f-0a1b2c3d4e5f");
  EXPECT_EQ(r.box_id, "STB-TEST-0001");
  EXPECT_EQ(r.category, "no_picture");
  EXPECT_EQ(r.callback_phone, "13800138000");
  EXPECT_EQ(r.visit_period, "morning");
  EXPECT_EQ(dvb::formatIso8601(r.created), "2026-11-27T08:00:00Z");
  EXPECT_NE(r.diagnostics_json.find("\"snr_db\":21.5"), std::string::npos);
}

TEST(ReportValidation, OptionalFieldsMayBeAbsent) {
  const std::string body =
      R"({"report_id": "3f1c2a4e-8b7d-4e2a-9c1f-0a1b2c3d4e5f", "box_id": "B1",)"
      R"( "smartcard_id": "1", "area_code": "A", "category": "other",)"
      R"( "created": "2026-11-27T08:00:00Z", "diagnostics": {}})";
  NewReport r;
  ValidationError p;
  ASSERT_TRUE(parseReport(body, &r, &p)) << p.message;
  EXPECT_FALSE(r.callback_phone);
  EXPECT_FALSE(r.visit_period);
}

TEST(ReportValidation, CanonicalFormIgnoresWhitespaceAndOrder) {
  NewReport a, b;
  ValidationError p;
  ASSERT_TRUE(parseReport(reportJson(kId, "B1"), &a, &p));
  const std::string reordered =
      R"({"diagnostics":{"sw":"1.2.3","channel":43,"ber":1e-7,"snr_db":21.5},)"
      R"("created":"2026-11-27T08:00:00Z","visit_period":"morning","callback_phone":"13800138000",)"
      R"("category":"no_picture","area_code":"A01","smartcard_id":"8100123456","box_id":"B1",)"
      R"("report_id":")" +
      std::string(kId) + "\"}";
  ASSERT_TRUE(parseReport(reordered, &b, &p)) << p.message;
  EXPECT_EQ(a.canonical_json, b.canonical_json);
}

struct Bad {
  const char* name;
  std::string body;
  const char* code;
};

class ReportValidationBad : public testing::TestWithParam<Bad> {};

TEST_P(ReportValidationBad, IsRefused) {
  NewReport r;
  ValidationError p;
  EXPECT_FALSE(parseReport(GetParam().body, &r, &p)) << GetParam().name;
  EXPECT_EQ(p.code, GetParam().code) << GetParam().name << ": " << p.message;
}

std::string with(const std::string& from, const std::string& to) {
  std::string s = reportJson(kId, "STB-TEST-0001");
  const size_t at = s.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  return s.replace(at, from.size(), to);
}

INSTANTIATE_TEST_SUITE_P(
    Cases, ReportValidationBad,
    testing::Values(
        Bad{"not_json", "{", "invalid_json"}, Bad{"array", "[]", "invalid_json"},
        Bad{"too_deep", std::string(40, '[') + std::string(40, ']'), "invalid_json"},
        Bad{"return_visit_present",
            reportJson(kId, "B1", "no_picture", R"(, "return_visit": {"fixed": true})"),
            "field_not_allowed"},
        Bad{"unknown_field", reportJson(kId, "B1", "no_picture", R"(, "colour": 1)"),
            "unknown_field"},
        Bad{"bad_uuid", with(kId, "not-a-uuid"), "invalid_field"},
        Bad{"box_id_number", with("\"STB-TEST-0001\"", "7"), "invalid_field"},
        Bad{"box_id_space", with("STB-TEST-0001", "STB TEST"), "invalid_field"},
        Bad{"no_category", with("\"category\": \"no_picture\",", ""), "missing_field"},
        Bad{"bad_category", with("no_picture", "tv_on_fire"), "invalid_field"},
        Bad{"phone_letters", with("13800138000", "1380013800x"), "invalid_field"},
        Bad{"phone_short", with("13800138000", "1234"), "invalid_field"},
        Bad{"phone_long", with("13800138000", std::string(21, '1')), "invalid_field"},
        Bad{"visit_period", with("morning", "midnight"), "invalid_field"},
        Bad{"created_local", with("08:00:00Z", "08:00:00+08:00"), "invalid_field"},
        Bad{"created_no_time", with("2026-11-27T08:00:00Z", "2026-11-27"), "invalid_field"},
        Bad{"diagnostics_array",
            with(R"({"snr_db": 21.5, "ber": 1e-7, "channel": 43, "sw": "1.2.3"})", "[]"),
            "invalid_field"},
        Bad{"no_diagnostics",
            with(R"(, "diagnostics": {"snr_db": 21.5, "ber": 1e-7, "channel": 43, "sw": "1.2.3"})",
                 ""),
            "missing_field"}),
    [](const testing::TestParamInfo<Bad>& case_info) { return std::string(case_info.param.name); });

TEST(ReturnVisitValidation, Rules) {
  bool fixed = false;
  int score = 0;
  ValidationError p;
  ASSERT_TRUE(parseReturnVisit(R"({"fixed": true, "score": 4})", &fixed, &score, &p));
  EXPECT_TRUE(fixed);
  EXPECT_EQ(score, 4);
  for (const char* bad :
       {R"({"fixed": true})", R"({"score": 3})", R"({"fixed": 1, "score": 3})",
        R"({"fixed": true, "score": 0})", R"({"fixed": true, "score": 6})",
        R"({"fixed": true, "score": 2.5})", R"({"fixed": true, "score": 3, "x": 1})", "[]", "nope"})
    EXPECT_FALSE(parseReturnVisit(bad, &fixed, &score, &p)) << bad;
}

TEST(ReportValidation, ARepeatedKeyIsRefusedByName) {
  NewReport r;
  ValidationError p;
  // nlohmann alone keeps the last box_id: the report would be filed for B2.
  EXPECT_FALSE(parseReport(
      with("\"box_id\": \"STB-TEST-0001\"", R"("box_id": "STB-TEST-0001", "box_id": "B2")"), &r,
      &p));
  EXPECT_EQ(p.code, "duplicate_field");
  EXPECT_NE(p.message.find("\"box_id\""), std::string::npos) << p.message;
  // In a nested object too, and in the return-visit answer.
  EXPECT_FALSE(parseReport(with(R"("channel": 43)", R"("channel": 43, "channel": 44)"), &r, &p));
  EXPECT_EQ(p.code, "duplicate_field");
  EXPECT_NE(p.message.find("\"channel\""), std::string::npos) << p.message;
  bool fixed = false;
  int score = 0;
  EXPECT_FALSE(parseReturnVisit(R"({"fixed": true, "score": 1, "score": 5})", &fixed, &score, &p));
  EXPECT_EQ(p.code, "duplicate_field");
  // The same key in two different objects is not a repeat.
  EXPECT_TRUE(
      parseReport(with(R"("channel": 43)", R"("channel": 43, "x": {"channel": 1})"), &r, &p))
      << p.message;
}

TEST(ReportValidation, NestingDepthSkipsStrings) {
  EXPECT_EQ(jsonNestingDepth(R"({"a": "[[[[{{{{", "b": [1, {"c": "\"]"}]})"), 3u);
}

}  // namespace
}  // namespace tools::central
