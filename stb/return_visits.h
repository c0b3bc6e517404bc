#pragma once
// Return visits from the outbox's rows: which resolved tickets the box
// should ask the viewer about, and which stored answers have nothing left
// to guard. An answer's row "rv:TICKET" (kept as "sent" once delivered)
// says for good that the ticket was answered, as long as its report stays.
#include <set>
#include <string>
#include <vector>

#include "stb/ports/outbox_store.h"

namespace stb {

// Tickets of ROWS the central system calls resolved (the only ones it takes
// a return visit for) that have no answer row in ROWS and are not in
// ANSWERED (answered while the box runs, stored or not), oldest first.
std::vector<std::string> returnVisitsDue(const std::vector<OutboxReport>& rows,
                                         const std::set<std::string>& answered);

// The ids of delivered answer rows whose report row is gone: stale, to be
// forgotten.
std::vector<std::string> staleReturnVisits(const std::vector<OutboxReport>& rows);

}  // namespace stb
