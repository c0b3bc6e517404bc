#include "tools/staff/staff_store.h"

#include <algorithm>

#include "tools/db/statement.h"
#include "tools/web/form.h"

namespace tools::staff {
namespace {

// The table, its role CHECK naming ROLES (names of a-z and _ only, so they
// may be quoted as they are).
std::string schema(const std::vector<std::string>& roles) {
  std::string list;
  for (const std::string& r : roles) list += (list.empty() ? "'" : ", '") + r + "'";
  return "CREATE TABLE IF NOT EXISTS staff (\n"
         "  login    TEXT PRIMARY KEY,\n"
         "  name     TEXT NOT NULL,\n"
         "  role     TEXT NOT NULL CHECK (role IN (" +
         list +
         ")),\n"
         "  password TEXT NOT NULL,                   -- scrypt$..., tools/web/password.h\n"
         "  created  BIGINT NOT NULL                  -- UTC seconds\n"
         ");\n";
}

StaffMember readMember(const db::Statement& s) {
  StaffMember m;
  m.login = s.text(0);
  m.name = s.text(1);
  m.role = s.text(2);
  m.password_hash = s.text(3);
  m.created = s.integer(4);
  return m;
}

bool validRoleName(const std::string& role) {
  return !role.empty() &&
         role.find_first_not_of("abcdefghijklmnopqrstuvwxyz_") == std::string::npos;
}

}  // namespace

std::string checkLogin(const std::string& login) {
  if (login.empty() || login.size() > 64) return "a login has 1 to 64 characters";
  if (login.find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789._-") != std::string::npos)
    return "a login is made of a-z 0-9 . _ -";
  return "";
}

std::string checkName(const std::string& name) {
  if (name.empty() || name.size() > 100) return "a name has 1 to 100 bytes";
  if (!web::isCleanUtf8(name) || name.find_first_of("\t\r\n") != std::string::npos)
    return "a name is one line of UTF-8 text";
  return "";
}

std::unique_ptr<StaffStore> StaffStore::open(const std::string& path,
                                             const std::vector<std::string>& roles,
                                             std::string* error) {
  if (roles.empty() || !std::all_of(roles.begin(), roles.end(), validRoleName)) {
    *error = "staff: role names are a-z and _";
    return nullptr;
  }
  db::OpenOptions options;
  options.create = false;
  auto db = db::open(path, options, error);
  if (!db) return nullptr;
  std::string why;
  if (!db->exec(schema(roles), &why)) {
    *error = db::displayName(path) + ": " + why;
    return nullptr;
  }
  return std::unique_ptr<StaffStore>(new StaffStore(std::move(db), roles));
}

StaffStore::StaffStore(std::unique_ptr<db::Connection> db, std::vector<std::string> roles)
    : db_(std::move(db)), roles_(std::move(roles)) {}

StaffStore::~StaffStore() = default;

bool StaffStore::add(const StaffMember& m, AddOutcome* outcome, std::string* error) {
  if (std::find(roles_.begin(), roles_.end(), m.role) == roles_.end()) {
    *error = "staff: no role " + m.role;
    return false;
  }
  db::Statement s(*db_,
                  "INSERT INTO staff (login, name, role, password, created) "
                  "VALUES (?, ?, ?, ?, ?) ON CONFLICT (login) DO NOTHING");
  s.bind(1, m.login).bind(2, m.name).bind(3, m.role).bind(4, m.password_hash);
  s.bind(5, m.created);
  if (!s.ok() || s.step() != db::kDone) {
    *error = "staff: " + db_->lastError();
    return false;
  }
  *outcome = s.changes() == 1 ? AddOutcome::kAdded : AddOutcome::kExists;
  return true;
}

bool StaffStore::find(const std::string& login, std::optional<StaffMember>* out,
                      std::string* error) {
  out->reset();
  db::Statement s(*db_, "SELECT login, name, role, password, created FROM staff WHERE login = ?");
  s.bind(1, login);
  const db::Step rc = s.ok() ? s.step() : db::Step::kError;
  if (rc == db::kRow) *out = readMember(s);
  if (rc != db::kRow && rc != db::kDone) {
    *error = "staff: " + db_->lastError();
    return false;
  }
  return true;
}

bool StaffStore::list(std::vector<StaffMember>* out, std::string* error) {
  out->clear();
  db::Statement s(*db_, "SELECT login, name, role, password, created FROM staff ORDER BY login");
  db::Step rc = db::Step::kError;
  if (s.ok())
    while ((rc = s.step()) == db::kRow) out->push_back(readMember(s));
  if (rc != db::kDone) {
    *error = "staff: " + db_->lastError();
    return false;
  }
  return true;
}

}  // namespace tools::staff
