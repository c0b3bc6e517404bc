#pragma once
// Who may do what in the console. Every page and every POST asks here; the
// pages also use it to show only the forms a person may send.
//   worker:      sees and works on the tickets assigned to them (visited, resolve)
//   desk_agent:  sees every ticket; assigns an unassigned one, resolves, closes,
//                logs call-backs; sees the areas
//   supervisor:  all of the desk agent's, and reassigns, sees the charter
//                dashboard and the flags, clears flags
#include <string>

#include "tools/stb-central/console/staff_store.h"
#include "tools/stb-central/ticket_store.h"

namespace tools::central {

enum class ConsoleAction {
  kSeeAllTickets,  // the whole queue, any ticket
  kSeeTicket,      // this ticket
  kAssign,         // this ticket to a worker (a reassignment when it has one)
  kVisit,          // record a visit
  kResolve,
  kClose,
  kLogCallback,
  kClearFlags,
  kDashboard,
  kAreas,
};

// True when someone with ROLE and LOGIN may do ACTION (on T, for the ticket
// actions; T may be null for the others).
bool allowed(StaffRole role, const std::string& login, ConsoleAction action, const Ticket* t);

}  // namespace tools::central
