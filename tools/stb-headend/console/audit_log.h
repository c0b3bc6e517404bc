#pragma once
// The console's audit log and its emergencies waiting for approval, in an
// SQLite database in the state directory (STATE_DIR/console.db). Every
// publish, revision, cancellation and approval is a row: who, when, the
// action, table_id, object_id, revision and the SHA-256 of the signed
// sections; a row that put a notice on air also keeps the notice's JSON,
// so that it can be revised or cancelled later. Rows are never changed.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace tools::headend::console {

struct AuditRow {
  int64_t id = 0;
  std::string who;
  int64_t when = 0;    // UTC seconds
  std::string action;  // publish, revise, cancel, approve
  uint8_t table_id = 0;
  uint32_t object_id = 0;
  uint32_t revision = 0;
  std::string sha256;  // hex, of the signed sections' bytes in order
  std::string notice;  // the notice JSON (publish, revise, cancel); "" for approve
};

// An emergency written and waiting for a supervisor other than its author.
struct PendingNotice {
  int64_t id = 0;
  std::string author;
  int64_t created = 0;
  uint32_t object_id = 0;
  uint32_t revision = 0;
  std::string notice;  // JSON
};

class AuditLog {
 public:
  // Opens or creates the database at PATH. nullptr and *error.
  static std::unique_ptr<AuditLog> open(const std::string& path, std::string* error);
  ~AuditLog();
  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

  bool add(const AuditRow& row, std::string* error);
  // Newest first, at most LIMIT.
  bool rows(size_t limit, std::vector<AuditRow>* out, std::string* error);
  // One more than the last revision published for OBJECT_ID (1 when none).
  bool nextRevision(uint8_t table_id, uint32_t object_id, uint32_t* out, std::string* error);
  // An object_id no notice of the log (published or waiting) has used.
  bool nextObjectId(uint8_t table_id, uint32_t* out, std::string* error);
  // The latest row of each object that went on air (publish, revise, cancel), by object_id.
  bool published(uint8_t table_id, std::vector<AuditRow>* out, std::string* error);

  bool addPending(const PendingNotice& p, int64_t* id, std::string* error);
  bool pending(std::vector<PendingNotice>* out, std::string* error);
  bool findPending(int64_t id, std::optional<PendingNotice>* out, std::string* error);
  bool removePending(int64_t id, std::string* error);

 private:
  explicit AuditLog(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

}  // namespace tools::headend::console
