// The box's SQLite state store: objects round-trip and replace by key, every
// write is counted once, the file survives a reopen, and an unusable
// directory or a damaged file is handled as a value, never a crash.
#include "platform/sqlite_state_store.h"

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace platform {
namespace {

namespace fs = std::filesystem;
using stb::StoredObject;

StoredObject object(uint8_t table_id, uint32_t object_id, uint32_t revision, size_t size = 64) {
  StoredObject o{table_id, object_id, revision, {}};
  for (size_t i = 0; i < size; ++i) o.message.push_back(static_cast<uint8_t>(i * 7 + revision));
  return o;
}

bool same(const StoredObject& a, const StoredObject& b) {
  return a.table_id == b.table_id && a.object_id == b.object_id && a.revision == b.revision &&
         a.message == b.message;
}

std::string readAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

class SqliteStore : public ::testing::Test {
 protected:
  void SetUp() override {
    const char* tmp = std::getenv("TMPDIR");
    std::string pattern = std::string(tmp && *tmp ? tmp : "/tmp") + "/stb_state_XXXXXX";
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
    db_path_ = dir_ + "/" + SqliteStateStore::kFileName;
  }
  void TearDown() override {
    ::chmod(dir_.c_str(), 0700);
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  std::unique_ptr<SqliteStateStore> open() {
    std::string error;
    auto store = SqliteStateStore::open(dir_, &error);
    EXPECT_TRUE(store) << error;
    return store;
  }
  std::vector<StoredObject> load(SqliteStateStore& store) {
    std::vector<StoredObject> out;
    std::string error;
    EXPECT_TRUE(store.loadObjects(&out, &error)) << error;
    return out;
  }
  // Reads one integer pragma through a second connection.
  int64_t pragma(const std::string& name) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(db_path_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, ("PRAGMA " + name).c_str(), -1, &stmt, nullptr);
    int64_t value = -1;
    if (sqlite3_step(stmt) == SQLITE_ROW) value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
  }

  std::string dir_, db_path_;
};

TEST_F(SqliteStore, ObjectsRoundTrip) {
  auto store = open();
  ASSERT_TRUE(store);
  EXPECT_EQ(store->path(), db_path_);
  EXPECT_FALSE(store->recovery());
  EXPECT_TRUE(load(*store).empty());
  std::string error;
  const StoredObject notice = object(0xC0, 0xFFFFFFFF, 0xFFFFFFFE);  // full u32 range
  const StoredObject batch = object(0xC1, 17, 3, 60000);             // a full-size body
  ASSERT_TRUE(store->putObject(batch, &error)) << error;
  ASSERT_TRUE(store->putObject(notice, &error)) << error;
  const auto all = load(*store);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(same(all[0], notice));  // ordered by (table_id, object_id)
  EXPECT_TRUE(same(all[1], batch));
  EXPECT_EQ(store->writes(), 2u);
}

TEST_F(SqliteStore, PutReplacesTheSameObject) {
  auto store = open();
  std::string error;
  ASSERT_TRUE(store->putObject(object(0xC0, 7, 1), &error));
  ASSERT_TRUE(store->putObject(object(0xC2, 7, 1), &error));  // same id, another table
  ASSERT_TRUE(store->putObject(object(0xC0, 7, 2, 10), &error));
  const auto all = load(*store);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(same(all[0], object(0xC0, 7, 2, 10)));
  EXPECT_EQ(all[1].table_id, 0xC2);
}

TEST_F(SqliteStore, RemoveDeletesOneObjectAndCountsOnlyRealWrites) {
  auto store = open();
  std::string error;
  ASSERT_TRUE(store->putObject(object(0xC0, 7, 1), &error));
  ASSERT_TRUE(store->putObject(object(0xC0, 8, 1), &error));
  EXPECT_TRUE(store->removeObject(0xC0, 7, &error)) << error;
  EXPECT_EQ(store->writes(), 3u);
  EXPECT_TRUE(store->removeObject(0xC0, 7, &error)) << error;  // already gone
  EXPECT_TRUE(store->removeObject(0xC3, 8, &error)) << error;  // never there
  EXPECT_EQ(store->writes(), 3u);
  const auto all = load(*store);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0].object_id, 8u);
}

TEST_F(SqliteStore, WhatWasWrittenIsThereAfterAReopen) {
  {
    auto store = open();
    std::string error;
    ASSERT_TRUE(store->putObject(object(0xC4, 0, 5), &error));
    ASSERT_TRUE(store->putObject(object(0xC0, 1001, 2), &error));
  }
  auto store = open();
  ASSERT_TRUE(store);
  EXPECT_FALSE(store->recovery());
  const auto all = load(*store);
  ASSERT_EQ(all.size(), 2u);
  EXPECT_TRUE(same(all[0], object(0xC0, 1001, 2)));
  EXPECT_TRUE(same(all[1], object(0xC4, 0, 5)));
  EXPECT_EQ(store->writes(), 0u);  // counted per open store
  EXPECT_EQ(pragma("user_version"), SqliteStateStore::kSchemaVersion);
}

