// The unplanned-outage notice of an incident: what stb-central writes into
// stb-headend's spool, read back by stb-notice's verifier as a box would.
#include "tools/stb-central/outage_notice.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <variant>

#include "dvb/notice/notice.h"
#include "tools/stb-notice/verify.h"

namespace tools::central {
namespace {

namespace fs = std::filesystem;

constexpr UtcSeconds kConfirmed = 1796443200;  // 2026-12-05T04:00:00Z, 12:00 in Nanchang
constexpr UtcSeconds kRestore = 1796456400;    // 2026-12-05T07:40:00Z, 15:40 in Nanchang

class OutageNoticeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::TempDir() + "outage-notice-" + std::to_string(getpid());
    fs::remove_all(dir_);
    fs::create_directories(dir_ + "/spool");
    std::string error;
    const auto key =
        dvb::notice::PrivateKey::generate(dvb::notice::SignatureAlgorithm::Ed25519, &error);
    ASSERT_TRUE(key) << error;
    key_path_ = dir_ + "/operator.key.pem";
    pub_path_ = dir_ + "/operator.pub.pem";
    std::ofstream(key_path_) << key->pem();
    ::chmod(key_path_.c_str(), 0600);
    std::ofstream(pub_path_) << key->publicKey().pem();
  }
  void TearDown() override { fs::remove_all(dir_); }

  static OutageFacts facts() {
    OutageFacts f;
    f.incident_id = 7;
    f.area_code = "360102";
    f.start = kConfirmed;
    f.expected_restore = kRestore;
    f.utc_offset_minutes = 480;
    f.contact = "96123";
    return f;
  }

  // The spool file as a box would take it: verified against the test key.
  dvb::notice::Notice verifiedNotice(const std::string& path, uint32_t* object_id,
                                     uint32_t* revision) {
    notice::VerifyOptions options;
    options.source = path;
    options.trust = {pub_path_};
    options.now = kConfirmed;
    notice::VerifyReport report;
    std::string error;
    EXPECT_TRUE(notice::runVerify(options, &report, &error)) << error;
    EXPECT_TRUE(report.ok());
    EXPECT_EQ(report.objects.size(), 1u);
    if (report.objects.size() != 1 || !report.objects[0].verified()) return {};
    const notice::ObjectResult& o = report.objects[0];
    *object_id = o.envelope->object_id;
    *revision = o.envelope->revision;
    EXPECT_EQ(o.table_id, 0xC0);
    EXPECT_TRUE(std::holds_alternative<dvb::notice::Notice>(*o.body));
    return std::get<dvb::notice::Notice>(*o.body);
  }

  std::string dir_, key_path_, pub_path_;
};

TEST(OutageObjectId, ReservedRangeKeepsItsOwnTableIdExtensions) {
  EXPECT_EQ(outageObjectId(1), 0x7F00F001u);
  EXPECT_EQ(outageObjectId(4095), 0x7F00FFFFu);
  EXPECT_EQ(outageObjectId(4096), 0x7F01F000u);
  EXPECT_EQ(outageObjectId(kMaxOutageIncidentId), 0x7FFFFFFFu);
  EXPECT_FALSE(outageObjectId(0));
  EXPECT_FALSE(outageObjectId(kMaxOutageIncidentId + 1));
  // Every id's low 16 bits (the table_id_extension) in 0xF000-0xFFFF.
  for (int64_t id : {1, 2, 100, 4095, 4096, 65535, 65536, 1000000})
    EXPECT_GE(*outageObjectId(id) & 0xFFFF, 0xF000u) << id;
}

TEST(OutageUntil, LocalTimeOfDayAndTheDateWhenLater) {
  OutageFacts f;
  f.start = kConfirmed;
  f.expected_restore = kRestore;
  f.utc_offset_minutes = 480;
  EXPECT_EQ(outageUntilText(f, "eng"), "15:40");
  EXPECT_EQ(outageUntilText(f, "zho"), "15:40");
  // 16:30 UTC is 00:30 the next local day.
  f.expected_restore = kConfirmed + 12 * 3600 + 30 * 60;
  EXPECT_EQ(outageUntilText(f, "eng"), "00:30 on 6 Dec");
  EXPECT_EQ(outageUntilText(f, "spa"), "00:30 del 6 de diciembre");
  EXPECT_EQ(outageUntilText(f, "zho"), "12月6日00:30");
}

