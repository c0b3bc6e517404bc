// An incident's confirmation puts its outage notice into the spool before
// the store records it; resolving writes the cancellation. A refused notice
// leaves the incident as it was.
#include "tools/stb-central/incident_notice.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "tools/stb-central/report_validation.h"
#include "tools/stb-notice/verify.h"

namespace tools::central {
namespace {

namespace fs = std::filesystem;

const UtcSeconds kNow = *dvb::parseIso8601("2026-12-05T04:00:00Z");
const UtcSeconds kRestore = *dvb::parseIso8601("2026-12-05T07:40:00Z");

class IncidentNoticeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::TempDir() + "incident-notice-" + std::to_string(getpid());
    fs::remove_all(dir_);
    fs::create_directories(dir_ + "/spool");
    std::string error;
    const auto key =
        dvb::notice::PrivateKey::generate(dvb::notice::SignatureAlgorithm::Ed25519, &error);
    ASSERT_TRUE(key) << error;
    std::ofstream(dir_ + "/operator.key.pem") << key->pem();
    ::chmod((dir_ + "/operator.key.pem").c_str(), 0600);
    std::ofstream(dir_ + "/operator.pub.pem") << key->publicKey().pem();
    publisher_ = OutagePublisher::open(dir_ + "/spool", dir_ + "/operator.key.pem", &error);
    ASSERT_TRUE(publisher_) << error;
    settings_.publisher = &*publisher_;
    settings_.utc_offset_minutes = 480;
    settings_.contact = "96123";
    store_ = TicketStore::open(dir_ + "/central.db", &error);
    ASSERT_TRUE(store_) << error;
    store_->setIncidentRules(IncidentRules{});
    for (int n = 1; n <= 3; ++n) {
      NewReport r;
      ValidationError problem;
      const std::string id = "00000000-0000-4000-8000-00000000000" + std::to_string(n);
      const std::string body =
          R"({"report_id": ")" + id +
          R"(", "box_id": "STB-TEST-0001", "smartcard_id": "8100123456", "area_code": "360102",)"
          R"( "category": "no_picture", "created": "2026-12-05T03:50:00Z", "diagnostics": {}})";
      ASSERT_TRUE(parseReport(body, &r, &problem)) << problem.message;
      SubmitResult result;
      ASSERT_TRUE(store_->submit(r,
                                 SubmitTerms{Severity::kGeneral, "general_fault", kNow + 86400, ""},
                                 kNow - 600 + n, &result, &error))
          << error;
    }
    std::vector<Incident> open;
    ASSERT_TRUE(store_->listIncidents(true, &open, &error)) << error;
    ASSERT_EQ(open.size(), 1u);
    id_ = open[0].id;
  }
  void TearDown() override { fs::remove_all(dir_); }

  Incident incident() {
    std::optional<Incident> i;
    std::string error;
    EXPECT_TRUE(store_->findIncident(id_, &i, &error)) << error;
    return i.value_or(Incident{});
  }

  // The spool file as stb-notice verifies it: (revision, cancelled).
  std::pair<uint32_t, bool> spooled() {
    notice::VerifyOptions options;
    options.source = dir_ + "/spool/" + outageSpoolName(id_) + ".bin";
    options.trust = {dir_ + "/operator.pub.pem"};
    options.now = kNow;
    notice::VerifyReport report;
    std::string error;
    EXPECT_TRUE(notice::runVerify(options, &report, &error)) << error;
    EXPECT_TRUE(report.ok());
    if (report.objects.size() != 1 || !report.objects[0].verified()) return {0, false};
    const auto& n = std::get<dvb::notice::Notice>(*report.objects[0].body);
    EXPECT_EQ(n.targeting.areas.at(0).digits, "360102");
    return {report.objects[0].envelope->revision, n.cancelled()};
  }

  std::string dir_;
  std::optional<OutagePublisher> publisher_;
  OutageNoticeSettings settings_;
  std::unique_ptr<TicketStore> store_;
  int64_t id_ = 0;
};

