#pragma once
// My reports as the menu shows them, from the outbox's rows: the status,
// the committed deadline in local time, the ticket's category of fault
// (general, major), the charter's category it was filed under and the
// report's category. What the central system answered wins; before it
// answers, the row says what the viewer chose.
#include <optional>
#include <string>
#include <vector>

#include "stb/menu/menu.h"
#include "stb/ports/outbox_store.h"

namespace stb::menu {

// "12-01 10:00" in local time, OFFSET_MINUTES east of UTC, from the central
// system's UTC "2026-12-01T02:00:00Z" (a fraction of a second, as rows from
// older software have, is dropped). Text that is no such time is returned
// as it is: the viewer still sees what the central system committed to.
std::string localDeadline(const std::string& utc_text, int offset_minutes);

// Waiting to send until delivered, then the ticket's status.
ReportStatus statusOf(const OutboxReport& row);
// As the central system answered; nullopt while it has not said.
std::optional<Severity> severityOf(const OutboxReport& row);
// The same for the charter's category; also nullopt for a code the box does
// not know (nothing is shown rather than a code).
std::optional<CharterCategory> charterOf(const OutboxReport& row);
// The row's category column (stb/outbox.h fills it at enqueue and from the
// answer); kOther when it names no category the box knows.
Category categoryOf(const OutboxReport& row);

// The report rows of ROWS (return-visit answers left out), in outbox order.
std::vector<ReportSummary> reportSummaries(const std::vector<OutboxReport>& rows,
                                           int offset_minutes);

}  // namespace stb::menu
