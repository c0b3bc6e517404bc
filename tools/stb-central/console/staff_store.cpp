#include "tools/stb-central/console/staff_store.h"

#include <sqlite3.h>

#include "tools/stb-central/desk_sqlite.h"
#include "tools/web/form.h"

namespace tools::central {
namespace {

const char kSchema[] = R"sql(
CREATE TABLE IF NOT EXISTS staff (
  login    TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  role     TEXT NOT NULL CHECK (role IN ('worker', 'desk_agent', 'supervisor')),
  password TEXT NOT NULL,                   -- scrypt$..., tools/web/password.h
  created  INTEGER NOT NULL                 -- UTC seconds
);
)sql";

StaffMember readMember(const Statement& s) {
  StaffMember m;
  m.login = s.text(0);
  m.name = s.text(1);
  m.role = parseRole(s.text(2)).value_or(StaffRole::kWorker);
  m.password_hash = s.text(3);
  m.created = s.integer(4);
  return m;
}

}  // namespace

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

std::unique_ptr<StaffStore> StaffStore::open(const std::string& path, std::string* error) {
  sqlite3* db = nullptr;
  if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    *error = path + ": " + (db ? sqlite3_errmsg(db) : "cannot open");
    sqlite3_close(db);
    return nullptr;
  }
  std::unique_ptr<StaffStore> store(new StaffStore(db));
  sqlite3_busy_timeout(db, 5000);
  char* msg = nullptr;
  if (sqlite3_exec(db, kSchema, nullptr, nullptr, &msg) != SQLITE_OK) {
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
  Statement s(db_,
              "INSERT INTO staff (login, name, role, password, created) VALUES (?, ?, ?, ?, ?) "
              "ON CONFLICT (login) DO NOTHING");
  if (!s.ok()) {
    *error = sqlite3_errmsg(db_);
    return false;
  }
  s.bind(1, m.login).bind(2, m.name).bind(3, roleName(m.role)).bind(4, m.password_hash);
  s.bind(5, m.created);
  if (s.step() != SQLITE_DONE) {
    *error = std::string("staff: ") + sqlite3_errmsg(db_);
    return false;
  }
  *outcome = sqlite3_changes(db_) == 1 ? AddOutcome::kAdded : AddOutcome::kExists;
  return true;
}

bool StaffStore::find(const std::string& login, std::optional<StaffMember>* out,
                      std::string* error) {
  out->reset();
  Statement s(db_, "SELECT login, name, role, password, created FROM staff WHERE login = ?");
  if (!s.ok()) {
    *error = sqlite3_errmsg(db_);
    return false;
  }
  s.bind(1, login);
  const int rc = s.step();
  if (rc == SQLITE_ROW) *out = readMember(s);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
    *error = std::string("staff: ") + sqlite3_errmsg(db_);
    return false;
  }
  return true;
}

bool StaffStore::list(std::vector<StaffMember>* out, std::string* error) {
  out->clear();
  Statement s(db_, "SELECT login, name, role, password, created FROM staff ORDER BY login");
  if (!s.ok()) {
    *error = sqlite3_errmsg(db_);
    return false;
  }
  int rc;
  while ((rc = s.step()) == SQLITE_ROW) out->push_back(readMember(s));
  if (rc != SQLITE_DONE) {
    *error = std::string("staff: ") + sqlite3_errmsg(db_);
    return false;
  }
  return true;
}

}  // namespace tools::central
