// CentralService without the network: every status the API documents.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/tools/stb_central/stb_central_test_util.h"
#include "tools/stb-central/router.h"

namespace tools::central {
namespace {

using nlohmann::json;
using stb_central_test::apiRequest;
using stb_central_test::reportJson;
using stb_central_test::ScratchDir;

const char kId[] = "3f1c2a4e-8b7d-4e2a-9c1f-0a1b2c3d4e5f";
const char kBox[] = "STB-TEST-0001";
const UtcSeconds kNow = *dvb::parseIso8601("2026-11-28T09:00:00Z");

const std::string* header(const HttpResponse& r, const std::string& name) {
  for (const auto& [n, v] : r.headers)
    if (n == name) return &v;
  return nullptr;
}

class RouterTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    store_ = TicketStore::open(dir_ / "central.db", &error);
    ASSERT_TRUE(store_) << error;
    service_ = std::make_unique<CentralService>(*store_, DeadlinePolicy::defaults(),
                                                ServiceOptions{}, [] { return kNow; });
  }
  HttpResponse post(const std::string& body, const std::string& key = kId,
                    const std::string& cn = kBox) {
    return service_->handle(apiRequest("POST", "/v1/reports", body, key), cn);
  }
  ScratchDir dir_{"router"};
  std::unique_ptr<TicketStore> store_;
  std::unique_ptr<CentralService> service_;
};

TEST_F(RouterTest, PostReportCreatesThenReplaysThenConflicts) {
  const HttpResponse created = post(reportJson(kId, kBox));
  ASSERT_EQ(created.status, 201) << created.body;
  const json c = json::parse(created.body);
  EXPECT_EQ(c["ticket"], "T20261128-000001");
  EXPECT_EQ(c["status"], "accepted");
  EXPECT_EQ(c["severity"], "major");
  EXPECT_EQ(c["category"], "no_picture");
  EXPECT_EQ(c["charter_category"], "major_fault");
  // 72 h from acceptance (kNow), not from the box's created.
  EXPECT_EQ(c["deadline"], "2026-12-01T09:00:00Z");
  EXPECT_TRUE(c["assignee"].is_null());
  EXPECT_EQ(c["hotline"], "96123");
  ASSERT_NE(header(created, "Location"), nullptr);
  EXPECT_EQ(*header(created, "Location"), "/v1/tickets/T20261128-000001");

  const HttpResponse replay = post(reportJson(kId, kBox));
  EXPECT_EQ(replay.status, 200);
  EXPECT_EQ(json::parse(replay.body)["ticket"], "T20261128-000001");

  const HttpResponse conflict = post(reportJson(kId, kBox, "no_sound"));
  EXPECT_EQ(conflict.status, 409);
  EXPECT_EQ(json::parse(conflict.body)["error"], "idempotency_conflict");
}

TEST_F(RouterTest, PostReportRefusals) {
  EXPECT_EQ(post(reportJson(kId, kBox), "").status, 400);
  EXPECT_EQ(post(reportJson(kId, kBox), "nope").status, 400);
  EXPECT_EQ(json::parse(
                post(reportJson(kId, kBox), "00000000-0000-4000-8000-000000000001").body)["error"],
            "idempotency_key_mismatch");
  EXPECT_EQ(post(reportJson(kId, kBox), kId, "STB-TEST-0002").status, 403);
  EXPECT_EQ(post("{not json").status, 400);
  std::string twice = reportJson(kId, kBox);
  twice.replace(twice.find("\"box_id\""), 0, "\"box_id\": \"STB-TEST-0002\", ");
  const HttpResponse repeated = post(twice);
  EXPECT_EQ(repeated.status, 400);
  EXPECT_EQ(json::parse(repeated.body)["error"], "duplicate_field");
  EXPECT_EQ(json::parse(repeated.body)["message"], "key \"box_id\" is repeated");
  std::string future = reportJson(kId, kBox);
  future.replace(future.find("2026-11-27T08"), 13, "2026-11-29T08");
  EXPECT_EQ(post(future).status, 400);
  HttpRequest form = apiRequest("POST", "/v1/reports", reportJson(kId, kBox), kId);
  form.headers[1].second = "application/x-www-form-urlencoded";
  EXPECT_EQ(service_->handle(form, kBox).status, 415);
  std::vector<Ticket> all;
  std::string error;
  ASSERT_TRUE(store_->listTickets(&all, &error));
  EXPECT_TRUE(all.empty());
}

