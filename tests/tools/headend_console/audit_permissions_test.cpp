// The audit log's rows and revision numbering, and who may approve.
#include <gtest/gtest.h>

#include <filesystem>

#include "tools/stb-headend/console/audit_log.h"
#include "tools/stb-headend/console/permissions.h"

namespace tools::headend::console {
namespace {

TEST(HeadendPermissions, AnEmergencyNeedsASecondPersonWhoIsASupervisor) {
  EXPECT_FALSE(allowed(Role::kEditor, "li", Action::kApprove, "wang"));
  EXPECT_FALSE(allowed(Role::kSupervisor, "wang", Action::kApprove, "wang"));
  EXPECT_TRUE(allowed(Role::kSupervisor, "zhao", Action::kApprove, "wang"));
  EXPECT_FALSE(allowed(Role::kSupervisor, "zhao", Action::kApprove, ""));
  for (Action a : {Action::kWrite, Action::kPublish, Action::kCancel})
    EXPECT_TRUE(allowed(Role::kEditor, "li", a));
  EXPECT_EQ(parseRole("supervisor"), Role::kSupervisor);
  EXPECT_EQ(parseRole("worker"), std::nullopt);
  EXPECT_EQ(headendRoles(), (std::vector<std::string>{"editor", "supervisor"}));
}

class AuditLogTest : public testing::Test {
 protected:
  void SetUp() override {
    path_ = testing::TempDir() + "audit-" + std::to_string(getpid()) + ".db";
    std::filesystem::remove(path_);
    std::string error;
    log_ = AuditLog::open(path_, &error);
    ASSERT_NE(log_, nullptr) << error;
  }
  void TearDown() override {
    log_.reset();
    std::filesystem::remove(path_);
  }
  void add(const std::string& action, uint32_t object, uint32_t revision, int64_t when) {
    std::string error;
    AuditRow r{0, "li", when, action, 0xC0, object, revision, std::string(64, 'a'), "{}"};
    ASSERT_TRUE(log_->add(r, &error)) << error;
  }
  std::string path_;
  std::unique_ptr<AuditLog> log_;
};

TEST_F(AuditLogTest, RevisionIsOneMoreThanTheLastPublished) {
  std::string error;
  uint32_t next = 0;
  ASSERT_TRUE(log_->nextRevision(0xC0, 5, &next, &error)) << error;
  EXPECT_EQ(next, 1u);
  add("publish", 5, 1, 100);
  add("revise", 5, 2, 200);
  add("approve", 5, 9, 250);  // an approval is no revision of its own
  add("publish", 6, 1, 300);
  ASSERT_TRUE(log_->nextRevision(0xC0, 5, &next, &error));
  EXPECT_EQ(next, 3u);
  ASSERT_TRUE(log_->nextRevision(0xC1, 5, &next, &error));
  EXPECT_EQ(next, 1u);  // another table's object 5
  add("cancel", 5, 3, 400);
  ASSERT_TRUE(log_->nextRevision(0xC0, 5, &next, &error));
  EXPECT_EQ(next, 4u);
  uint32_t id = 0;
  ASSERT_TRUE(log_->nextObjectId(0xC0, &id, &error));
  EXPECT_EQ(id, 7u);
}

TEST_F(AuditLogTest, RowsNewestFirstAndTheLatestOfEachObject) {
  add("publish", 1, 1, 100);
  add("publish", 2, 1, 110);
  add("revise", 1, 2, 120);
  add("cancel", 2, 2, 130);
  std::string error;
  std::vector<AuditRow> rows;
  ASSERT_TRUE(log_->rows(10, &rows, &error)) << error;
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0].action, "cancel");
  EXPECT_EQ(rows[0].when, 130);
  EXPECT_EQ(rows[0].who, "li");
  EXPECT_EQ(rows[0].table_id, 0xC0);
  EXPECT_EQ(rows[0].sha256, std::string(64, 'a'));
  ASSERT_TRUE(log_->published(0xC0, &rows, &error));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].object_id, 1u);
  EXPECT_EQ(rows[0].revision, 2u);
  EXPECT_EQ(rows[1].action, "cancel");
}

TEST_F(AuditLogTest, PendingEmergenciesAndTheirIds) {
  std::string error;
  int64_t id = 0;
  ASSERT_TRUE(log_->addPending({0, "wang", 50, 3, 1, "{\"kind\":\"emergency\"}"}, &id, &error));
  uint32_t next = 0;
  ASSERT_TRUE(log_->nextObjectId(0xC0, &next, &error));
  EXPECT_EQ(next, 4u);  // a waiting emergency keeps its id
  std::optional<PendingNotice> p;
  ASSERT_TRUE(log_->findPending(id, &p, &error));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->author, "wang");
  ASSERT_TRUE(log_->removePending(id, &error));
  ASSERT_TRUE(log_->findPending(id, &p, &error));
  EXPECT_FALSE(p);
}

}  // namespace
}  // namespace tools::headend::console
