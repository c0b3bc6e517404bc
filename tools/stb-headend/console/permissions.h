#pragma once
// Who may do what in the authoring console:
//   editor:      writes notices, previews them, publishes, revises and cancels
//                (an emergency only goes as far as waiting for approval)
//   supervisor:  all of the editor's, and approves an emergency that someone
//                else wrote (an emergency needs two people)
#include <optional>
#include <string>
#include <vector>

namespace tools::headend::console {

enum class Role { kEditor, kSupervisor };
const char* roleName(Role role);  // editor, supervisor
std::optional<Role> parseRole(const std::string& name);
std::vector<std::string> headendRoles();  // both names, for the staff table

enum class Action { kWrite, kPublish, kCancel, kApprove };

// True when LOGIN with ROLE may do ACTION; for kApprove, AUTHOR is who wrote
// the emergency.
bool allowed(Role role, const std::string& login, Action action, const std::string& author = "");

}  // namespace tools::headend::console
