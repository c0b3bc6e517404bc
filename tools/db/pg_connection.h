#pragma once
// db::Connection on a PostgreSQL database through libpq (db_connection.h).
// The ?N placeholders become $N; integers go as int8 and text as text, in
// text format. A connection lost (a restarted server, a failover) is made
// again at the next call outside a transaction.
#include <memory>
#include <string>

#include "tools/db/db_connection.h"

namespace tools::db {

// CONNINFO is what libpq takes: a postgresql:// URI or key=value words.
std::unique_ptr<Connection> openPostgres(const std::string& conninfo, const OpenOptions& options,
                                         std::string* error);

// SQL with ?N and ? placeholders as PostgreSQL's $N (none inside quotes).
std::string postgresPlaceholders(const std::string& sql);

}  // namespace tools::db
