#include "tools/db/pg_connection.h"

#include <libpq-fe.h>

#include <cctype>
#include <cstdlib>
#include <vector>

namespace tools::db {
namespace {

// PostgreSQL's type oids for the parameters (pg_type.h).
constexpr Oid kInt8 = 20;
constexpr Oid kText = 25;

// libpq's message on one line (it spreads a hint over several).
std::string trimmed(const char* message) {
  std::string m;
  for (const char* c = message ? message : ""; *c; ++c) {
    if (*c != '\n' && *c != '\t') {
      m += *c;
    } else if (!m.empty() && m.back() != ' ') {
      m += *c == '\n' ? "; " : " ";
    }
  }
  while (!m.empty() && (m.back() == ' ' || m.back() == ';')) m.pop_back();
  return m;
}

void ignoreNotice(void*, const char*) {}  // "already exists, skipping" and the like

class PgConnection : public Connection {
 public:
  PgConnection(PGconn* conn, OpenOptions options) : conn_(conn), options_(options) {}
  ~PgConnection() override { PQfinish(conn_); }
  Dialect dialect() const override { return Dialect::kPostgres; }
  std::unique_ptr<Query> prepare(const std::string& sql) override;
  bool exec(const std::string& sql, std::string* error) override {
    const bool ok = succeeded(once([&] { return PQexec(conn_, sql.c_str()); }), error);
    // Cleared after: a COMMIT on a lost connection must fail, never be tried
    // again on a new one (where it would "succeed" with nothing to commit).
    if (sql == "COMMIT" || sql == "ROLLBACK") in_transaction_ = false;
    return ok;
  }
  std::string lastError() const override { return last_error_; }
  bool beginWrite(std::string* error) override {
    in_transaction_ = exec("BEGIN", error);
    return in_transaction_;
  }
  bool beginSnapshot(std::string* error) override {
    in_transaction_ = exec("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error);
    return in_transaction_;
  }
  const char* forUpdate() const override { return " FOR UPDATE OF t"; }
  std::string damage() override { return ""; }  // the server checks its pages itself

  // The session's settings, again after a reconnection.
  bool configure(std::string* error) {
    PQsetNoticeProcessor(conn_, ignoreNotice, nullptr);
    std::string sql = "SET lock_timeout = " + std::to_string(options_.busy_timeout_ms) + ";";
    if (options_.read_only) sql += "SET default_transaction_read_only = on;";
    return succeeded(PQexec(conn_, sql.c_str()), error);
  }

  // RUN's result (the caller clears it). Outside a transaction a connection
  // found lost is made again and RUN tried once more; inside one, never: its
  // statements must not go on in another.
  template <typename Run>
  PGresult* once(const Run& run) {
    PGresult* r = run();
    if (PQstatus(conn_) == CONNECTION_OK || in_transaction_) return r;
    PQclear(r);
    PQreset(conn_);
    if (PQstatus(conn_) != CONNECTION_OK || !configure(nullptr)) return nullptr;
    return run();
  }
  // True when R is a success; else false and *error (R is cleared).
  bool succeeded(PGresult* r, std::string* error) {
    const ExecStatusType status = PQresultStatus(r);
    const bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
    if (!ok) {
      last_error_ = trimmed(r ? PQresultErrorMessage(r) : "");
      if (last_error_.empty()) last_error_ = trimmed(PQerrorMessage(conn_));
      if (error) *error = last_error_;
    }
    PQclear(r);
    return ok;
  }
  PGconn* raw() { return conn_; }
  std::string* lastErrorSlot() { return &last_error_; }

 private:
  PGconn* conn_;
  OpenOptions options_;
  std::string last_error_;
  bool in_transaction_ = false;  // between beginWrite/beginSnapshot and COMMIT/ROLLBACK
};

class PgQuery : public Query {
 public:
  PgQuery(PgConnection* connection, const std::string& sql)
      : connection_(connection), sql_(postgresPlaceholders(sql)) {}
  ~PgQuery() override { PQclear(result_); }
  bool ok() const override { return true; }  // PostgreSQL checks it at the first step
  void bindText(int i, const std::string& v) override { set(i, kText, v, false); }
  void bindInteger(int i, int64_t v) override { set(i, kInt8, std::to_string(v), false); }
  void bindNull(int i) override { set(i, 0, "", true); }
  Step step() override {
    if (!ran_) {
      ran_ = true;
      std::vector<const char*> values;
      for (size_t i = 0; i < params_.size(); ++i)
        values.push_back(nulls_[i] ? nullptr : params_[i].c_str());
      result_ = connection_->once([&] {
        return PQexecParams(connection_->raw(), sql_.c_str(), static_cast<int>(params_.size()),
                            types_.data(), values.data(), nullptr, nullptr, 0);
      });
      const ExecStatusType status = PQresultStatus(result_);
      if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
        *connection_->lastErrorSlot() = trimmed(result_ ? PQresultErrorMessage(result_) : "");
        if (connection_->lastErrorSlot()->empty())
          *connection_->lastErrorSlot() = trimmed(PQerrorMessage(connection_->raw()));
        PQclear(result_);
        result_ = nullptr;
      }
    }
    if (!result_) return Step::kError;
    return ++row_ < PQntuples(result_) ? Step::kRow : Step::kDone;
  }
  bool isNull(int col) const override { return PQgetisnull(result_, row_, col) != 0; }
  std::string text(int col) const override {
    return std::string(PQgetvalue(result_, row_, col),
                       static_cast<size_t>(PQgetlength(result_, row_, col)));
  }
  int64_t integer(int col) const override {
    return std::strtoll(PQgetvalue(result_, row_, col), nullptr, 10);
  }
  int64_t changes() const override {
    return result_ ? std::strtoll(PQcmdTuples(result_), nullptr, 10) : 0;
  }

 private:
  void set(int i, Oid type, std::string value, bool null) {
    const auto n = static_cast<size_t>(i);
    if (params_.size() < n) {
      params_.resize(n);
      types_.resize(n, 0);
      nulls_.resize(n, true);
    }
    params_[n - 1] = std::move(value);
    types_[n - 1] = type;
    nulls_[n - 1] = null;
  }

  PgConnection* connection_;
  std::string sql_;
  std::vector<std::string> params_;
  std::vector<Oid> types_;
  std::vector<bool> nulls_;
  bool ran_ = false;
  PGresult* result_ = nullptr;  // nullptr after a failure
  int row_ = -1;
};

std::unique_ptr<Query> PgConnection::prepare(const std::string& sql) {
  return std::make_unique<PgQuery>(this, sql);
}

}  // namespace

std::string postgresPlaceholders(const std::string& sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 0;
  bool quoted = false;
  for (size_t i = 0; i < sql.size(); ++i) {
    const char c = sql[i];
    if (c == '\'') quoted = !quoted;
    if (c != '?' || quoted) {
      out += c;
      continue;
    }
    out += '$';
    if (i + 1 < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i + 1]))) continue;
    out += std::to_string(++next);
  }
  return out;
}

std::unique_ptr<Connection> openPostgres(const std::string& conninfo, const OpenOptions& options,
                                         std::string* error) {
  PGconn* conn = PQconnectdb(conninfo.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    if (error) *error = trimmed(PQerrorMessage(conn));
    PQfinish(conn);
    return nullptr;
  }
  auto connection = std::make_unique<PgConnection>(conn, options);
  if (!connection->configure(error)) return nullptr;
  return connection;
}

}  // namespace tools::db
