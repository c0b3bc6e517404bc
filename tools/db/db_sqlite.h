#pragma once
// db::Connection on an SQLite file (db_connection.h): WAL, synchronous=FULL,
// foreign keys on, a busy timeout for the writers.
#include <memory>
#include <string>

#include "tools/db/db_connection.h"

namespace tools::db {

std::unique_ptr<Connection> openSqlite(const std::string& path, const OpenOptions& options,
                                       std::string* error);

}  // namespace tools::db
