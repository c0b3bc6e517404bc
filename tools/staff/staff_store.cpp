#include "tools/staff/staff_store.h"

#include <sqlite3.h>

#include <algorithm>

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
         "  created  INTEGER NOT NULL                 -- UTC seconds\n"
         ");\n";
}

// One prepared statement, finalised on scope exit.
using Statement = std::unique_ptr<sqlite3_stmt, int (*)(sqlite3_stmt*)>;

Statement prepare(sqlite3* db, const char* sql) {
  sqlite3_stmt* s = nullptr;
  sqlite3_prepare_v2(db, sql, -1, &s, nullptr);
  return Statement(s, sqlite3_finalize);
}

void bindText(sqlite3_stmt* s, int i, const std::string& v) {
  sqlite3_bind_text(s, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
}

std::string columnText(sqlite3_stmt* s, int col) {
  const unsigned char* t = sqlite3_column_text(s, col);
  return t ? std::string(reinterpret_cast<const char*>(t),
                         static_cast<size_t>(sqlite3_column_bytes(s, col)))
           : std::string();
}

StaffMember readMember(sqlite3_stmt* s) {
  StaffMember m;
  m.login = columnText(s, 0);
  m.name = columnText(s, 1);
  m.role = columnText(s, 2);
  m.password_hash = columnText(s, 3);
  m.created = sqlite3_column_int64(s, 4);
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
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    *error = path + ": " + (db ? sqlite3_errmsg(db) : "cannot open");
    sqlite3_close(db);
    return nullptr;
  }
  std::unique_ptr<StaffStore> store(new StaffStore(db, roles));
  sqlite3_busy_timeout(db, 5000);
  char* msg = nullptr;
  if (sqlite3_exec(db, schema(roles).c_str(), nullptr, nullptr, &msg) != SQLITE_OK) {
    *error = path + ": " + (msg ? msg : sqlite3_errmsg(db));
    sqlite3_free(msg);
    return nullptr;
  }
  return store;
}

StaffStore::~StaffStore() {
  sqlite3_close(db_);
}

bool StaffStore::add(const StaffMember& m, AddOutcome* outcome, std::string* error) {
  if (std::find(roles_.begin(), roles_.end(), m.role) == roles_.end()) {
    *error = "staff: no role " + m.role;
    return false;
  }
  Statement s = prepare(db_,
                        "INSERT INTO staff (login, name, role, password, created) "
                        "VALUES (?, ?, ?, ?, ?) ON CONFLICT (login) DO NOTHING");
  if (!s) {
    *error = sqlite3_errmsg(db_);
    return false;
  }
  bindText(s.get(), 1, m.login);
  bindText(s.get(), 2, m.name);
  bindText(s.get(), 3, m.role);
  bindText(s.get(), 4, m.password_hash);
  sqlite3_bind_int64(s.get(), 5, m.created);
  if (sqlite3_step(s.get()) != SQLITE_DONE) {
    *error = std::string("staff: ") + sqlite3_errmsg(db_);
    return false;
  }
  *outcome = sqlite3_changes(db_) == 1 ? AddOutcome::kAdded : AddOutcome::kExists;
  return true;
}

bool StaffStore::find(const std::string& login, std::optional<StaffMember>* out,
                      std::string* error) {
  out->reset();
  Statement s =
      prepare(db_, "SELECT login, name, role, password, created FROM staff WHERE login = ?");
  if (!s) {
    *error = sqlite3_errmsg(db_);
    return false;
  }
  bindText(s.get(), 1, login);
  const int rc = sqlite3_step(s.get());
  if (rc == SQLITE_ROW) *out = readMember(s.get());
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
    *error = std::string("staff: ") + sqlite3_errmsg(db_);
    return false;
  }
  return true;
}

bool StaffStore::list(std::vector<StaffMember>* out, std::string* error) {
  out->clear();
  Statement s =
      prepare(db_, "SELECT login, name, role, password, created FROM staff ORDER BY login");
  if (!s) {
    *error = sqlite3_errmsg(db_);
    return false;
  }
  int rc;
  while ((rc = sqlite3_step(s.get())) == SQLITE_ROW) out->push_back(readMember(s.get()));
  if (rc != SQLITE_DONE) {
    *error = std::string("staff: ") + sqlite3_errmsg(db_);
    return false;
  }
  return true;
}

}  // namespace tools::staff
