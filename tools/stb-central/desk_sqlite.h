#pragma once
// One prepared SQLite statement, finalised on scope exit: what the ticket
// store's files (ticket_store.cpp, desk_*.cpp) share. Internal to
// stb_central_lib.
#include <sqlite3.h>

#include <cstdint>
#include <optional>
#include <string>

#include "tools/stb-central/ticket_store.h"

namespace tools::central {

class Statement {
 public:
  Statement(sqlite3* db, const char* sql) {
    ok_ = sqlite3_prepare_v2(db, sql, -1, &s_, nullptr) == SQLITE_OK;
  }
  Statement(sqlite3* db, const std::string& sql) : Statement(db, sql.c_str()) {}
  ~Statement() { sqlite3_finalize(s_); }
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  bool ok() const { return ok_; }
  Statement& bind(int i, const std::string& v) {
    sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& bind(int i, const char* v) { return bind(i, std::string(v)); }
  Statement& bind(int i, int64_t v) {
    sqlite3_bind_int64(s_, i, v);
    return *this;
  }
  template <typename T>
  Statement& bind(int i, const std::optional<T>& v) {
    if (v) return bind(i, *v);
    sqlite3_bind_null(s_, i);
    return *this;
  }
  int step() { return sqlite3_step(s_); }
  bool isNull(int col) const { return sqlite3_column_type(s_, col) == SQLITE_NULL; }
  std::string text(int col) const {
    const unsigned char* t = sqlite3_column_text(s_, col);
    return t ? std::string(reinterpret_cast<const char*>(t),
                           static_cast<size_t>(sqlite3_column_bytes(s_, col)))
             : std::string();
  }
  std::optional<std::string> optionalText(int col) const {
    if (isNull(col)) return std::nullopt;
    return text(col);
  }
  int64_t integer(int col) const { return sqlite3_column_int64(s_, col); }
  std::optional<int64_t> optionalInteger(int col) const {
    if (isNull(col)) return std::nullopt;
    return integer(col);
  }

 private:
  sqlite3_stmt* s_ = nullptr;
  bool ok_ = false;
};

// "SELECT <the columns readTicket() reads> FROM tickets t JOIN reports r":
// add the WHERE and ORDER BY.
extern const char kTicketSelect[];
Ticket readTicket(const Statement& s);

}  // namespace tools::central
