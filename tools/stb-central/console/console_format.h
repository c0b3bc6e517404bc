#pragma once
// What several console pages show the same way: times, time left, the
// overdue and due-soon marks, names through the catalogue.
#include <string>

#include "tools/stb-central/console/console.h"

namespace tools::central {

// "2026-12-04 21:05" in the operator's local time (the pages say which once).
std::string formatMinute(const Console::Visit& v, UtcSeconds t);
// "2026-12-04", the local date, for a date input.
std::string formatDay(const Console::Visit& v, UtcSeconds t);
// "Times are UTC+08:00." in V's language.
std::string zoneNote(const Console::Visit& v);
// The name of a report category ("report.") or a visit period ("visit.") in
// V's language; the code itself when it has none.
std::string named(const Console::Visit& v, const std::string& prefix, const std::string& code);
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