TEST_F(OutageNoticeTest, PublishedNoticeVerifiesWithAreaTimesAndThreeTexts) {
  std::string error;
  const auto publisher = OutagePublisher::open(dir_ + "/spool", key_path_, &error);
  ASSERT_TRUE(publisher) << error;
  const auto spooled = publisher->publish(facts(), 1, kConfirmed, &error);
  ASSERT_TRUE(spooled) << error;
  EXPECT_EQ(spooled->path, dir_ + "/spool/central-incident-7.bin");
  EXPECT_EQ(spooled->object_id, 0x7F00F007u);
  EXPECT_EQ(spooled->revision, 1u);
  EXPECT_EQ(spooled->sha256.size(), 64u);

  uint32_t object_id = 0, revision = 0;
  const dvb::notice::Notice n = verifiedNotice(spooled->path, &object_id, &revision);
  EXPECT_EQ(object_id, spooled->object_id);
  EXPECT_EQ(revision, 1u);
  EXPECT_EQ(n.kind, dvb::notice::NoticeKind::kUnplannedOutage);
  EXPECT_FALSE(n.cancelled());
  EXPECT_EQ(n.start, kConfirmed);
  EXPECT_EQ(n.end, kRestore);
  ASSERT_EQ(n.targeting.areas.size(), 1u);
  EXPECT_EQ(n.targeting.areas[0].digits, "360102");
  EXPECT_EQ(n.contact, "96123");
  ASSERT_EQ(n.texts.size(), 3u);
  EXPECT_EQ(n.texts[0].language, "zho");
  EXPECT_EQ(n.texts[0].body.utf8, "您所在区域有已知故障，预计15:40恢复服务。如有疑问请拨打96123。");
  EXPECT_EQ(n.texts[1].language, "spa");
  EXPECT_EQ(n.texts[1].body.utf8,
            "Hay una avería conocida en su zona. Está previsto que el servicio vuelva a las "
            "15:40. Información: 96123.");
  EXPECT_EQ(n.texts[2].language, "eng");
  EXPECT_EQ(n.texts[2].title.utf8, "Known outage");
  EXPECT_EQ(n.texts[2].body.utf8,
            "Known outage in your area, service expected back at 15:40. Enquiries: 96123.");
}

TEST_F(OutageNoticeTest, WithdrawalIsTheCancellationOverTheSameFile) {
  std::string error;
  const auto publisher = OutagePublisher::open(dir_ + "/spool", key_path_, &error);
  ASSERT_TRUE(publisher) << error;
  const auto published = publisher->publish(facts(), 1, kConfirmed, &error);
  ASSERT_TRUE(published) << error;
  const auto withdrawn = publisher->withdraw(facts(), published->revision, kConfirmed + 60, &error);
  ASSERT_TRUE(withdrawn) << error;
  EXPECT_EQ(withdrawn->path, published->path);
  EXPECT_EQ(withdrawn->object_id, published->object_id);
  EXPECT_EQ(withdrawn->revision, 2u);
  EXPECT_NE(withdrawn->sha256, published->sha256);
  // One file in the spool, holding the cancellation alone.
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_ + "/spool"), fs::directory_iterator()), 1);
  uint32_t object_id = 0, revision = 0;
  const dvb::notice::Notice n = verifiedNotice(withdrawn->path, &object_id, &revision);
  EXPECT_EQ(object_id, published->object_id);
  EXPECT_EQ(revision, 2u);
  EXPECT_TRUE(n.cancelled());
  EXPECT_TRUE(n.texts.empty());
  EXPECT_EQ(n.end, kRestore);
  ASSERT_EQ(n.targeting.areas.size(), 1u);
  EXPECT_EQ(n.targeting.areas[0].digits, "360102");
}

TEST_F(OutageNoticeTest, GroupReadableKeyIsRefused) {
  ::chmod(key_path_.c_str(), 0640);
  std::string error;
  EXPECT_FALSE(OutagePublisher::open(dir_ + "/spool", key_path_, &error));
  EXPECT_NE(error.find("mode 640"), std::string::npos) << error;
}

TEST_F(OutageNoticeTest, MissingSpoolDirIsAClearErrorAndWritesNothing) {
  std::string error;
  EXPECT_FALSE(OutagePublisher::open(dir_ + "/no-spool", key_path_, &error));
  EXPECT_NE(error.find("outage spool " + dir_ + "/no-spool: No such file"), std::string::npos)
      << error;
  // The spool gone after the start: publishing says so and writes nothing.
  auto publisher = OutagePublisher::open(dir_ + "/spool", key_path_, &error);
  ASSERT_TRUE(publisher) << error;
  fs::remove_all(dir_ + "/spool");
  error.clear();
  EXPECT_FALSE(publisher->publish(facts(), 1, kConfirmed, &error));
  EXPECT_NE(error.find("no such directory"), std::string::npos) << error;
  EXPECT_FALSE(fs::exists(dir_ + "/spool"));
}

TEST_F(OutageNoticeTest, AreaThatIsNoDivisionCodeIsRefusedByTheNoticeCheck) {
  std::string error;
  const auto publisher = OutagePublisher::open(dir_ + "/spool", key_path_, &error);
  ASSERT_TRUE(publisher) << error;
  OutageFacts f = facts();
  f.area_code = "north-1";
  EXPECT_FALSE(publisher->publish(f, 1, kConfirmed, &error));
  EXPECT_NE(error.find("the outage notice is refused; $.targets.areas[0]"), std::string::npos)
      << error;
  f = facts();
  f.expected_restore = f.start;  // not after the confirmation
  EXPECT_FALSE(publisher->publish(f, 1, kConfirmed, &error));
  EXPECT_NE(error.find("$.end"), std::string::npos) << error;
  EXPECT_TRUE(fs::is_empty(dir_ + "/spool"));
}

}  // namespace
}  // namespace tools::central
