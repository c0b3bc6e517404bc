#include "tools/stb-headend/console/permissions.h"

namespace tools::headend::console {

const char* roleName(Role role) {
  return role == Role::kSupervisor ? "supervisor" : "editor";
}

std::optional<Role> parseRole(const std::string& name) {
  for (Role r : {Role::kEditor, Role::kSupervisor})
    if (name == roleName(r)) return r;
  return std::nullopt;
}

std::vector<std::string> headendRoles() {
  return {roleName(Role::kEditor), roleName(Role::kSupervisor)};
}

bool allowed(Role role, const std::string& login, Action action, const std::string& author) {
  switch (action) {
    case Action::kWrite:
    case Action::kPublish:
    case Action::kCancel:
      return true;
    case Action::kApprove:
      // The second person: a supervisor, and not the author.
      return role == Role::kSupervisor && !author.empty() && author != login;
  }
  return false;
}

}  // namespace tools::headend::console
