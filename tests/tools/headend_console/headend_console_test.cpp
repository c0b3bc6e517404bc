// The console end to end through handle(): login, a form with errors, an
// ordinary publish (signed, into the spool, in the audit log), revisions,
// a cancellation, and an emergency that waits for a second supervisor.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "dvb/notice/body_codec.h"
#include "dvb/notice/signed_object.h"
#include "tests/support/corpus.h"
#include "tools/stb-headend/console/console_text.h"
#include "tools/stb-headend/console/headend_console.h"
#include "tools/web/password.h"

namespace tools::headend::console {
namespace {

namespace fs = std::filesystem;
const char kPassword[] = "s3cret-pass";
constexpr int64_t kNow = 1'795'000'000;  // 2026-11-18

std::string setCookieValue(const web::Response& r, const std::string& name) {
  for (const auto& [n, v] : r.headers)
    if (n == "Set-Cookie" && v.rfind(name + "=", 0) == 0)
      return v.substr(name.size() + 1, v.find(';') - name.size() - 1);
  return "";
}

std::string csrfIn(const std::string& html) {
  std::smatch m;
  return std::regex_search(html, m, std::regex(R"re(name="csrf" value="([0-9a-f]{64})")re"))
             ? m[1].str()
             : "";
}

const char kNotice[] =
    "kind=planned_maintenance&priority=1&area=360102&prefixes=&nodes=&start=2026-11-29T08%3A00%"
    "3A00Z&end=2026-11-29T12%3A00%3A00Z&lead_hours=&title_zho=%E7%BB%B4%E6%8A%A4&body_zho=%E4%"
    "BB%8A%E6%99%9A&title_spa=&body_spa=&title_eng=Works&body_eng=Tonight&contact=96123";

struct Written {
  std::string dir, name;
  std::vector<dvb::Section> sections;
};

class HeadendConsoleTest : public testing::Test {
 protected:
  void SetUp() override {
    dir_ = testing::TempDir() + "headend-console-" + std::to_string(getpid());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    std::string error;
    staff_db_ = dir_ + "/staff.db";
    std::ofstream(staff_db_).close();
    staff_ = staff::StaffStore::open(staff_db_, headendRoles(), &error);
    ASSERT_NE(staff_, nullptr) << error;
    audit_ = AuditLog::open(dir_ + "/console.db", &error);
    ASSERT_NE(audit_, nullptr) << error;
    key_ = dvb::notice::PrivateKey::generate(dvb::notice::SignatureAlgorithm::Ed25519, &error);
    ASSERT_TRUE(key_) << error;
    for (auto [login, role] : {std::pair{"li", "editor"}, std::pair{"wang", "supervisor"},
                               std::pair{"zhao", "supervisor"}}) {
      staff::StaffMember m{login, login, role,
                           *web::hashPassword(kPassword, web::ScryptCost{10, 8, 1}), kNow};
      staff::StaffStore::AddOutcome outcome;
      ASSERT_TRUE(staff_->add(m, &outcome, &error)) << error;
    }
    HeadendConsoleOptions options;
    options.state_dir = dir_;
    options.spool_dir = dir_ + "/spool";
    options.areas = {{"360102", "Donghu"}};
    options.preview_program = previewProgram();
    options.write_spool = [this](const std::string& d, const std::string& n,
                                 const std::vector<dvb::Section>& s, std::string*) {
      written_.push_back({d, n, s});
      return true;
    };
    console_ =
        std::make_unique<HeadendConsole>(*staff_, *audit_, *key_, options, [] { return kNow; });
  }
  void TearDown() override {
    console_.reset();
    if (!HasFailure()) fs::remove_all(dir_);
  }

