#pragma once
// One statement on a db::Connection (db_connection.h), with chained binders
// and readers of optional values: what the stores' files share.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "tools/db/db_connection.h"

namespace tools::db {

constexpr Step kRow = Step::kRow;
constexpr Step kDone = Step::kDone;

class Statement {
 public:
  Statement(Connection& db, const std::string& sql) : q_(db.prepare(sql)) {}
  bool ok() const { return q_ && q_->ok(); }
  Statement& bind(int i, const std::string& v) {
    q_->bindText(i, v);
    return *this;
  }
  Statement& bind(int i, const char* v) { return bind(i, std::string(v)); }
  Statement& bind(int i, int64_t v) {
    q_->bindInteger(i, v);
    return *this;
  }
  template <typename T>
  Statement& bind(int i, const std::optional<T>& v) {
    if (v) return bind(i, *v);
    q_->bindNull(i);
    return *this;
  }
  Step step() { return q_->step(); }
  bool isNull(int col) const { return q_->isNull(col); }
  std::string text(int col) const { return q_->text(col); }
  std::optional<std::string> optionalText(int col) const {
    if (isNull(col)) return std::nullopt;
    return text(col);
  }
  int64_t integer(int col) const { return q_->integer(col); }
  std::optional<int64_t> optionalInteger(int col) const {
    if (isNull(col)) return std::nullopt;
    return integer(col);
  }
  int64_t changes() const { return q_->changes(); }

 private:
  std::unique_ptr<Query> q_;
};

}  // namespace tools::db
