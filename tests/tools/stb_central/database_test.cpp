// stb-central's database from outside: the admin commands while `serve` is
// busy writing (they must all succeed), and a damaged database, which
// neither `serve` nor the admin commands may use.
#include <gtest/gtest.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/support/central_server.h"
#include "tests/support/child_process.h"
#include "tests/support/command.h"
#include "tests/support/files.h"
#include "tests/tools/stb_central/stb_central_test_util.h"
#include "tools/stb-central/report_validation.h"
#include "tools/stb-central/ticket_store.h"

namespace {

using nlohmann::json;
using stb_central_test::reportJson;
using stb_central_test::ScratchDir;
using testing_support::CentralServer;
using testing_support::CommandResult;
using testing_support::countOf;
using testing_support::runCommand;
using testing_support::TestPki;
using testing_support::writeTextFile;

std::string uuid(int n) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "00000000-0000-4000-8000-%012d", n);
  return buf;
}

// Fresh reports posted to a running `serve` until stop(): batches of
// kBatch, each one curl process with keep-alive and 4 transfers at a time,
// so that serve commits one ticket after another for as long as it runs.
class ReportLoad {
 public:
  static constexpr int kBatch = 300;

  ReportLoad(const TestPki& pki, const CentralServer& server, const ScratchDir& dir)
      : pki_(pki), server_(server), dir_(dir) {}
  ~ReportLoad() { stop(); }

  void start() {
    thread_ = std::thread([this] {
      for (int batch = 0; !stop_; ++batch) {
        const CommandResult r = runCommand("curl -sS --parallel --parallel-max 4 -K " +
                                           config(batch) + " 2>>" + (dir_ / "curl.err"));
        created_ += static_cast<int>(countOf(r.out, "201"));
        others_ += static_cast<int>(countOf(r.out, "\n")) - static_cast<int>(countOf(r.out, "201"));
      }
    });
  }
  void stop() {
    stop_ = true;
    if (thread_.joinable()) thread_.join();
  }
  int created() const { return created_; }
  int others() const { return others_; }  // answers other than 201, and failed transfers

 private:
  // A curl config for batch BATCH: kBatch posts, each with its own report_id.
  std::string config(int batch) const {
    std::string text;
    for (int i = 0; i < kBatch; ++i) {
      const std::string id = uuid(batch * kBatch + i + 1);
      std::string body = reportJson(id, "STB-TEST-0001");
      std::string quoted;
      for (char c : body) {
        if (c == '"' || c == '\\') quoted += '\\';
        quoted += c;
      }
      if (i > 0) text += "next\n";
      text += "url = \"" + server_.url() + "/v1/reports\"\n";
      text += "cacert = \"" + pki_.pem("ca") + "\"\n";
      text += "cert = \"" + pki_.pem("box-STB-TEST-0001") + "\"\n";
      text += "key = \"" + pki_.key("box-STB-TEST-0001") + "\"\n";
      text += "header = \"Content-Type: application/json\"\n";
      text += "header = \"Idempotency-Key: " + id + "\"\n";
      text += "data-binary = \"" + quoted + "\"\n";
      text += "output = \"/dev/null\"\n";
      text += "write-out = \"%{http_code}\\n\"\n";
      text += "max-time = 60\n";
    }
    std::string path = dir_ / ("load-" + std::to_string(batch % 2) + ".cfg");
    writeTextFile(path, text);
    return path;
  }

  const TestPki& pki_;
  const CentralServer& server_;
  const ScratchDir& dir_;
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<int> created_{0}, others_{0};
};

class CentralDatabaseTest : public testing::Test {
 protected:
  static void SetUpTestSuite() { pki_ = new TestPki(); }
  static void TearDownTestSuite() {
    delete pki_;
    pki_ = nullptr;
  }
  void SetUp() override {
    ASSERT_EQ(runCommand("command -v curl >/dev/null 2>&1").status, 0)
        << "the curl command line is required by these tests and was not found";
    ASSERT_TRUE(pki_->ok()) << pki_->output();
  }

  testing_support::CentralServerOptions options() const {
    testing_support::CentralServerOptions o;
    o.db = db();
    o.log_path = dir_ / "server.log";
    return o;
  }
  std::string db() const { return dir_ / "central.db"; }

  static inline TestPki* pki_ = nullptr;
  ScratchDir dir_{std::string("db-") +
                  testing::UnitTest::GetInstance()->current_test_info()->name()};
};

