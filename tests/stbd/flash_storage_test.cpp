// stbd's FlashStorage on a real SQLite database: a state directory missing
// at start, and a flash that fills up mid-run (RLIMIT_FSIZE makes the
// database's writes fail as a full partition would). Either way the box
// goes on from memory, says so once, and puts everything on flash when it
// can again.
#include "stbd/flash_storage.h"

#include <gtest/gtest.h>
#include <sys/resource.h>

#include <sqlite3.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "stb/outbox.h"
#include "tests/stb/stb_test_util.h"

namespace {

using stb::LogLevel;
using stb::testing_util::RecordingLog;

class FlashStorageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("stbd-flash-" + std::to_string(getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  // Turns the loop until STORAGE stops being degraded (or 5 s pass).
  void turnUntilRecovered(stbd::FlashStorage& storage) {
    std::string error;
    for (int i = 0; i < 500 && storage.degraded(); ++i) ASSERT_TRUE(loop_.runOnce(10, &error));
  }

  std::filesystem::path dir_;
  platform::EventLoop loop_;
  RecordingLog log_;
};

stb::StoredObject object(uint32_t id, size_t bytes) {
  return {0xC0, id, 1, std::vector<uint8_t>(bytes, static_cast<uint8_t>(id))};
}

stb::OutboxReport report(const std::string& id) {
  stb::OutboxReport r;
  r.report_id = id;
  r.body_json = "{}";
  return r;
}

// What a fresh start would find on flash.
void expectOnFlash(const std::filesystem::path& dir, size_t objects, size_t reports) {
  std::string error;
  auto db = platform::SqliteStateStore::open(dir.string(), &error);
  ASSERT_TRUE(db) << error;
  std::vector<stb::StoredObject> o;
  ASSERT_TRUE(db->loadObjects(&o, &error)) << error;
  EXPECT_EQ(o.size(), objects);
  auto outbox = platform::SqliteOutboxStore::open(*db, &error);
  ASSERT_TRUE(outbox) << error;
  std::vector<stb::OutboxReport> rows;
  ASSERT_TRUE(outbox->list(&rows, &error)) << error;
  EXPECT_EQ(rows.size(), reports);
}

TEST_F(FlashStorageTest, AMissingDirectoryIsUsedOnceItAppears) {
  stbd::FlashStorage storage(dir_.string(), 20, loop_, log_);
  std::vector<bool> changes;
  storage.setOnChange([&](bool degraded) { changes.push_back(degraded); });
  EXPECT_TRUE(storage.degraded());
  EXPECT_TRUE(log_.has(LogLevel::kError, {"state store: ", "keeping state in memory"}))
      << log_.dump();
  std::string error;
  ASSERT_TRUE(storage.state().putObject(object(1, 40), &error));
  ASSERT_TRUE(storage.outbox().put(report("r1"), &error));
  // Retries while it is missing log nothing new.
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(loop_.runOnce(25, &error));
  EXPECT_EQ(log_.count(LogLevel::kError), 1u) << log_.dump();

  std::filesystem::create_directories(dir_);
  turnUntilRecovered(storage);
  EXPECT_FALSE(storage.degraded());
  EXPECT_EQ(changes, std::vector<bool>{false});
  EXPECT_TRUE(log_.has(LogLevel::kInfo, {"works again"})) << log_.dump();
  expectOnFlash(dir_, 1, 1);
  // And written through from now on.
  ASSERT_TRUE(storage.state().putObject(object(2, 40), &error));
  expectOnFlash(dir_, 2, 1);
}

TEST_F(FlashStorageTest, AFullFlashKeepsEverythingInMemoryUntilSpaceReturns) {
  std::filesystem::create_directories(dir_);
  stbd::FlashStorage storage(dir_.string(), 20, loop_, log_);
  ASSERT_FALSE(storage.degraded()) << log_.dump();
  std::vector<bool> changes;
  storage.setOnChange([&](bool degraded) { changes.push_back(degraded); });
  std::string error;
  ASSERT_TRUE(storage.state().putObject(object(1, 100), &error));

  // The partition fills: no file may grow past what it is now.
  rlimit saved{};
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &saved), 0);
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  rlimit full = saved;
  full.rlim_cur = 4096;  // smaller than the database and its WAL already are
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &full), 0);
  bool accepted = true;
  for (uint32_t id = 2; id < 12; ++id)
    accepted = storage.state().putObject(object(id, 60'000), &error) && accepted;
  accepted = storage.outbox().put(report("while-full"), &error) && accepted;
  const bool degraded_when_full = storage.degraded();
  // Retries while it is full keep it degraded.
  for (int i = 0; i < 3; ++i) loop_.runOnce(30, &error);
  const bool still_degraded = storage.degraded();
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &saved), 0);
  std::signal(SIGXFSZ, old_handler);

  EXPECT_TRUE(accepted) << "the box must go on from memory";
  EXPECT_TRUE(degraded_when_full) << log_.dump();
  EXPECT_TRUE(still_degraded) << log_.dump();
  ASSERT_FALSE(changes.empty());
  EXPECT_TRUE(changes.front());
  EXPECT_TRUE(log_.has(LogLevel::kError, {"state store: ", "saving", "keeping state in memory"}))
      << log_.dump();

  turnUntilRecovered(storage);
  EXPECT_FALSE(storage.degraded()) << log_.dump();
  EXPECT_EQ(changes.back(), false);
  expectOnFlash(dir_, 11, 1);
}

