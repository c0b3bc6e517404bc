// POST /v1/reports with the charter: the ticket's charter category, its
// deadline counted from the server's time of acceptance (not the box's
// `created`) in the operator's working days, and its assignment at once to
// the worker of its area (areas.example.json, the calendar stb-notice
// broadcasts: tools/stb-notice/examples/work-calendar.json).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/utc_time.h"
#include "tests/tools/stb_central/stb_central_test_util.h"
#include "tools/stb-central/charter_terms.h"
#include "tools/stb-central/cli.h"
#include "tools/stb-central/router.h"

namespace tools::central {
namespace {

using nlohmann::json;
using stb_central_test::apiRequest;
using stb_central_test::reportJson;
using stb_central_test::ScratchDir;
using testing_support::at;
using testing_support::writeTextFile;

const char kBox[] = "STB-TEST-0001";

// A report from AREA; the box wrote it a day before the desk received it.
std::string reportFrom(const std::string& id, const std::string& area,
                       const std::string& category) {
  std::string body = reportJson(id, kBox, category);
  const std::string from = R"("area_code": "A01")";
  body.replace(body.find(from), from.size(), R"("area_code": ")" + area + R"(")");
  const std::string created = R"("created": "2026-11-27T08:00:00Z")";
  body.replace(body.find(created), created.size(), R"("created": "2026-09-29T08:00:00Z")");
  return body;
}

class CharterRouterTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    store_ = TicketStore::open(dir_ / "central.db", &error);
    ASSERT_TRUE(store_) << error;
    auto policy =
        DeadlinePolicy::load(STB_SOURCE_DIR "/tools/stb-central/policy.example.json", &error);
    ASSERT_TRUE(policy) << error;
    ASSERT_TRUE(useCalendarFile(STB_SOURCE_DIR "/tools/stb-notice/examples/work-calendar.json",
                                &*policy, &error))
        << error;
    ServiceOptions options;
    auto areas = ServiceAreas::load(STB_SOURCE_DIR "/tools/stb-central/areas.example.json", &error);
    ASSERT_TRUE(areas) << error;
    options.areas = std::move(*areas);
    service_ = std::make_unique<CentralService>(*store_, std::move(*policy), options,
                                                [this] { return now_; });
  }
  HttpResponse post(const std::string& id, const std::string& area, const std::string& category) {
    return service_->handle(apiRequest("POST", "/v1/reports", reportFrom(id, area, category), id),
                            kBox);
  }
  json get(const std::string& ticket) {
    const HttpResponse r = service_->handle(apiRequest("GET", "/v1/tickets/" + ticket), kBox);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body);
  }

  ScratchDir dir_{"charter-router"};
  std::unique_ptr<TicketStore> store_;
  std::unique_ptr<CentralService> service_;
  // Wednesday 30 September 2026, 23:59 in UTC+8: the last minute before the
  // National Day holidays of the example calendar (1, 2, 5, 6, 7 October off,
  // Saturday 10 October worked).
  UtcSeconds now_ = at("2026-09-30T15:59:00Z");
};

TEST_F(CharterRouterTest, ANewTicketGoesAtOnceToItsAreasWorker) {
  const std::string id = "3f1c2a4e-8b7d-4e2a-9c1f-000000000001";
  const HttpResponse r = post(id, "360102", "complaint");
  ASSERT_EQ(r.status, 201) << r.body;
  const json c = json::parse(r.body);
  EXPECT_EQ(c["charter_category"], "complaint");
  EXPECT_EQ(c["severity"], "general");
  EXPECT_EQ(c["assignee"], "li.wei");
  // From acceptance, not from the box's created (29 September 16:00 local
  // would give Friday 9 October 16:00): Thu 8, Fri 9, Sat 10.
  EXPECT_EQ(c["deadline"], "2026-10-10T15:59:00Z");
  const std::string ticket = c["ticket"];
  const json t = get(ticket);
  EXPECT_EQ(t["charter_category"], "complaint");
  EXPECT_EQ(t["assignee"], "li.wei");
  EXPECT_EQ(t["status"], "technician_assigned");
  EXPECT_EQ(t["deadline"], c["deadline"]);
  std::vector<TicketEvent> events;
  std::string error;
  ASSERT_TRUE(store_->timeline(ticket, &events, &error)) << error;
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[1].kind, "assigned");
  EXPECT_EQ(events[1].actor, "system");
  EXPECT_EQ(events[1].at, now_);
  EXPECT_EQ(r.log_note, ticket);  // nothing to note

  // The same report again: the same ticket and terms, however late.
  now_ += 3600;
  const json again = json::parse(post(id, "360102", "complaint").body);
  EXPECT_EQ(again["ticket"], ticket);
  EXPECT_EQ(again["deadline"], c["deadline"]);
  EXPECT_EQ(again["assignee"], "li.wei");
}