  web::Response send(const std::string& method, const std::string& target,
                     const std::string& cookie = "", const std::string& body = "") {
    web::Request r;
    r.method = method;
    const size_t q = target.find('?');
    r.path = target.substr(0, q);
    if (q != std::string::npos) r.query = target.substr(q + 1);
    if (!cookie.empty()) r.headers.emplace_back("cookie", cookie);
    if (method == "POST")
      r.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
    r.body = body;
    return console_->handle(r);
  }
  // The session's cookie header (English pages) and its CSRF token.
  std::pair<std::string, std::string> login(const std::string& login) {
    const web::Response form = send("GET", "/headend/login?lang=eng");
    const std::string token = setCookieValue(form, "stb_headend_login");
    const web::Response r =
        send("POST", "/headend/login", "stb_headend_login=" + token,
             "csrf=" + csrfIn(form.body) + "&login=" + login + "&password=" + kPassword + "&next=");
    EXPECT_EQ(r.status, 303) << r.body;
    const std::string cookie = "stb_lang=eng; stb_headend=" + setCookieValue(r, "stb_headend");
    return {cookie, csrfIn(send("GET", "/headend/notices", cookie).body)};
  }
  web::Response post(const std::pair<std::string, std::string>& who, const std::string& path,
                     const std::string& body) {
    return send("POST", path, who.first, "csrf=" + who.second + "&" + body);
  }
  // FORM previewed (the real stb-preview) by WHO, with the digest the page
  // hands back for Publish: what an editor's browser sends after reading it.
  std::string previewed(const std::pair<std::string, std::string>& who, const std::string& form) {
    const web::Response r = post(who, "/headend/new", form + "&action=preview");
    EXPECT_EQ(r.status, 200) << r.body;
    std::smatch m;
    if (!std::regex_search(r.body, m, std::regex("name=\"previewed\" value=\"([0-9a-f]{64})\"")))
      ADD_FAILURE() << "no previewed digest on the preview page";
    return form + "&previewed=" + (m.empty() ? std::string() : m[1].str());
  }
  virtual std::string previewProgram() const { return testing_support::binPath("stb-preview"); }
  std::vector<AuditRow> auditRows() {
    std::vector<AuditRow> rows;
    std::string error;
    EXPECT_TRUE(audit_->rows(100, &rows, &error)) << error;
    return rows;
  }
  // The notice in the last spool write, verified as a box would parse it.
  dvb::notice::Notice lastWritten(uint32_t* revision) {
    EXPECT_FALSE(written_.empty());
    std::string error;
    const auto object = dvb::notice::SignedObject::fromSections(written_.back().sections, &error);
    EXPECT_TRUE(object) << error;
    dvb::notice::Notice n;
    if (!object) return n;
    *revision = object->revision;
    EXPECT_TRUE(dvb::notice::decodeBody(object->body, &n, &error)) << error;
    return n;
  }

