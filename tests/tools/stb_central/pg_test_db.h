#pragma once
// The databases the store tests run on, SQLite and PostgreSQL alike: an
// SQLite file in the test's scratch directory, or a schema of the test's own
// in the PostgreSQL that the ctest fixture stb_postgres started
// (pg_fixture.sh writes its connection string to the file
// $STB_TEST_PG_STATE). A server that is not there fails the test loudly.
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <ostream>
#include <string>

#include "tests/support/files.h"
#include "tools/db/db_connection.h"

namespace stb_central_test {

enum class Backend { kSqlite, kPostgres };

inline void PrintTo(Backend backend, std::ostream* os) {
  *os << (backend == Backend::kSqlite ? "SQLite" : "PostgreSQL");
}

inline std::string backendName(const testing::TestParamInfo<Backend>& info) {
  return info.param == Backend::kSqlite ? "Sqlite" : "Postgres";
}

// The fixture's server's connection string; "" and *error when there is none.
inline std::string postgresServer(std::string* error) {
  const char* state = std::getenv("STB_TEST_PG_STATE");
  if (!state) {
    *error =
        "STB_TEST_PG_STATE is not set: run the PostgreSQL tests through ctest (fixture "
        "stb_postgres, tests/tools/stb_central/pg_fixture.sh)";
    return "";
  }
  std::ifstream in(state);
  std::string spec;
  if (!std::getline(in, spec) || spec.empty())
    *error =
        std::string(state) + ": no PostgreSQL connection string (did pg_fixture.sh start fail?)";
  return spec;
}

// A fresh schema in the fixture's server: the connection string that uses
// it; "" and *error when the server cannot be reached.
inline std::string freshPostgresSchema(std::string* error) {
  const std::string server = postgresServer(error);
  if (server.empty()) return "";
  static std::atomic<int> count{0};
  const std::string schema =
      "t" + std::to_string(::getpid()) + "_" + std::to_string(count.fetch_add(1));
  auto db = tools::db::open(server, tools::db::OpenOptions(), error);
  if (!db || !db->exec("CREATE SCHEMA " + schema, error)) return "";
  return server + " options='-csearch_path=" + schema + "'";
}

// The database for one test: SPEC is what TicketStore::open takes.
inline std::string testDatabase(Backend backend, const testing_support::ScratchDir& dir,
                                std::string* error) {
  if (backend == Backend::kSqlite) return dir / "central.db";
  return freshPostgresSchema(error);
}

}  // namespace stb_central_test
