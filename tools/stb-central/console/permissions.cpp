#include "tools/stb-central/console/permissions.h"

namespace tools::central {

const char* roleName(StaffRole role) {
  switch (role) {
    case StaffRole::kWorker:
      return "worker";
    case StaffRole::kDeskAgent:
      return "desk_agent";
    case StaffRole::kSupervisor:
      return "supervisor";
  }
  return "worker";
}

std::optional<StaffRole> parseRole(const std::string& name) {
  for (StaffRole r : {StaffRole::kWorker, StaffRole::kDeskAgent, StaffRole::kSupervisor})
    if (name == roleName(r)) return r;
  return std::nullopt;
}

std::vector<std::string> deskRoles() {
  return {roleName(StaffRole::kWorker), roleName(StaffRole::kDeskAgent),
          roleName(StaffRole::kSupervisor)};
}

std::unique_ptr<StaffStore> openDeskStaff(const std::string& path, std::string* error) {
  return StaffStore::open(path, deskRoles(), error);
}

bool allowed(StaffRole role, const std::string& login, ConsoleAction action, const Ticket* t) {
  const bool supervisor = role == StaffRole::kSupervisor;
  const bool desk = supervisor || role == StaffRole::kDeskAgent;
  const bool own = t && t->assignee && *t->assignee == login;
  switch (action) {
    case ConsoleAction::kSeeAllTickets:
    case ConsoleAction::kAreas:
      return desk;
    case ConsoleAction::kSeeTicket:
      return desk || own;
    case ConsoleAction::kAssign:
      // Assigning a ticket that has a worker takes it from them: a supervisor's call.
      if (!t) return false;
      return t->assignee ? supervisor : desk;
    case ConsoleAction::kVisit:
    case ConsoleAction::kResolve:
      return desk || own;
    case ConsoleAction::kClose:
    case ConsoleAction::kLogCallback:
      return desk;
    case ConsoleAction::kSeeIncidents:
      return true;
    case ConsoleAction::kClearFlags:
    case ConsoleAction::kDashboard:
    case ConsoleAction::kMoveIncident:
      return supervisor;
  }
  return false;
}

}  // namespace tools::central
