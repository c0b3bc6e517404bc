#pragma once
// One or more `stb-central serve` processes on one database, as an operator
// runs them behind a TCP load balancer: SQLite (one instance only, a file in
// the work directory) or PostgreSQL (a connection string, any number of
// instances). Boxes are split between the instances by box index, as a
// balancer hashing the source address would, and each keeps its instance.
#include <memory>
#include <string>
#include <vector>

#include "tools/stb-fleet/central_process.h"

namespace tools::fleet {

struct CentralGroupOptions {
  std::string binary, pki_dir, work_dir;
  std::string db;                  // empty: WORK_DIR/central.db (SQLite)
  int instances = 1;               // more than one needs PostgreSQL
  std::vector<std::string> extra;  // more `serve` options for every run
};

class CentralGroup {
 public:
  explicit CentralGroup(CentralGroupOptions options);
  CentralGroup(const CentralGroup&) = delete;
  CentralGroup& operator=(const CentralGroup&) = delete;

  // Checks the options (several instances only on PostgreSQL), then starts
  // every instance with EXTRA, one after the other: the first one migrates
  // the schema before the next connects.
  bool start(const std::vector<std::string>& extra, std::string* error);
  // Stops every instance; true when all exited 0.
  bool stop();
  size_t size() const { return processes_.size(); }
  // The instance serving box INDEX.
  std::string urlFor(size_t index) const { return processes_[index % size()]->url(); }
  // What `stb-central ... --db` takes.
  const std::string& db() const { return db_; }
  const std::string& logPath(size_t i) const { return logs_[i]; }

 private:
  CentralGroupOptions options_;
  std::string db_;
  std::vector<std::string> logs_;
  std::vector<std::unique_ptr<CentralProcess>> processes_;
};

// True for a PostgreSQL connection string ("postgresql://...", "postgresql:...").
bool isPostgres(const std::string& db);

}  // namespace tools::fleet
