#pragma once
// The service desk's staff accounts, in the tickets' database (table staff,
// its own connection; SQLite or PostgreSQL, db_connection.h): login, display name, role, and the
// password's scrypt hash (tools/web/password.h). `stb-central staff-add` writes them; the console
// reads them at login.
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace tools::central {

namespace db {
class Connection;
}

// What a member of staff may do in the console (console/permissions.h).
enum class StaffRole { kWorker, kDeskAgent, kSupervisor };
const char* roleName(StaffRole role);  // worker, desk_agent, supervisor
std::optional<StaffRole> parseRole(const std::string& name);

struct StaffMember {
  std::string login;  // 1-64 of a-z 0-9 . _ - (the areas file names workers by it)
  std::string name;   // as shown, 1-100 bytes of UTF-8 text
  StaffRole role = StaffRole::kWorker;
  std::string password_hash;
  int64_t created = 0;
};

// "" when LOGIN / NAME may be stored, else why not.
std::string checkLogin(const std::string& login);
std::string checkName(const std::string& name);

class StaffStore {
 public:
  // Opens (creating the table when missing) the database at PATH, which
  // TicketStore::open has already created or checked. nullptr and *error.
  static std::unique_ptr<StaffStore> open(const std::string& path, std::string* error);
  ~StaffStore();
  StaffStore(const StaffStore&) = delete;
  StaffStore& operator=(const StaffStore&) = delete;

  enum class AddOutcome { kAdded, kExists };
  bool add(const StaffMember& member, AddOutcome* outcome, std::string* error);
  // *out empty when there is no such login.
  bool find(const std::string& login, std::optional<StaffMember>* out, std::string* error);
  // Everyone, by login.
  bool list(std::vector<StaffMember>* out, std::string* error);

 private:
  explicit StaffStore(std::unique_ptr<db::Connection> db);
  std::unique_ptr<db::Connection> db_;
};

}  // namespace tools::central
