#include "tools/stb-central/console/staff_store.h"

#include "tools/stb-central/desk_statement.h"
#include "tools/web/form.h"

namespace tools::central {
namespace {

const char kSchema[] = R"sql(
CREATE TABLE IF NOT EXISTS staff (
  login    TEXT PRIMARY KEY,
  name     TEXT NOT NULL,
  role     TEXT NOT NULL CHECK (role IN ('worker', 'desk_agent', 'supervisor')),
  password TEXT NOT NULL,                   -- scrypt$..., tools/web/password.h
  created  BIGINT NOT NULL                  -- UTC seconds
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
  auto db = db::open(path, db::OpenOptions(), error);
  if (!db) return nullptr;
  std::string why;
  if (!db->exec(kSchema, &why)) {
    *error = db::displayName(path) + ": " + why;
    return nullptr;
  }
  return std::unique_ptr<StaffStore>(new StaffStore(std::move(db)));
}

StaffStore::StaffStore(std::unique_ptr<db::Connection> db) : db_(std::move(db)) {}

StaffStore::~StaffStore() = default;

bool StaffStore::add(const StaffMember& m, AddOutcome* outcome, std::string* error) {
  Statement s(*db_,
              "INSERT INTO staff (login, name, role, password, created) VALUES (?, ?, ?, ?, ?) "
              "ON CONFLICT (login) DO NOTHING");
  if (!s.ok()) {
    *error = db_->lastError();
    return false;
  }
  s.bind(1, m.login).bind(2, m.name).bind(3, roleName(m.role)).bind(4, m.password_hash);
  s.bind(5, m.created);
  if (s.step() != kDone) {
    *error = std::string("staff: ") + db_->lastError();
    return false;
  }
  *outcome = s.changes() == 1 ? AddOutcome::kAdded : AddOutcome::kExists;
  return true;
}

bool StaffStore::find(const std::string& login, std::optional<StaffMember>* out,
                      std::string* error) {
  out->reset();
  Statement s(*db_, "SELECT login, name, role, password, created FROM staff WHERE login = ?");
  if (!s.ok()) {
    *error = db_->lastError();
    return false;
  }
  s.bind(1, login);
  const db::Step rc = s.step();
  if (rc == kRow) *out = readMember(s);
  if (rc != kRow && rc != kDone) {
    *error = std::string("staff: ") + db_->lastError();
    return false;
  }
  return true;
}

bool StaffStore::list(std::vector<StaffMember>* out, std::string* error) {
  out->clear();
  Statement s(*db_, "SELECT login, name, role, password, created FROM staff ORDER BY login");
  if (!s.ok()) {
    *error = db_->lastError();
    return false;
  }
  db::Step rc;
  while ((rc = s.step()) == kRow) out->push_back(readMember(s));
  if (rc != kDone) {
    *error = std::string("staff: ") + db_->lastError();
    return false;
  }
  return true;
}

}  // namespace tools::central
