#pragma once
// Staff accounts in a database (table staff, its own connection; SQLite, or
// for stb-central PostgreSQL too: tools/db/db_connection.h):
// login, display name, role, and the password's scrypt hash
// (tools/web/password.h). Shared by stb-central's service desk console (in
// its tickets' database) and stb-headend's authoring console (its staff_db);
// each names the roles it knows, and the table holds only those.
// `staff-add` (staff_add.h) writes accounts; the consoles read them at login.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tools::db {
class Connection;
}  // namespace tools::db

namespace tools::staff {

struct StaffMember {
  std::string login;  // 1-64 of a-z 0-9 . _ - (stb-central's areas file names workers by it)
  std::string name;   // as shown, 1-100 bytes of UTF-8 text
  std::string role;   // one of the store's roles
  std::string password_hash;
  int64_t created = 0;
};

// "" when LOGIN / NAME may be stored, else why not.
std::string checkLogin(const std::string& login);
std::string checkName(const std::string& name);

class StaffStore {
 public:
  // Opens the existing database at PATH (creating the table when missing;
  // a new table accepts only ROLES). nullptr and *error.
  static std::unique_ptr<StaffStore> open(const std::string& path,
                                          const std::vector<std::string>& roles,
                                          std::string* error);
  ~StaffStore();
  StaffStore(const StaffStore&) = delete;
  StaffStore& operator=(const StaffStore&) = delete;

  const std::vector<std::string>& roles() const { return roles_; }

  enum class AddOutcome { kAdded, kExists };
  // A role not among roles() is an error.
  bool add(const StaffMember& member, AddOutcome* outcome, std::string* error);
  // *out empty when there is no such login.
  bool find(const std::string& login, std::optional<StaffMember>* out, std::string* error);
  // Everyone, by login.
  bool list(std::vector<StaffMember>* out, std::string* error);

 private:
  StaffStore(std::unique_ptr<db::Connection> db, std::vector<std::string> roles);
  std::unique_ptr<db::Connection> db_;
  std::vector<std::string> roles_;
};

}  // namespace tools::staff
