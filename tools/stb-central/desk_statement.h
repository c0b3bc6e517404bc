#pragma once
// One statement on the store's connection (db_connection.h), with the
// binders and readers the ticket store's files (ticket_store.cpp,
// desk_*.cpp, console/staff_store.cpp) share. Internal to stb_central_lib.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

#include "tools/stb-central/db_connection.h"
#include "tools/stb-central/ticket_store.h"

namespace tools::central {

constexpr db::Step kRow = db::Step::kRow;
constexpr db::Step kDone = db::Step::kDone;

class Statement {
 public:
  Statement(db::Connection& db, const std::string& sql) : q_(db.prepare(sql)) {}
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
  db::Step step() { return q_->step(); }
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
  std::unique_ptr<db::Query> q_;
};

// "SELECT <the columns readTicket() reads> FROM tickets t JOIN reports r":
// add the WHERE and ORDER BY.
extern const char kTicketSelect[];
Ticket readTicket(const Statement& s);

}  // namespace tools::central
