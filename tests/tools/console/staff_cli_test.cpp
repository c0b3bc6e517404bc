// stb-central staff-add: the staff table and the password from stdin.
#include <gtest/gtest.h>

#include "tests/tools/stb_central/stb_central_test_util.h"
#include "tools/stb-central/cli.h"
#include "tools/stb-central/console/permissions.h"
#include "tools/stb-central/console/staff_cli.h"
#include "tools/stb-central/ticket_store.h"
#include "tools/web/password.h"

namespace tools::central {
namespace {

using stb_central_test::ScratchDir;

class StaffCliTest : public testing::Test {
 protected:
  // Runs staff-add with ARGS and STDIN; the exit status, *out and *err.
  int run(const std::vector<std::string>& args, const std::string& stdin_text) {
    std::FILE* in = std::tmpfile();
    std::FILE* out = std::tmpfile();
    std::FILE* err = std::tmpfile();
    std::fputs(stdin_text.c_str(), in);
    std::rewind(in);
    const int code = runStaffAddCli(args, in, out, err);
    out_ = read(out);
    err_ = read(err);
    std::fclose(in);
    return code;
  }
  static std::string read(std::FILE* f) {
    std::rewind(f);
    std::string text;
    for (int c; (c = std::fgetc(f)) != EOF;) text += static_cast<char>(c);
    std::fclose(f);
    return text;
  }
  std::vector<std::string> args(const std::string& login, const std::string& role) {
    return {"--db", db_, "--login", login, "--role", role, "--name", "王丽"};
  }
  ScratchDir dir_{"staff"};
  std::string db_ = dir_ / "central.db";
  std::string out_, err_;
};

TEST_F(StaffCliTest, AddsAMemberWithAHashedPassword) {
  ASSERT_EQ(run(args("wang.li", "supervisor"), "correct horse battery\n"), kExitOk) << err_;
  EXPECT_EQ(out_, "added wang.li (supervisor)\n");
  std::string error;
  auto staff = openDeskStaff(db_, &error);
  ASSERT_TRUE(staff) << error;
  std::optional<StaffMember> m;
  ASSERT_TRUE(staff->find("wang.li", &m, &error)) << error;
  ASSERT_TRUE(m);
  EXPECT_EQ(m->name, "王丽");
  EXPECT_EQ(m->role, "supervisor");
  EXPECT_EQ(m->password_hash.rfind("scrypt$15$8$1$", 0), 0u);
  EXPECT_TRUE(web::verifyPassword("correct horse battery", m->password_hash));
  EXPECT_EQ(m->password_hash.find("correct"), std::string::npos);
  // The database is a whole stb-central database: the tickets open it.
  EXPECT_NE(TicketStore::open(db_, &error), nullptr) << error;
}

TEST_F(StaffCliTest, RefusesWhatItCannotStore) {
  EXPECT_EQ(run(args("wang.li", "boss"), "correct horse\n"), kExitUsage);
  EXPECT_NE(err_.find("--role must be worker, desk_agent or supervisor"), std::string::npos);
  EXPECT_EQ(run(args("Wang Li", "worker"), "correct horse\n"), kExitUsage);
  EXPECT_EQ(run({"--db", db_, "--login", "x", "--role", "worker"}, "correct horse\n"), kExitUsage);
  EXPECT_NE(err_.find("--name is required"), std::string::npos);
  EXPECT_EQ(run(args("wang.li", "worker"), "short\n"), kExitFailure);
  EXPECT_NE(err_.find("must be 8 to 1024 bytes"), std::string::npos);
  EXPECT_EQ(run(args("wang.li", "worker"), ""), kExitFailure);
  ASSERT_EQ(run(args("wang.li", "worker"), "correct horse\r\n"), kExitOk) << err_;
  EXPECT_EQ(run(args("wang.li", "supervisor"), "another pass\n"), kExitFailure);
  EXPECT_EQ(err_, "stb-central: wang.li already exists\n");
}

TEST_F(StaffCliTest, TheCommandLineKnowsIt) {
  std::FILE* out = std::tmpfile();
  std::FILE* err = std::tmpfile();
  EXPECT_EQ(runCli({"staff-add", "--db", db_}, out, err), kExitUsage);
  const std::string text = read(err);
  EXPECT_NE(text.find("--login is required"), std::string::npos) << text;
  std::fclose(out);
}

}  // namespace
}  // namespace tools::central