TEST_F(CharterRouterTest, NewInstallationTakesFiveWorkingDaysInACityTenInACounty) {
  const json city =
      json::parse(post("3f1c2a4e-8b7d-4e2a-9c1f-000000000002", "360103", "new_installation").body);
  EXPECT_EQ(city["charter_category"], "new_installation");
  EXPECT_EQ(city["assignee"], "zhang.min");
  EXPECT_EQ(city["deadline"], "2026-10-13T15:59:00Z");  // 8, 9, 10, 12, 13
  const json county =
      json::parse(post("3f1c2a4e-8b7d-4e2a-9c1f-000000000003", "360121", "new_installation").body);
  EXPECT_EQ(county["assignee"], "chen.jie");
  EXPECT_EQ(county["deadline"], "2026-10-20T15:59:00Z");  // ... 14, 15, 16, 19, 20
  // Faults are counted in hours, holidays or not.
  const json fault =
      json::parse(post("3f1c2a4e-8b7d-4e2a-9c1f-000000000004", "360121", "no_picture").body);
  EXPECT_EQ(fault["charter_category"], "major_fault");
  EXPECT_EQ(fault["severity"], "major");
  EXPECT_EQ(fault["deadline"], "2026-10-03T15:59:00Z");
  const json general =
      json::parse(post("3f1c2a4e-8b7d-4e2a-9c1f-000000000005", "360121", "no_sound").body);
  EXPECT_EQ(general["charter_category"], "general_fault");
  EXPECT_EQ(general["deadline"], "2026-10-01T15:59:00Z");
  const json restore = json::parse(
      post("3f1c2a4e-8b7d-4e2a-9c1f-000000000006", "360121", "service_restoration").body);
  EXPECT_EQ(restore["charter_category"], "service_restoration");
  EXPECT_EQ(restore["deadline"], "2026-10-13T15:59:00Z");
}

TEST_F(CharterRouterTest, AnUnknownOrVacantAreaLeavesTheTicketUnassignedAndLogged) {
  const HttpResponse unknown =
      post("3f1c2a4e-8b7d-4e2a-9c1f-000000000007", "A01", "new_installation");
  ASSERT_EQ(unknown.status, 201) << unknown.body;
  const json u = json::parse(unknown.body);
  EXPECT_TRUE(u["assignee"].is_null());
  EXPECT_EQ(u["deadline"], "2026-10-13T15:59:00Z");  // counted as a city
  EXPECT_EQ(get(u["ticket"])["status"], "accepted");
  EXPECT_NE(unknown.log_note.find("area A01 is in no service area: unassigned, counted as city"),
            std::string::npos)
      << unknown.log_note;
  const HttpResponse vacant = post("3f1c2a4e-8b7d-4e2a-9c1f-000000000008", "360123", "complaint");
  ASSERT_EQ(vacant.status, 201) << vacant.body;
  EXPECT_TRUE(json::parse(vacant.body)["assignee"].is_null());
  EXPECT_NE(vacant.log_note.find("area 360123 has no worker: unassigned"), std::string::npos)
      << vacant.log_note;
}

TEST_F(CharterRouterTest, NotFixedReopensWithTheCharterDeadlineFromTheAnswer) {
  const HttpResponse r = post("3f1c2a4e-8b7d-4e2a-9c1f-000000000009", "360102", "complaint");
  ASSERT_EQ(r.status, 201) << r.body;
  const std::string ticket = json::parse(r.body)["ticket"];
  ChangeResult done;
  std::string error;
  now_ = at("2026-10-08T02:00:00Z");
  ASSERT_TRUE(store_->resolve(ticket, "li.wei", now_, &done, &error)) << error;
  // Friday 9 October 10:00 local: Sat 10 (worked), Mon 12, Tue 13.
  now_ = at("2026-10-09T02:00:00Z");
  const HttpResponse answer =
      service_->handle(apiRequest("POST", "/v1/tickets/" + ticket + "/return-visit",
                                  R"({"fixed": false, "score": 2})"),
                       kBox);
  ASSERT_EQ(answer.status, 200) << answer.body;
  const json t = get(ticket);
  EXPECT_EQ(t["status"], "technician_assigned");
  EXPECT_EQ(t["deadline"], "2026-10-13T02:00:00Z");
}

