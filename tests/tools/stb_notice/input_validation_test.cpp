// Every rule of the input JSON, broken one at a time: the message names the
// file and the JSON path, and nothing comes out.
#include <gtest/gtest.h>

#include "dvb/notice/body_codec.h"

#include <nlohmann/json.hpp>

#include "tests/tools/stb_notice/stb_notice_test_util.h"
#include "tools/stb-notice/input.h"

namespace tools::notice {
namespace {

using nlohmann::json;

json validDocument() {
  return json::parse(stb_notice_test::sampleInput());
}

std::vector<std::string> problemsOf(const json& doc) {
  std::vector<std::string> problems;
  const auto objects = readInputText("notices.json", doc.dump(), &problems);
  EXPECT_EQ(objects.has_value(), problems.empty());
  return problems;
}

struct Case {
  const char* pointer;  // JSON pointer to change
  json value;           // null with erase = remove it
  bool erase;
  const char* message;  // the whole expected message after "notices.json: "
};

const Case kCases[] = {
    {"/notices/0/id", nullptr, true, "$.notices[0].id: required"},
    {"/notices/0/id", "1001", false, "$.notices[0].id: must be an integer in 0..4294967295"},
    {"/notices/0/id", 4294967296, false, "$.notices[0].id: must be in 0..4294967295"},
    {"/notices/0/id", -1, false, "$.notices[0].id: must be in 0..4294967295"},
    {"/notices/0/id", 1.5, false, "$.notices[0].id: must be an integer in 0..4294967295"},
    {"/notices/0/revision", 0, false, "$.notices[0].revision: must be in 1..4294967295"},
    {"/notices/0/revision", nullptr, true, "$.notices[0].revision: required"},
    {"/notices/0/kind", "maintenance", false,
     "$.notices[0].kind: must be one of planned_maintenance, unplanned_outage, service_change, "
     "emergency, information"},
    {"/notices/0/kind", nullptr, true, "$.notices[0].kind: required"},
    {"/notices/0/kind", 1, false, "$.notices[0].kind: must be a string"},
    {"/notices/0/cancel", "yes", false, "$.notices[0].cancel: must be true or false"},
    {"/notices/0/priority", 256, false, "$.notices[0].priority: must be in 0..255"},
    {"/notices/0/start", nullptr, true, "$.notices[0].start: required"},
    {"/notices/0/start", "2026-11-30 02:00", false,
     "$.notices[0].start: must be a UTC time like 2026-11-30T02:00:00Z (years 1949-2127)"},
    {"/notices/0/start", "2026-02-30T02:00:00Z", false,
     "$.notices[0].start: must be a UTC time like 2026-11-30T02:00:00Z (years 1949-2127)"},
    {"/notices/0/end", "2140-01-01T00:00:00Z", false,
     "$.notices[0].end: must be a UTC time like 2026-11-30T02:00:00Z (years 1949-2127)"},
    {"/notices/0/end", "2026-11-30T02:00:00Z", false, "$.notices[0].end: must be after start"},
    {"/notices/0/lead_hours", 169, false, "$.notices[0].lead_hours: must be between 0 and 168"},
    {"/notices/0/lead_hours", "24", false, "$.notices[0].lead_hours: must be a number"},
    {"/notices/0/lead_hours", 0.01, false,
     "$.notices[0].lead_hours: must be a whole number of minutes (e.g. 24 or 1.5)"},
    {"/notices/0/targets", json::array(), false, "$.notices[0].targets: must be an object"},
    {"/notices/0/targets/zones", json::array(), false, "$.notices[0].targets.zones: unknown field"},
    {"/notices/0/targets/areas/0", "36a", false,
     "$.notices[0].targets.areas[0]: must be 1 to 6 digits of an administrative division code "
     "(36, 3601, 360102)"},
    {"/notices/0/targets/areas/0", "3601021", false,
     "$.notices[0].targets.areas[0]: must be 1 to 6 digits of an administrative division code "
     "(36, 3601, 360102)"},
    {"/notices/0/targets/areas", "3601", false, "$.notices[0].targets.areas: must be an array"},
    {"/notices/0/targets/nodes/0", 0, false,
     "$.notices[0].targets.nodes[0]: must be in 1..4294967295"},
    {"/notices/0/targets/box_ids/0", "STB 0001", false,
     "$.notices[0].targets.box_ids[0]: must be 1 to 32 characters A-Z a-z 0-9 - _ . :"},
    {"/notices/0/targets/smartcard_ids/0", std::string(33, '1'), false,
     "$.notices[0].targets.smartcard_ids[0]: must be 1 to 32 characters A-Z a-z 0-9 - _ . :"},
    {"/notices/0/contact", "call us", false,
     "$.notices[0].contact: must be a phone number: 1 to 24 of 0-9 + - ( ) and space"},
    {"/notices/0/texts", nullptr, true, "$.notices[0].texts: required"},
    {"/notices/0/texts", json::array(), false, "$.notices[0].texts: must have at least 1 item"},
    {"/notices/0/texts/0/language", "zh", false,
     "$.notices[0].texts[0].language: must be 3 letters (ISO 639-2, e.g. zho, spa)"},
    {"/notices/0/texts/0/language", nullptr, true, "$.notices[0].texts[0].language: required"},
    {"/notices/0/texts/1/language", "zho", false,
     "$.notices[0].texts[1].language: \"zho\" appears twice"},
    {"/notices/0/texts/0/charset", "gbk", false,
     "$.notices[0].texts[0].charset: unknown charset \"gbk\" (utf-8, gb2312, iso6937, "
     "iso8859-1..15 but not 12, ucs-2, ksx1001, big5)"},
    {"/notices/0/texts/0/title", "", false, "$.notices[0].texts[0].title: must not be empty"},
    {"/notices/0/texts/0/title", nullptr, true, "$.notices[0].texts[0].title: required"},
    {"/notices/0/texts/1/title", std::string(121, 'x'), false,
     "$.notices[0].texts[1].title: is 122 bytes in UTF-8; the limit is 120"},
    {"/notices/0/texts/0/subtitle", "x", false, "$.notices[0].texts[0].subtitle: unknown field"},
    {"/notices/0/texts/0", "text", false, "$.notices[0].texts[0]: must be an object"},
    {"/notices/0/colour", "red", false, "$.notices[0].colour: unknown field"},
    {"/fee_records/revision", nullptr, true, "$.fee_records.revision: required"},
    {"/fee_records/bucket_count", 0, false, "$.fee_records.bucket_count: must be in 1..65535"},
    {"/fee_records/records", json::array(), false,
     "$.fee_records.records: must have at least 1 item"},
    {"/fee_records/records/0/subscriber_id", "", false,
     "$.fee_records.records[0].subscriber_id: must be 1 to 32 characters A-Z a-z 0-9 - _ . :"},
    {"/fee_records/records/0/paid_until", "2026-12-5", false,
     "$.fee_records.records[0].paid_until: must be a date like 2026-12-05 (years 1949-2127)"},
    {"/fee_records/records/0/amount_due", -5, false,
     "$.fee_records.records[0].amount_due: must be in 0..4294967295"},
    {"/fee_records/records/0/currency", "CN", false,
     "$.fee_records.records[0].currency: must be 3 letters (ISO 4217, e.g. CNY)"},
    {"/fee_records/records/0/package", std::string(64, 'p'), false,
     "$.fee_records.records[0].package: is 65 bytes in GB-2312-1980; the limit is 64"},
    {"/directories/0/area", "", false,
     "$.directories[0].area: must be 1 to 6 digits of an administrative division code (36, "
     "3601, 360102)"},
    {"/directories/0/hotline", "hotline", false,
     "$.directories[0].hotline: must be a phone number: 1 to 24 of 0-9 + - ( ) and space"},
    {"/directories/0/office_address", nullptr, true, "$.directories[0].office_address: required"},
    {"/directories/0/technician_staff_no", "JX 42", false,
     "$.directories[0].technician_staff_no: must be 1 to 32 characters A-Z a-z 0-9 - _ . :"},
    {"/work_calendars/0/year", 1999, false, "$.work_calendars[0].year: must be in 2000..2100"},
    {"/work_calendars/0/days/0/date", "2027-01-01", false,
     "$.work_calendars[0].days[0].date: must be in 2026"},
    {"/work_calendars/0/days/0/type", "weekend", false,
     "$.work_calendars[0].days[0].type: must be \"holiday\" or \"working_day\""},
    {"/work_calendars/0/days/1/date", "2026-10-11", false,
     "$.work_calendars[0].days[1].date: is already listed at $.work_calendars[0].days[0]"},
    {"/key_list", json::object({{"revision", 1}, {"signing_keys", json::array()}}), false,
     "$.key_list.signing_keys: must have at least 1 item"},
    {"/key_list", json::object({{"revision", 1}, {"signing_keys", {"missing.pub.pem"}}}), false,
     "$.key_list.signing_keys[0]: cannot open missing.pub.pem"},
};

TEST(InputValidation, EveryRuleNamesFileAndPath) {
  for (const Case& c : kCases) {
    json doc = validDocument();
    const json::json_pointer pointer(c.pointer);
    if (c.erase)
      doc[pointer.parent_pointer()].erase(pointer.back());
    else
      doc[pointer] = c.value;
    const std::vector<std::string> problems = problemsOf(doc);
    ASSERT_EQ(problems.size(), 1u) << c.pointer << ": " << testing::PrintToString(problems);
    EXPECT_EQ(problems[0], std::string("notices.json: ") + c.message) << c.pointer;
  }
}

TEST(InputValidation, TheSampleIsValid) {
  std::vector<std::string> problems;
  const auto objects = readInputText("notices.json", stb_notice_test::sampleInput(), &problems);
  ASSERT_TRUE(objects) << testing::PrintToString(problems);
  ASSERT_EQ(objects->size(), 4u);  // notice, directory, calendar, one fee batch
  EXPECT_EQ((*objects)[0].where, "notices.json: $.notices[0]");
}

TEST(InputValidation, DocumentLevelProblems) {
  auto problems = [](const std::string& text) {
    std::vector<std::string> p;
    EXPECT_FALSE(readInputText("n.json", text, &p));
    return p;
  };
  EXPECT_EQ(problems("{\"notices\": [").at(0).rfind("n.json: not valid JSON: ", 0), 0u);
  EXPECT_EQ(problems("[]"), std::vector<std::string>{"n.json: $: must be an object"});
  EXPECT_EQ(problems("{}"), std::vector<std::string>{"n.json: $: holds none of notices, "
                                                     "fee_records, directories, "
                                                     "work_calendars, key_list"});
  EXPECT_EQ(problems("{\"notice\": []}").at(0), "n.json: $.notice: unknown field");
  EXPECT_EQ(problems("{\"notices\": {}}"),
            std::vector<std::string>{"n.json: $.notices: must be an array"});
  EXPECT_EQ(problems("{\"notices\": []}"), std::vector<std::string>{"the inputs hold no objects"});
  // Every problem is listed, not just the first.
  EXPECT_EQ(problems(R"({"notices": [{"id": "x"}, {"revision": 0}]})").size(), 12u);
}

// The parser alone keeps the last of a repeated key: planned maintenance as
// read would be signed as an emergency, and a second "notices" would drop the
// first. Each repeat is named by its path and nothing is read.
TEST(InputValidation, RepeatedKeyIsRefused) {
  std::string text = stb_notice_test::sampleInput();
  const std::string kind = R"("kind": "planned_maintenance",)";
  text.replace(text.find(kind), kind.size(),
               kind + R"( "kind": "emergency", "texts": [], "id": 3003,)");
  text.replace(text.rfind('}'), 1, R"(, "notices": [], "directories": []})");
  std::vector<std::string> problems;
  EXPECT_FALSE(readInputText("n.json", text, &problems));
  EXPECT_EQ(problems, (std::vector<std::string>{
                          "n.json: $.notices[0].kind: repeated key",
                          "n.json: $.notices[0].id: repeated key",
                          "n.json: $.notices[0].texts: repeated key",
                          "n.json: $.notices: repeated key",
                          "n.json: $.directories: repeated key",
                      }));
  // The same key in two objects is no repeat; paths count array items of every kind.
  problems.clear();
  EXPECT_FALSE(readInputText(
      "n.json", R"({"notices": [1, [{"a": 1}], {"b": [null, {"c": 1, "c": 2}]}, {"b": 1}]})",
      &problems));
  ASSERT_FALSE(problems.empty());
  EXPECT_EQ(problems[0], "n.json: $.notices[2].b[1].c: repeated key");
  EXPECT_EQ(problems.size(), 1u);
}

TEST(InputValidation, CancelNeedsNoText) {
  json doc = validDocument();
  doc["notices"][0]["cancel"] = true;
  doc["notices"][0]["revision"] = 3;
  doc["notices"][0].erase("texts");
  EXPECT_TRUE(problemsOf(doc).empty());
}

TEST(InputValidation, AnEmergencysCrawlSettingsAndShortLead) {
  auto noticeOf = [](const json& doc) {
    std::vector<std::string> problems;
    const auto objects = readInputText("notices.json", doc.dump(), &problems);
    dvb::notice::Notice n;
    std::string error;
    EXPECT_TRUE(objects) << testing::PrintToString(problems);
    if (objects) {
      EXPECT_TRUE(dvb::notice::decodeBody((*objects)[0].body, &n, &error)) << error;
    }
    return n;
  };
  json doc = validDocument();
  doc["notices"][0]["kind"] = "emergency";
  doc["notices"][0].erase("lead_hours");
  dvb::notice::Notice n = noticeOf(doc);
  EXPECT_EQ(n.lead_minutes, 60);  // an emergency's default window: 1 h, not 24
  EXPECT_EQ(n.crawl_continuous_minutes, std::nullopt);  // the box's defaults
  EXPECT_EQ(n.crawl_every_minutes, std::nullopt);
  doc["notices"][0]["crawl"] = {{"continuous_minutes", 15}, {"every_minutes", 0}};
  n = noticeOf(doc);
  EXPECT_EQ(n.crawl_continuous_minutes, std::optional<uint16_t>(15));
  EXPECT_EQ(n.crawl_every_minutes, std::optional<uint16_t>(0));

  doc["notices"][0]["crawl"] = {{"every_minutes", 1441}};
  EXPECT_EQ(problemsOf(doc),
            std::vector<std::string>{"notices.json: $.notices[0].crawl.every_minutes: must be in "
                                     "0..1440"});
  doc["notices"][0]["crawl"] = {{"often", 3}};
  EXPECT_EQ(problemsOf(doc),
            std::vector<std::string>{"notices.json: $.notices[0].crawl.often: unknown field"});
  doc["notices"][0]["kind"] = "planned_maintenance";
  doc["notices"][0]["crawl"] = {{"every_minutes", 5}};
  EXPECT_EQ(problemsOf(doc), std::vector<std::string>{
                                 "notices.json: $.notices[0].crawl: only an emergency has crawl "
                                 "settings"});
}

TEST(InputValidation, UnencodableCharacter) {
  json doc = validDocument();
  doc["notices"][0]["texts"][0]["title"] = "线路维护한";
  const auto problems = problemsOf(doc);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].rfind("notices.json: $.notices[0].texts[0].title: cannot be written in "
                              "GB-2312-1980: ",
                              0),
            0u)
      << problems[0];
}