TEST_F(SqliteStore, TheDatabaseIsInWalMode) {
  auto store = open();
  std::string error;
  ASSERT_TRUE(store->putObject(object(0xC0, 1, 1), &error));
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open_v2(db_path_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
  sqlite3_stmt* stmt = nullptr;
  sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &stmt, nullptr);
  ASSERT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0)), "wal");
  sqlite3_finalize(stmt);
  sqlite3_close(db);
}

TEST_F(SqliteStore, AMissingDirectoryIsAnError) {
  std::string error;
  EXPECT_FALSE(SqliteStateStore::open(dir_ + "/absent", &error));
  EXPECT_NE(error.find(dir_ + "/absent"), std::string::npos) << error;
  EXPECT_NE(error.find("No such file"), std::string::npos) << error;
}

TEST_F(SqliteStore, AFileInsteadOfADirectoryIsAnError) {
  std::ofstream(dir_ + "/plain") << "x";
  std::string error;
  EXPECT_FALSE(SqliteStateStore::open(dir_ + "/plain", &error));
  EXPECT_NE(error.find("not a directory"), std::string::npos) << error;
}

TEST_F(SqliteStore, AReadOnlyDirectoryIsAnError) {
  ASSERT_EQ(::chmod(dir_.c_str(), 0555), 0);
  // root writes anywhere: the check runs in a child that gives up root first.
  EXPECT_EXIT(
      {
        if (geteuid() == 0 && (setgid(65534) != 0 || setuid(65534) != 0)) _exit(2);
        std::string error;
        auto store = SqliteStateStore::open(dir_, &error);
        if (store) _exit(3);
        fprintf(stderr, "%s\n", error.c_str());
        _exit(0);
      },
      ::testing::ExitedWithCode(0), "is not writable");
  EXPECT_FALSE(fs::exists(db_path_));
}

TEST_F(SqliteStore, AFileThatIsNotADatabaseIsMovedAsideAndTheStoreStartsEmpty) {
  const std::string garbage(8192, 'Z');
  std::ofstream(db_path_, std::ios::binary) << garbage;
  auto store = open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->recovery());
  EXPECT_NE(store->recovery()->find("not a database"), std::string::npos) << *store->recovery();
  EXPECT_NE(store->recovery()->find("stbd.sqlite.corrupt-1"), std::string::npos);
  EXPECT_EQ(readAll(db_path_ + ".corrupt-1"), garbage);  // kept for examination
  EXPECT_TRUE(load(*store).empty());
  std::string error;
  EXPECT_TRUE(store->putObject(object(0xC0, 1, 1), &error)) << error;
  store.reset();

  std::ofstream(db_path_, std::ios::binary) << garbage;  // again: the next free name
  store = open();
  ASSERT_TRUE(store && store->recovery());
  EXPECT_TRUE(fs::exists(db_path_ + ".corrupt-2"));
}

TEST_F(SqliteStore, ADamagedDatabaseIsMovedAside) {
  {
    auto store = open();
    std::string error;
    for (uint32_t id = 0; id < 40; ++id)
      ASSERT_TRUE(store->putObject(object(0xC0, id, 1, 2000), &error)) << error;
  }
  const auto size = fs::file_size(db_path_);
  ASSERT_GT(size, 4u * 4096);
  {
    // Flash wear: page 2 onward (the table's pages) turned to noise.
    std::fstream f(db_path_, std::ios::binary | std::ios::in | std::ios::out);
    f.seekp(4096);
    const std::string noise(3 * 4096, '\xA5');
    f.write(noise.data(), static_cast<std::streamsize>(noise.size()));
  }
  auto store = open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(store->recovery());
  EXPECT_NE(store->recovery()->find("malformed"), std::string::npos) << *store->recovery();
  EXPECT_TRUE(fs::exists(db_path_ + ".corrupt-1"));
  EXPECT_TRUE(load(*store).empty());
}

// Runs SQL on the file through a connection of its own.
void exec(const std::string& path, const char* sql) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  char* message = nullptr;
  EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, &message), SQLITE_OK) << message;
  sqlite3_free(message);
  sqlite3_close(db);
}

bool hasTable(sqlite3* db, const char* table) {
  sqlite3_stmt* stmt = nullptr;
  const bool ok = sqlite3_prepare_v2(db, (std::string("SELECT count(*) FROM ") + table).c_str(), -1,
                                     &stmt, nullptr) == SQLITE_OK &&
                  sqlite3_step(stmt) == SQLITE_ROW;
  sqlite3_finalize(stmt);
  return ok;
}

TEST_F(SqliteStore, ANewFileIsMarkedAsStbds) {
  { auto store = open(); }
  EXPECT_EQ(pragma("application_id"), 0x53544244);  // "STBD"
}

