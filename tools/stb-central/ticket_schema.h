#pragma once
// The ticket store's schema, made and upgraded by numbered steps (1: reports
// and tickets, 2: the desk, 3: incidents), each written down in
// schema_migrations when applied. A new database goes through every step,
// so that new and upgraded ones have the same schema; SQLite and PostgreSQL
// each have their own words for each step (ticket_schema.cpp).
#include <cstdint>
#include <string>

#include "tools/db/db_connection.h"

namespace tools::central {

// The version DB is at (0: empty); -1 and *error when it cannot be read.
int64_t schemaVersion(db::Connection& db, std::string* error);
// Applies the steps from DB's version up to TARGET in one write transaction
// (on PostgreSQL under a lock every instance takes), reading the version
// again inside it.
bool migrate(db::Connection& db, int target, std::string* error);

}  // namespace tools::central
