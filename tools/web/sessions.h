#pragma once
// Login sessions, kept in memory: a random 256-bit id (the cookie), the
// user and role, a CSRF token of their own, and two expiries (idle, and an
// absolute one). Thread-safe.
//
// In memory rather than in the database: one server process serves the
// console, so nothing needs sharing; a restart logs everyone out, which is
// the safe failure; the page views do not write to a database the boxes
// are writing to; and no live session secret ever lands in a file that
// backups and admin commands read.
#include <cstddef>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace tools::web {

struct Session {
  std::string id;    // 64 hex characters; the cookie's value
  std::string csrf;  // 64 hex characters; every POST form carries it
  std::string user;
  std::string role;
  int64_t created = 0;    // UTC seconds
  int64_t last_seen = 0;  // UTC seconds
};

struct SessionLimits {
  int64_t idle_seconds = 30 * 60;   // no request for this long: logged out
  int64_t max_seconds = 12 * 3600;  // a working day, whatever happens
  size_t max_sessions = 10000;      // the oldest go first beyond this
};

class SessionStore {
 public:
  explicit SessionStore(SessionLimits limits = {}) : limits_(limits) {}

  // A new session for USER; nullopt when no randomness is to be had.
  std::optional<Session> create(const std::string& user, const std::string& role, int64_t now);
  // The live session with ID (and its last_seen moved to NOW), or nullopt
  // when unknown or expired (then it is forgotten).
  std::optional<Session> find(std::string_view id, int64_t now);
  void remove(std::string_view id);
  size_t size() const;

  const SessionLimits& limits() const { return limits_; }

 private:
  bool expired(const Session& s, int64_t now) const;
  void purge(int64_t now);  // with mu_ held

  SessionLimits limits_;
  mutable std::mutex mu_;
  std::map<std::string, Session, std::less<>> sessions_;
};

// True when SUBMITTED (the form's csrf field) is SESSION's token.
bool csrfMatches(const Session& session, std::string_view submitted);

}  // namespace tools::web
