#include "tools/db/db_connection.h"

#include "tools/db/db_sqlite.h"
#include "tools/db/pg_connection.h"

namespace tools::db {
namespace {

constexpr char kKeywordPrefix[] = "postgresql:";  // then libpq's key=value words

bool startsWith(const std::string& s, const char* prefix) {
  return s.rfind(prefix, 0) == 0;
}

}  // namespace

bool isPostgres(const std::string& spec) {
  return startsWith(spec, "postgresql:") || startsWith(spec, "postgres://");
}

std::string displayName(const std::string& spec) {
  if (!isPostgres(spec)) return spec;
  std::string shown = spec;
  // user:password@ in a URI
  if (const size_t scheme = shown.find("://"); scheme != std::string::npos) {
    const size_t at = shown.find('@', scheme);
    const size_t colon = shown.find(':', scheme + 3);
    if (at != std::string::npos && colon != std::string::npos && colon < at)
      shown.erase(colon, at - colon);
  }
  // password=... among key=value words
  if (const size_t p = shown.find("password="); p != std::string::npos) {
    const size_t end = shown.find(' ', p);
    shown.erase(p, end == std::string::npos ? std::string::npos : end - p + 1);
    while (!shown.empty() && shown.back() == ' ') shown.pop_back();
  }
  return shown;
}

std::unique_ptr<Connection> open(const std::string& spec, const OpenOptions& options,
                                 std::string* error) {
  if (!isPostgres(spec)) return openSqlite(spec, options, error);
  const bool uri = spec.find("://") != std::string::npos;
  const std::string conninfo = uri ? spec : spec.substr(sizeof kKeywordPrefix - 1);
  std::string why;
  auto connection = openPostgres(conninfo, options, &why);
  if (!connection && error) *error = displayName(spec) + ": " + why;
  return connection;
}

}  // namespace tools::db