TEST(InputValidation, EveryFeeBucketIsSentEvenEmpty) {
  // A subscriber who has paid drops out of the export; its bucket must still
  // go out so the box's old record is replaced (docs/protocol.md 2.2).
  json doc = validDocument();
  doc["fee_records"]["bucket_count"] = 4;
  std::vector<std::string> problems;
  const auto objects = readInputText("notices.json", doc.dump(), &problems);
  ASSERT_TRUE(objects) << testing::PrintToString(problems);
  ASSERT_EQ(objects->size(), 3u + 4u);  // notice, directory, calendar and 4 batches
  size_t empty = 0;
  for (const auto& o : *objects) {
    if (o.header.type != dvb::notice::ObjectType::kFeeBatch) continue;
    dvb::notice::FeeBatch b;
    std::string error;
    ASSERT_TRUE(dvb::notice::decodeBody(o.body, &b, &error)) << error;
    EXPECT_EQ(b.bucket_count, 4u);
    empty += b.records.empty();
  }
  EXPECT_EQ(empty, 3u);
}

TEST(InputValidation, FeeBucketOverTheLimit) {
  json doc = validDocument();
  json& records = doc["fee_records"]["records"];
  doc["fee_records"]["bucket_count"] = 1;
  for (int i = 0; i < 1500; ++i)
    records.push_back({{"subscriber_id", "86100" + std::to_string(100000 + i)},
                       {"paid_until", "2026-12-05"},
                       {"amount_due", 100},
                       {"currency", "CNY"},
                       {"package", "basic"}});
  EXPECT_EQ(problemsOf(doc), std::vector<std::string>{
                                 "notices.json: $.fee_records.records: bucket 0 would hold 1501 "
                                 "records; the limit is 1500: raise bucket_count"});
  doc["fee_records"]["bucket_count"] = 2;
  EXPECT_TRUE(problemsOf(doc).empty());
}

