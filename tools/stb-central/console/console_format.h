#pragma once
// What several console pages show the same way: times, time left, the
// overdue and due-soon marks, names through the catalogue.
#include <string>

#include "tools/stb-central/console/console.h"

namespace tools::central {

// "2026-12-04 21:05" (UTC; the pages say so once).
std::string formatMinute(UtcSeconds t);
// "2026-12-04" for a date input.
std::string formatDay(UtcSeconds t);
// "3 h 20 min" in V's language.
std::string formatSpan(const Console::Visit& v, UtcSeconds seconds);
bool isOpen(const Ticket& t);
// "overdue", "due-soon" or "" for an open ticket's deadline at NOW.
std::string urgency(const Ticket& t, UtcSeconds now);
// The "Left" cell: a mark and the time left or past, escaped HTML.
std::string remainingHtml(const Console::Visit& v, const Ticket& t);
// A link to the ticket's page.
std::string ticketLink(const std::string& ticket);

}  // namespace tools::central