// Before, the file opened and the outbox store failed on it at every retry:
// the box stayed in memory for good.
TEST_F(SqliteStore, ADroppedTableIsDamageMovedAside) {
  {
    auto store = open();
    std::string error;
    ASSERT_TRUE(store->putObject(object(0xC0, 1, 1), &error)) << error;
  }
  exec(db_path_, "DROP TABLE outbox");
  auto store = open();
  ASSERT_TRUE(store && store->recovery());
  EXPECT_EQ(*store->recovery(), db_path_ +
                                    ": database is damaged: schema version 2 but no table outbox; "
                                    "moved to " +
                                    db_path_ + ".corrupt-1, starting empty");
  EXPECT_TRUE(hasTable(store->connection(), "outbox"));
  EXPECT_TRUE(load(*store).empty());
  store.reset();

  // A column gone is the same.
  exec(db_path_, "ALTER TABLE outbox DROP COLUMN hotline");
  store = open();
  ASSERT_TRUE(store && store->recovery());
  EXPECT_NE(store->recovery()->find("table outbox lacks hotline"), std::string::npos)
      << *store->recovery();
  EXPECT_TRUE(fs::exists(db_path_ + ".corrupt-2"));
}

// Another program's SQLite file where stbd.sqlite should be: looked at, never
// written (before, it was switched to WAL and given stbd's tables, then
// refused), and moved aside byte for byte.
TEST_F(SqliteStore, AForeignSqliteFileIsMovedAsideUnchanged) {
  for (const char* sql :
       {"CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);"
        "INSERT INTO customers VALUES (1, 'Li Ming');",
        // Marked as someone else's, even with tables of our names.
        "PRAGMA application_id=1234; CREATE TABLE signed_objects (x); PRAGMA user_version=2;",
        // Unmarked, with ours and one more.
        "CREATE TABLE signed_objects (table_id, object_id, revision, message);"
        "CREATE TABLE notes (t TEXT); PRAGMA user_version=1;"}) {
    SCOPED_TRACE(sql);
    fs::remove_all(dir_);
    fs::create_directory(dir_);
    exec(db_path_, sql);
    const std::string before = readAll(db_path_);
    ASSERT_FALSE(before.empty());
    auto store = open();
    ASSERT_TRUE(store && store->recovery());
    EXPECT_NE(store->recovery()->find(": not stbd's database (application_id "), std::string::npos)
        << *store->recovery();
    EXPECT_NE(store->recovery()->find("moved to " + db_path_ + ".foreign-1 unchanged"),
              std::string::npos)
        << *store->recovery();
    EXPECT_EQ(readAll(db_path_ + ".foreign-1"), before);
    std::string error;
    EXPECT_TRUE(store->putObject(object(0xC0, 1, 1), &error)) << error;
  }
}

TEST_F(SqliteStore, ANewerSchemaIsRefusedNotOverwritten) {
  { auto store = open(); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db, "PRAGMA user_version=99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  const std::string before = readAll(db_path_);
  std::string error;
  EXPECT_FALSE(SqliteStateStore::open(dir_, &error));
  EXPECT_NE(error.find("schema version 99"), std::string::npos) << error;
  EXPECT_FALSE(fs::exists(db_path_ + ".corrupt-1"));
  EXPECT_EQ(readAll(db_path_), before);
}

// A file written by the first release (schema 1) is migrated to 2 at open:
// its objects are kept and the outbox table appears, in one transaction.
TEST_F(SqliteStore, AVersion1DatabaseIsMigratedKeepingItsObjects) {
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(db_path_.c_str(), &db), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(db,
                         "PRAGMA journal_mode=WAL;"
                         "CREATE TABLE signed_objects (table_id INTEGER NOT NULL, object_id "
                         "INTEGER NOT NULL, revision INTEGER NOT NULL, message BLOB NOT NULL, "
                         "PRIMARY KEY (table_id, object_id)) WITHOUT ROWID;"
                         "INSERT INTO signed_objects VALUES (192, 7, 3, x'0102');"
                         "PRAGMA user_version=1;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  auto store = open();
  ASSERT_TRUE(store);
  EXPECT_FALSE(store->recovery());
  const auto all = load(*store);
  ASSERT_EQ(all.size(), 1u);
  EXPECT_TRUE(same(all[0], StoredObject{192, 7, 3, {1, 2}}));
  EXPECT_EQ(pragma("user_version"), 2);
  EXPECT_EQ(pragma("application_id"), 0x53544244);
  sqlite3_stmt* stmt = nullptr;
  ASSERT_EQ(
      sqlite3_prepare_v2(store->connection(), "SELECT count(*) FROM outbox", -1, &stmt, nullptr),
      SQLITE_OK);
  EXPECT_EQ(sqlite3_step(stmt), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(stmt, 0), 0);
  sqlite3_finalize(stmt);
}

}  // namespace
}  // namespace platform
