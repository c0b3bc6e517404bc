#pragma once
// What the ticket store's files (ticket_store.cpp, ticket_schema.cpp,
// desk_*.cpp) share: statements (tools/db/statement.h) and the reading of a
// ticket. Internal to stb_central_lib.
#include "tools/db/statement.h"
#include "tools/stb-central/ticket_store.h"

namespace tools::central {

using db::kDone;
using db::kRow;
using db::Statement;

// "SELECT <the columns readTicket() reads> FROM tickets t JOIN reports r":
// add the WHERE and ORDER BY.
extern const char kTicketSelect[];
Ticket readTicket(const Statement& s);

}  // namespace tools::central