TEST_F(IncidentNoticeTest, ConfirmPublishesThenRecordsResolveWithdraws) {
  IncidentMove move;
  std::string error;
  ASSERT_TRUE(
      confirmWithNotice(*store_, settings_, id_, "wang.boss", kRestore, kNow, &move, &error))
      << error;
  EXPECT_EQ(move.outcome, IncidentOutcome::kDone);
  ASSERT_TRUE(move.notice_written);
  Incident i = incident();
  EXPECT_EQ(i.status, IncidentStatus::kConfirmed);
  EXPECT_EQ(i.notice_object_id, outageObjectId(id_));
  EXPECT_EQ(i.notice_revision, 1u);
  EXPECT_EQ(i.notice_sha256, move.spooled.sha256);
  EXPECT_EQ(spooled(), std::make_pair(1u, false));

  // A new restore time: the next revision of the same notice.
  ASSERT_TRUE(confirmWithNotice(*store_, settings_, id_, "wang.boss", kRestore + 3600, kNow + 60,
                                &move, &error))
      << error;
  EXPECT_EQ(incident().notice_revision, 2u);
  EXPECT_EQ(spooled(), std::make_pair(2u, false));

  ASSERT_TRUE(resolveWithNotice(*store_, settings_, id_, "wang.boss", kNow + 120, &move, &error))
      << error;
  EXPECT_EQ(move.outcome, IncidentOutcome::kDone);
  i = incident();
  EXPECT_EQ(i.status, IncidentStatus::kResolved);
  EXPECT_EQ(i.notice_revision, 3u);
  EXPECT_EQ(spooled(), std::make_pair(3u, true));
  std::vector<Ticket> tickets;
  ASSERT_TRUE(store_->incidentTickets(id_, &tickets, &error)) << error;
  ASSERT_EQ(tickets.size(), 3u);
  for (const Ticket& t : tickets) EXPECT_EQ(t.status, TicketStatus::kResolved) << t.ticket;

  // Resolved: nothing more to do, the spool untouched.
  ASSERT_TRUE(resolveWithNotice(*store_, settings_, id_, "wang.boss", kNow + 180, &move, &error));
  EXPECT_EQ(move.outcome, IncidentOutcome::kWrongStatus);
  EXPECT_FALSE(move.notice_written);
}

TEST_F(IncidentNoticeTest, RefusedNoticeLeavesTheIncidentSuspected) {
  fs::remove_all(dir_ + "/spool");
  IncidentMove move;
  std::string error;
  EXPECT_FALSE(
      confirmWithNotice(*store_, settings_, id_, "wang.boss", kRestore, kNow, &move, &error));
  EXPECT_NE(error.find("no such directory"), std::string::npos) << error;
  const Incident i = incident();
  EXPECT_EQ(i.status, IncidentStatus::kSuspected);
  EXPECT_FALSE(i.notice_object_id);
  EXPECT_FALSE(i.confirmed_at);
}

TEST_F(IncidentNoticeTest, WithdrawalRefusedLeavesTheIncidentOpen) {
  IncidentMove move;
  std::string error;
  ASSERT_TRUE(
      confirmWithNotice(*store_, settings_, id_, "wang.boss", kRestore, kNow, &move, &error))
      << error;
  fs::remove_all(dir_ + "/spool");
  EXPECT_FALSE(resolveWithNotice(*store_, settings_, id_, "wang.boss", kNow + 60, &move, &error));
  EXPECT_EQ(incident().status, IncidentStatus::kConfirmed);
  EXPECT_EQ(incident().notice_revision, 1u);
}

TEST_F(IncidentNoticeTest, WithoutAPublisherTheStoreAloneMoves) {
  IncidentMove move;
  std::string error;
  ASSERT_TRUE(confirmWithNotice(*store_, OutageNoticeSettings{}, id_, "wang.boss", kRestore, kNow,
                                &move, &error))
      << error;
  EXPECT_FALSE(move.notice_written);
  EXPECT_EQ(incident().status, IncidentStatus::kConfirmed);
  EXPECT_FALSE(incident().notice_object_id);
  EXPECT_TRUE(fs::is_empty(dir_ + "/spool"));
}

}  // namespace
}  // namespace tools::central