// The case: at about 1,350 requests/s, 13 of 15 admin commands
// failed with "database is locked", the read-only `tickets` too.
TEST_F(CentralDatabaseTest, AdminCommandsSucceedWhileServeIsWriting) {
  CentralServer server;
  std::string error;
  ASSERT_TRUE(server.start(*pki_, options(), &error)) << error;
  ReportLoad load(*pki_, server, dir_);
  load.start();
  // Tickets to change: the first batch, stored while the load goes on.
  while (load.created() < ReportLoad::kBatch / 2 && load.others() == 0 && server.running())
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  ASSERT_GE(load.created(), ReportLoad::kBatch / 2) << server.log();

  constexpr int kRounds = 15;
  std::vector<std::string> failures;
  std::vector<std::string> to_change;
  size_t first_count = 0, last_count = 0;
  int commands = 0;
  const auto run = [&](const std::string& command, const std::string& args) {
    ++commands;
    CommandResult r = server.admin(command, args);
    if (r.status != 0)
      failures.push_back(command + " " + args + " -> " + std::to_string(r.status) + ": " + r.out);
    return r;
  };
  for (int round = 0; round < kRounds; ++round) {
    const CommandResult listed = run("tickets", "--json");
    const json list = json::parse(listed.out, nullptr, false);
    if (!list.is_array()) continue;
    (round == 0 ? first_count : last_count) = list.size();
    if (round == 0)
      for (const json& t : list) to_change.push_back(t["ticket"]);
    if (to_change.size() < 2 * kRounds) continue;
    run("report", to_change[2 * round]);
    run("set-status", to_change[2 * round] + " technician_assigned");
    run("resolve", to_change[2 * round + 1]);
    run("return-visits", "");
    run("tickets", "");
  }
  const int created_during = load.created();
  load.stop();

  EXPECT_TRUE(failures.empty()) << failures.size() << " of " << commands
                                << " admin commands failed; the first: " << failures.front();
  EXPECT_EQ(commands, kRounds * 6);
  // serve was writing all along: the listings grew from the first round to the last.
  EXPECT_GT(last_count, first_count) << "serve stored nothing while the admin commands ran";
  EXPECT_EQ(load.others(), 0) << "serve refused or lost posts under load: " << server.log();
  EXPECT_EQ(server.stop(), 0) << server.log();

  // The changes are there, and every post the load made has its ticket.
  const auto all = server.tickets();
  EXPECT_GE(all.size(), static_cast<size_t>(created_during));
  EXPECT_EQ(all.size(), static_cast<size_t>(load.created()));
  std::map<std::string, std::string> status;
  for (const auto& t : all) status[t.ticket] = t.status;
  for (int round = 0; round < kRounds && to_change.size() >= 2 * kRounds; ++round) {
    EXPECT_EQ(status[to_change[2 * round]], "technician_assigned");
    EXPECT_EQ(status[to_change[2 * round + 1]], "resolved");
  }
}

// A database of COUNT tickets, made through TicketStore and closed (its WAL
// checkpointed into the file).
void makeDatabase(const std::string& path, int count) {
  using namespace tools::central;
  std::string error;
  auto store = TicketStore::open(path, &error);
  ASSERT_TRUE(store) << error;
  for (int i = 1; i <= count; ++i) {
    NewReport r;
    ValidationError problem;
    ASSERT_TRUE(parseReport(reportJson(uuid(i), "STB-TEST-0001"), &r, &problem)) << problem.message;
    SubmitResult result;
    ASSERT_TRUE(
        store->submit(r, SubmitTerms{Severity::kMajor, "major_fault", r.created + 72 * 3600, ""},
                      r.created, &result, &error))
        << error;
  }
}

// Overwrites PAGES whole pages in the middle of the file with 0xA5 bytes,
// as a bad disk or a stray write would (the header, page 1, stays intact).
void damagePages(const std::string& path, int pages) {
  std::fstream f(path, std::ios::in | std::ios::out | std::ios::binary);
  ASSERT_TRUE(f) << path;
  unsigned char header[100];
  f.read(reinterpret_cast<char*>(header), sizeof header);
  const long page_size = header[16] << 8 | header[17];
  f.seekg(0, std::ios::end);
  const long page_count = static_cast<long>(f.tellg()) / page_size;
  ASSERT_GT(page_count, 4L * pages) << "too small a database to damage";
  f.seekp(page_count / 2 * page_size);
  const std::string garbage(static_cast<size_t>(pages * page_size), '\xA5');
  f.write(garbage.data(), static_cast<std::streamsize>(garbage.size()));
  ASSERT_TRUE(f.good());
}

// The case: with 20 pages overwritten, serve took 300 posts while
// PRAGMA integrity_check reported errors.
TEST_F(CentralDatabaseTest, ServeAndTheAdminCommandsRefuseADamagedDatabase) {
  makeDatabase(db(), 2000);
  damagePages(db(), 20);
  CentralServer server;
  std::string error;
  EXPECT_FALSE(server.start(*pki_, options(), &error)) << "serve started on a damaged database";
  EXPECT_NE(error.find(db() + ": damaged database, refusing to use it: PRAGMA quick_check found"),
            std::string::npos)
      << error;
  // Which tables: the pages in the middle hold reports, tickets and their
  // events (each submit writes to all three).
  EXPECT_NE(error.find(" in table(s) reports, ticket_events, tickets;"), std::string::npos)
      << error;
  server.stop();
  // It exits with status 1 (before listening), and so do the admin commands.
  const CommandResult serve =
      runCommand("timeout 60 " + testing_support::centralBinary() + " serve --db " + db() +
                 " --cert " + pki_->pem("server") + " --key " + pki_->key("server") + " --ca " +
                 pki_->pem("ca") + " --listen 127.0.0.1:0 2>&1");
  EXPECT_EQ(serve.status, 1) << serve.out;
  EXPECT_NE(serve.out.find("damaged database"), std::string::npos) << serve.out;
  for (const char* command :
       {"tickets", "return-visits", "report T20261127-000001", "resolve T20261127-000001"}) {
    const CommandResult r =
        runCommand(testing_support::centralBinary() + " " + command + " --db " + db() + " 2>&1");
    EXPECT_EQ(r.status, 1) << command << ": " << r.out;
    EXPECT_NE(r.out.find(db() + ": damaged database"), std::string::npos)
        << command << ": " << r.out;
  }
}

TEST_F(CentralDatabaseTest, AnIntactDatabaseStillServes) {
  makeDatabase(db(), 2000);
  CentralServer server;
  std::string error;
  ASSERT_TRUE(server.start(*pki_, options(), &error)) << error;
  EXPECT_EQ(server.tickets().size(), 2000u);
  const CommandResult resolved = server.admin("resolve", "T20261127-000001");
  EXPECT_EQ(resolved.status, 0) << resolved.out;
  EXPECT_EQ(server.stop(), 0) << server.log();
}

}  // namespace