TEST(CharterTerms, WhatTheCharterDecidesAtAcceptance) {
  std::string error;
  const auto areas = ServiceAreas::fromJson(
      R"({"areas": [{"code": "c1", "name": "c", "kind": "county", "households": 10, "worker": "w"}]})",
      &error);
  ASSERT_TRUE(areas) << error;
  const DeadlinePolicy p = DeadlinePolicy::defaults();
  std::string note;
  const UtcSeconds monday = at("2026-11-30T10:00:00Z");
  const SubmitTerms t = charterTerms(p, *areas, "new_installation", "c1", monday, &note);
  EXPECT_EQ(t.charter_category, "new_installation");
  EXPECT_EQ(t.severity, Severity::kGeneral);
  EXPECT_EQ(t.assignee, "w");
  EXPECT_EQ(t.deadline, at("2026-12-14T10:00:00Z"));
  EXPECT_EQ(note, "");
  EXPECT_EQ(areaKindOf(*areas, "c1"), AreaKind::kCounty);
  EXPECT_EQ(areaKindOf(*areas, "zz"), AreaKind::kCity);
  const SubmitTerms none = charterTerms(p, *areas, "box_fault", "zz", monday, &note);
  EXPECT_EQ(none.charter_category, "major_fault");
  EXPECT_EQ(none.severity, Severity::kMajor);
  EXPECT_EQ(none.assignee, "");
  EXPECT_EQ(none.deadline, monday + 72 * 3600);
  EXPECT_NE(note.find("unassigned"), std::string::npos);
}

// serve refuses a bad --calendar or --areas file before it opens anything,
// with the file and the key in its one line.
TEST(ServeCharterFiles, ABadFileIsRefusedNamingTheKey) {
  ScratchDir dir("serve-charter");
  writeTextFile(dir / "cal.json", R"({"work_calendars": [{"year": 2026, "revision": 1,
      "days": [{"date": "2026-10-01", "type": "rest"}]}]})");
  writeTextFile(dir / "areas.json", R"({"areas": [{"code": "a", "name": "a", "kind": "town",
      "households": 1}]})");
  const std::vector<std::string> base = {"--db",  dir / "central.db", "--cert", dir / "none.pem",
                                         "--key", dir / "none.key",   "--ca",   dir / "none.pem"};
  const std::pair<std::vector<std::string>, std::string> cases[] = {
      {{"--calendar", dir / "cal.json"},
       "stb-central: calendar: " + (dir / "cal.json") +
           ": $.work_calendars[0].days[0].type: must be \"holiday\" or \"working_day\"\n"},
      {{"--calendar", dir / "missing.json"},
       "stb-central: calendar: " + (dir / "missing.json") + ": cannot read the file\n"},
      {{"--areas", dir / "areas.json"},
       "stb-central: " + (dir / "areas.json") +
           ": areas: areas[0].kind: must be \"city\" or \"county\"\n"},
  };
  for (const auto& [extra, expected] : cases) {
    std::vector<std::string> args = base;
    args.insert(args.end(), extra.begin(), extra.end());
    char* text = nullptr;
    size_t size = 0;
    std::FILE* err = open_memstream(&text, &size);
    ASSERT_NE(err, nullptr);
    EXPECT_EQ(runServeCli(args, stdout, err), kExitFailure);
    std::fclose(err);
    EXPECT_EQ(std::string(text, size), expected);
    std::free(text);
  }
}

TEST(ServeCharterFiles, ServeNamesTheCalendarsYearsAndWhatIsOverTheNorm) {
  std::string error;
  auto policy = DeadlinePolicy::fromJson(R"({"utc_offset_minutes": -330})", &error);
  ASSERT_TRUE(policy) << error;
  ASSERT_TRUE(useCalendarFile(STB_SOURCE_DIR "/tools/stb-notice/examples/work-calendar.json",
                              &*policy, &error))
      << error;
  const auto areas =
      ServiceAreas::load(STB_SOURCE_DIR "/tools/stb-central/areas.example.json", &error);
  ASSERT_TRUE(areas) << error;
  char* text = nullptr;
  size_t size = 0;
  std::FILE* err = open_memstream(&text, &size);
  ASSERT_NE(err, nullptr);
  describeCharter(*policy, *areas, err);
  std::fclose(err);
  EXPECT_EQ(std::string(text, size),
            "stb-central: working days of 2026, 2027 from the operator's calendar, dates in "
            "UTC-05:30 (the policy's utc_offset_minutes)\n"
            "stb-central: area 360103 has 5100 households, over the city norm of 4500\n"
            "stb-central: worker zhang.min serves 5100 households, 113 % of the norm\n"
            "stb-central: worker chen.jie serves 2300 households, 115 % of the norm\n");
  std::free(text);
}

}  // namespace
}  // namespace tools::central