TEST(InputValidation, DuplicateSubscriber) {
  json doc = validDocument();
  doc["fee_records"]["records"].push_back(doc["fee_records"]["records"][0]);
  EXPECT_EQ(problemsOf(doc),
            std::vector<std::string>{"notices.json: $.fee_records.records[1].subscriber_id: "
                                     "\"8610012345678\" is already listed at "
                                     "$.fee_records.records[0]"});
}

// Across files: ids unique per table, low 16 bits too, one fee set, one key list.
TEST(InputValidation, AcrossFiles) {
  stb_notice_test::ScratchDir dir("across");
  const std::string a = dir / "a.json", b = dir / "b.json";
  stb_notice_test::writeTextFile(a, stb_notice_test::sampleInput());
  json other = validDocument();
  other.erase("directories");
  other.erase("work_calendars");
  other["notices"][0]["id"] = 1001 + 65536;
  other["notices"].push_back(validDocument()["notices"][0]);
  stb_notice_test::writeTextFile(b, other.dump());
  std::vector<std::string> problems;
  EXPECT_FALSE(readInputs({a, b}, &problems));
  const std::vector<std::string> expected = {
      b + ": $.fee_records: fee records are already given at " + a +
          ": $.fee_records; put every record in one fee_records",
      b + ": $.notices[0]: notice 66537 and notice 1001 (" + a +
          ": $.notices[0]) share their low 16 bits (0x03E9), so both would be the table with "
          "table_id_extension 0x03E9; choose another id",
      b + ": $.notices[1]: notice 1001 is already defined at " + a + ": $.notices[0]",
  };
  EXPECT_EQ(problems, expected);
  std::vector<std::string> missing;
  EXPECT_FALSE(readInputs({dir / "nope.json"}, &missing));
  EXPECT_EQ(missing.at(0), dir / "nope.json" + ": No such file or directory");
}

}  // namespace
}  // namespace tools::notice
