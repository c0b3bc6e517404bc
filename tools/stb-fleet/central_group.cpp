#include "tools/stb-fleet/central_group.h"

#include <algorithm>

namespace tools::fleet {

bool isPostgres(const std::string& db) {
  return db.rfind("postgresql:", 0) == 0 || db.rfind("postgres:", 0) == 0;
}

CentralGroup::CentralGroup(CentralGroupOptions options) : options_(std::move(options)) {
  db_ = options_.db.empty() ? options_.work_dir + "/central.db" : options_.db;
  for (int i = 0; i < std::max(1, options_.instances); ++i) {
    logs_.push_back(options_.work_dir + "/central" + (i ? "-" + std::to_string(i) : "") + ".log");
    processes_.push_back(std::make_unique<CentralProcess>(CentralOptions{
        options_.binary, db_, options_.pki_dir + "/server.pem", options_.pki_dir + "/server.key",
        options_.pki_dir + "/ca.pem", logs_.back(), options_.extra}));
  }
}

bool CentralGroup::start(const std::vector<std::string>& extra, std::string* error) {
  if (processes_.size() > 1 && !isPostgres(db_)) {
    if (error) *error = "several instances need one PostgreSQL database (--db postgresql:...)";
    return false;
  }
  for (auto& p : processes_)
    if (!p->start(extra, error)) return false;
  return true;
}

bool CentralGroup::stop() {
  bool ok = true;
  for (auto& p : processes_) ok = p->stop() && ok;
  return ok;
}

}  // namespace tools::fleet