TEST_F(RouterTest, KeyIsCaseInsensitive) {
  ASSERT_EQ(post(reportJson(kId, kBox), "3F1C2A4E-8B7D-4E2A-9C1F-0A1B2C3D4E5F").status, 201);
}

TEST_F(RouterTest, GetTicketOnlyForItsOwnBox) {
  ASSERT_EQ(post(reportJson(kId, kBox)).status, 201);
  const HttpResponse mine =
      service_->handle(apiRequest("GET", "/v1/tickets/T20261128-000001"), kBox);
  ASSERT_EQ(mine.status, 200);
  const json t = json::parse(mine.body);
  EXPECT_EQ(t["status"], "accepted");
  EXPECT_EQ(t["category"], "no_picture");
  EXPECT_EQ(t["severity"], "major");
  EXPECT_EQ(t["updated"], "2026-11-28T09:00:00Z");
  EXPECT_EQ(
      service_->handle(apiRequest("GET", "/v1/tickets/T20261128-000001"), "STB-TEST-0002").status,
      403);
  EXPECT_EQ(service_->handle(apiRequest("GET", "/v1/tickets/T20261128-000002"), kBox).status, 404);
  EXPECT_EQ(service_->handle(apiRequest("GET", "/v1/tickets/nonsense"), kBox).status, 404);
  EXPECT_EQ(service_->handle(apiRequest("DELETE", "/v1/tickets/T20261128-000001"), kBox).status,
            405);
  EXPECT_EQ(service_->handle(apiRequest("GET", "/v1/reports"), kBox).status, 405);
  EXPECT_EQ(service_->handle(apiRequest("GET", "/"), kBox).status, 404);
}

TEST_F(RouterTest, ReturnVisitAfterResolution) {
  ASSERT_EQ(post(reportJson(kId, kBox)).status, 201);
  const std::string path = "/v1/tickets/T20261128-000001/return-visit";
  const std::string answer = R"({"fixed": true, "score": 5})";
  const HttpResponse early = service_->handle(apiRequest("POST", path, answer), kBox);
  EXPECT_EQ(early.status, 409);
  EXPECT_EQ(json::parse(early.body)["error"], "not_resolved");
  ChangeOutcome outcome;
  std::string error;
  ASSERT_TRUE(store_->setStatus("T20261128-000001", TicketStatus::kResolved, "test", kNow, &outcome,
                                &error));
  EXPECT_EQ(service_->handle(apiRequest("POST", path, answer), "STB-TEST-0002").status, 403);
  EXPECT_EQ(
      service_->handle(apiRequest("POST", path, R"({"fixed": true, "score": 9})"), kBox).status,
      400);
  EXPECT_EQ(service_->handle(apiRequest("POST", path, answer), kBox).status, 200);
  const HttpResponse again = service_->handle(apiRequest("POST", path, answer), kBox);
  EXPECT_EQ(again.status, 409);
  EXPECT_EQ(json::parse(again.body)["error"], "already_answered");
  EXPECT_EQ(
      service_
          ->handle(apiRequest("POST", "/v1/tickets/T20261128-000009/return-visit", answer), kBox)
          .status,
      404);
}

TEST_F(RouterTest, RefusingGives503WithRetryAfter) {
  ServiceOptions options;
  options.refuse_retry_after = 120;
  CentralService refusing(*store_, DeadlinePolicy::defaults(), options, [] { return kNow; });
  const HttpResponse r =
      refusing.handle(apiRequest("POST", "/v1/reports", reportJson(kId, kBox), kId), kBox);
  EXPECT_EQ(r.status, 503);
  ASSERT_NE(header(r, "Retry-After"), nullptr);
  EXPECT_EQ(*header(r, "Retry-After"), "120");
}

}  // namespace
}  // namespace tools::central
