#pragma once
// Who may do what in the console. Every page and every POST asks here; the
// pages also use it to show only the forms a person may send.
//   worker:      sees and works on the tickets assigned to them (visited, resolve)
//   desk_agent:  sees every ticket; assigns an unassigned one, resolves, closes,
//                logs call-backs; sees the areas
//   supervisor:  all of the desk agent's, and reassigns, sees the charter
//                dashboard and the flags, clears flags, confirms, resolves
//                and dismisses incidents
// Everyone sees the incidents (a worker knows why their area is quiet).
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "tools/staff/staff_store.h"
#include "tools/stb-central/ticket_store.h"

namespace tools::central {

// The staff accounts (tools/staff), in the tickets' database.
using staff::checkLogin;
using staff::checkName;
using staff::StaffMember;
using staff::StaffStore;

// The desk's roles; their names are what the staff table holds.
enum class StaffRole { kWorker, kDeskAgent, kSupervisor };
const char* roleName(StaffRole role);  // worker, desk_agent, supervisor
std::optional<StaffRole> parseRole(const std::string& name);
std::vector<std::string> deskRoles();  // all three names
// The staff table of the tickets' database at PATH (TicketStore::open has
// created or checked it). nullptr and *error.
std::unique_ptr<StaffStore> openDeskStaff(const std::string& path, std::string* error);

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
  kSeeIncidents,  // the incidents and their pages
  kMoveIncident,  // confirm (the outage notice goes on air), resolve, dismiss
};

// True when someone with ROLE and LOGIN may do ACTION (on T, for the ticket
// actions; T may be null for the others).
bool allowed(StaffRole role, const std::string& login, ConsoleAction action, const Ticket* t);

}  // namespace tools::central