  std::string dir_, staff_db_;
  std::unique_ptr<staff::StaffStore> staff_;
  std::unique_ptr<AuditLog> audit_;
  std::optional<dvb::notice::PrivateKey> key_;
  std::unique_ptr<HeadendConsole> console_;
  std::vector<Written> written_;
};

TEST_F(HeadendConsoleTest, PagesNeedALoginAndPostsTheSessionsToken) {
  const web::Response r = send("GET", "/headend/new");
  EXPECT_EQ(r.status, 303);
  auto li = login("li");
  EXPECT_EQ(send("POST", "/headend/new", li.first, "csrf=bad&action=publish").status, 403);
  EXPECT_TRUE(written_.empty());
}

TEST_F(HeadendConsoleTest, ErrorsShowBesideTheirFieldsAndNothingIsPublished) {
  auto li = login("li");
  std::string bad = kNotice;
  bad = std::regex_replace(bad, std::regex("contact=96123"), "contact=call+me");
  bad = std::regex_replace(bad, std::regex("start=[^&]*"), "start=soon");
  const web::Response r = post(li, "/headend/new", bad + "&action=publish&revise=");
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("id=\"error-contact\""), std::string::npos);
  EXPECT_NE(r.body.find("id=\"error-start\""), std::string::npos);
  EXPECT_EQ(r.body.find("id=\"error-end\""), std::string::npos);
  EXPECT_NE(r.body.find("value=\"call me\""), std::string::npos);  // kept for correcting
  EXPECT_TRUE(written_.empty());
  EXPECT_TRUE(auditRows().empty());
}

TEST_F(HeadendConsoleTest, PublishSignsIntoTheSpoolAndAuditsWithTheSectionsHash) {
  auto li = login("li");
  const web::Response r = post(
      li, "/headend/new", previewed(li, std::string(kNotice) + "&revise=") + "&action=publish");
  ASSERT_EQ(r.status, 303) << r.body;
  ASSERT_EQ(written_.size(), 1u);
  EXPECT_EQ(written_[0].dir, dir_ + "/spool");
  EXPECT_EQ(written_[0].name, "console-notice-1");
  uint32_t revision = 0;
  const dvb::notice::Notice n = lastWritten(&revision);
  EXPECT_EQ(revision, 1u);
  ASSERT_EQ(n.texts.size(), 2u);
  const auto rows = auditRows();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].who, "li");
  EXPECT_EQ(rows[0].action, "publish");
  EXPECT_EQ(rows[0].table_id, 0xC0);
  EXPECT_EQ(rows[0].object_id, 1u);
  std::vector<uint8_t> all;
  for (const auto& s : written_[0].sections)
    all.insert(all.end(), s.bytes().begin(), s.bytes().end());
  EXPECT_EQ(rows[0].sha256, sha256Hex(all));

  // Revised from the list: same object, revision 2; then cancelled: revision 3.
  const web::Response form = send("GET", "/headend/new?revise=1", li.first);
  EXPECT_NE(form.body.find("value=\"Works\""), std::string::npos);
  ASSERT_EQ(post(li, "/headend/new",
                 previewed(li, std::string(kNotice) + "&revise=1") + "&action=publish")
                .status,
            303);
  lastWritten(&revision);
  EXPECT_EQ(revision, 2u);
  EXPECT_EQ(written_.back().name, "console-notice-1");
  ASSERT_EQ(post(li, "/headend/notices/1/cancel", "").status, 303);
  const dvb::notice::Notice cancelled = lastWritten(&revision);
  EXPECT_EQ(revision, 3u);
  EXPECT_TRUE(cancelled.cancelled());
  EXPECT_EQ(cancelled.end, n.end);
  EXPECT_EQ(cancelled.targeting.areas.size(), n.targeting.areas.size());
  const auto after = auditRows();
  ASSERT_EQ(after.size(), 3u);
  EXPECT_EQ(after[0].action, "cancel");
  EXPECT_EQ(after[1].action, "revise");
  EXPECT_NE(send("GET", "/headend/audit", li.first).body.find(after[0].sha256), std::string::npos);
}

TEST_F(HeadendConsoleTest, AnEmergencyWaitsForASupervisorOtherThanItsAuthor) {
  auto wang = login("wang");
  std::string emergency =
      std::regex_replace(std::string(kNotice), std::regex("planned_maintenance"), "emergency");
  ASSERT_EQ(post(wang, "/headend/new", previewed(wang, emergency + "&revise=") + "&action=publish")
                .status,
            303);
  EXPECT_TRUE(written_.empty());
  std::vector<PendingNotice> pending;
  std::string error;
  ASSERT_TRUE(audit_->pending(&pending, &error));
  ASSERT_EQ(pending.size(), 1u);
  const std::string approve = "/headend/pending/" + std::to_string(pending[0].id) + "/approve";
  // Neither an editor nor the author may approve; the list offers them no button.
  auto li = login("li");
  EXPECT_EQ(send("GET", "/headend/notices", li.first).body.find("id=\"approve-"),
            std::string::npos);
  EXPECT_EQ(post(li, approve, "").status, 403);
  EXPECT_EQ(post(wang, approve, "").status, 403);
  EXPECT_TRUE(written_.empty());
  auto zhao = login("zhao");
  const std::string list = send("GET", "/headend/notices", zhao.first).body;
  EXPECT_NE(list.find("id=\"approve-"), std::string::npos);
  // The approver reads the whole notice beside the button: times, texts, contact.
  for (const char* shown :
       {"2026-11-29T08:00:00Z", "2026-11-29T12:00:00Z", "Works", "Tonight", "96123", "360102"})
    EXPECT_NE(list.find(shown), std::string::npos) << shown;
  ASSERT_EQ(post(zhao, approve, "").status, 303);
  ASSERT_EQ(written_.size(), 1u);
  uint32_t revision = 0;
  EXPECT_EQ(lastWritten(&revision).kind, dvb::notice::NoticeKind::kEmergency);
  const auto rows = auditRows();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].action, "publish");
  EXPECT_EQ(rows[0].who, "wang");
  EXPECT_EQ(rows[1].action, "approve");
  EXPECT_EQ(rows[1].who, "zhao");
  EXPECT_EQ(rows[0].sha256, rows[1].sha256);
  ASSERT_TRUE(audit_->pending(&pending, &error));
  EXPECT_TRUE(pending.empty());
}