void exec(const std::filesystem::path& db, const char* sql) {
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(db.c_str(), &handle), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(handle, sql, nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(handle);
}

std::string readAll(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// A table dropped from the database: before, the outbox could never be opened
// on it and the box kept everything in memory for good.
TEST_F(FlashStorageTest, ADroppedTableIsMovedAsideAndFlashIsUsedAtOnce) {
  std::filesystem::create_directories(dir_);
  const auto db = dir_ / platform::SqliteStateStore::kFileName;
  { stbd::FlashStorage storage(dir_.string(), 20, loop_, log_); }
  exec(db, "DROP TABLE outbox");
  stbd::FlashStorage storage(dir_.string(), 20, loop_, log_);
  EXPECT_FALSE(storage.degraded()) << log_.dump();
  EXPECT_TRUE(log_.has(LogLevel::kError, {"state store: ", "no table outbox",
                                          "stbd.sqlite.corrupt-1, starting empty"}))
      << log_.dump();
  std::string error;
  ASSERT_TRUE(storage.outbox().put(report("r1"), &error)) << error;
  expectOnFlash(dir_, 0, 1);
}

TEST_F(FlashStorageTest, AForeignSqliteFileIsLeftAsItWasAndTheBoxRuns) {
  std::filesystem::create_directories(dir_);
  const auto db = dir_ / platform::SqliteStateStore::kFileName;
  exec(db,
       "CREATE TABLE photos (id INTEGER PRIMARY KEY, jpeg BLOB); INSERT INTO photos "
       "VALUES (1, x'FFD8FFE0');");
  const std::string before = readAll(db);
  stbd::FlashStorage storage(dir_.string(), 20, loop_, log_);
  EXPECT_FALSE(storage.degraded()) << log_.dump();
  EXPECT_TRUE(log_.has(LogLevel::kError,
                       {"state store: ", "not stbd's database", "stbd.sqlite.foreign-1 unchanged"}))
      << log_.dump();
  EXPECT_EQ(readAll(dir_ / "stbd.sqlite.foreign-1"), before);
  std::string error;
  ASSERT_TRUE(storage.state().putObject(object(1, 40), &error)) << error;
  expectOnFlash(dir_, 1, 0);
}

// Flash wear: pages of the table turned to noise fail quick_check.
TEST_F(FlashStorageTest, OverwrittenPagesAreMovedAside) {
  std::filesystem::create_directories(dir_);
  const auto db = dir_ / platform::SqliteStateStore::kFileName;
  {
    stbd::FlashStorage storage(dir_.string(), 20, loop_, log_);
    std::string error;
    for (uint32_t id = 0; id < 40; ++id)
      ASSERT_TRUE(storage.state().putObject(object(id, 2000), &error)) << error;
  }
  {
    std::fstream f(db, std::ios::binary | std::ios::in | std::ios::out);
    f.seekp(4096);
    const std::string noise(3 * 4096, '\xA5');
    f.write(noise.data(), static_cast<std::streamsize>(noise.size()));
  }
  stbd::FlashStorage storage(dir_.string(), 20, loop_, log_);
  EXPECT_FALSE(storage.degraded()) << log_.dump();
  EXPECT_TRUE(log_.has(LogLevel::kError, {"state store: ", "stbd.sqlite.corrupt-1"}))
      << log_.dump();
  expectOnFlash(dir_, 0, 0);
}

}  // namespace