TEST_F(HeadendConsoleTest, OnlyWhatWasPreviewedAndNotChangedSinceIsPublished) {
  auto li = login("li");
  // Never previewed: refused, nothing signed.
  web::Response r = post(li, "/headend/new", std::string(kNotice) + "&action=publish&revise=");
  EXPECT_EQ(r.status, 409);
  EXPECT_NE(r.body.find(consoleCatalogue().text("eng", "form.preview_first")), std::string::npos)
      << r.body;
  // Previewed, then the body changed before Publish: refused too.
  const std::string read = previewed(li, std::string(kNotice) + "&revise=");
  const std::string changed =
      std::regex_replace(read, std::regex("contact=96123"), "contact=96000");
  ASSERT_NE(changed, read);
  EXPECT_EQ(post(li, "/headend/new", changed + "&action=publish").status, 409);
  EXPECT_TRUE(written_.empty());
  EXPECT_TRUE(auditRows().empty());
  // As read: published.
  EXPECT_EQ(post(li, "/headend/new", read + "&action=publish").status, 303);
  EXPECT_EQ(written_.size(), 1u);
}

class HeadendConsoleNoPreviewTest : public HeadendConsoleTest {
  std::string previewProgram() const override { return dir_ + "/no-such-stb-preview"; }
};

TEST_F(HeadendConsoleNoPreviewTest, PreviewFailureIsShownNotHidden) {
  auto li = login("li");
  const web::Response r =
      post(li, "/headend/new", std::string(kNotice) + "&action=preview&revise=");
  // No stb-preview under this name: the reason is on the page.
  EXPECT_EQ(r.status, 502);
  EXPECT_NE(r.body.find("id=\"preview-error\""), std::string::npos);
  EXPECT_TRUE(written_.empty());
}

TEST(HeadendSigningKey, RefusedWhenOthersCanReadIt) {
  const std::string path = testing::TempDir() + "console-key-" + std::to_string(getpid()) + ".pem";
  std::string error;
  const auto key =
      dvb::notice::PrivateKey::generate(dvb::notice::SignatureAlgorithm::Ed25519, &error);
  ASSERT_TRUE(key) << error;
  std::ofstream(path) << key->pem();
  ::chmod(path.c_str(), 0640);
  EXPECT_FALSE(loadSigningKey(path, &error));
  EXPECT_NE(error.find("mode 640"), std::string::npos) << error;
  ::chmod(path.c_str(), 0600);
  EXPECT_TRUE(loadSigningKey(path, &error)) << error;
  fs::remove(path);
}

}  // namespace
}  // namespace tools::headend::console

namespace tools::headend::console {
namespace {

TEST(HeadendConsoleText, EveryKeyInEveryLanguage) {
  for (const char* lang : {"spa", "eng"})
    EXPECT_TRUE(consoleCatalogue().missing(lang).empty()) << lang;
  EXPECT_EQ(consoleCatalogue().text("spa", "login.title"), "Acceso del personal");
  EXPECT_EQ(consoleCatalogue().text("zho", "nav.audit"), "审计日志");
}

}  // namespace
}  // namespace tools::headend::console
