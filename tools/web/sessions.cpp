#include "tools/web/sessions.h"

#include "tools/web/secure_random.h"

namespace tools::web {

bool SessionStore::expired(const Session& s, int64_t now) const {
  return now - s.last_seen >= limits_.idle_seconds || now - s.created >= limits_.max_seconds;
}

void SessionStore::purge(int64_t now) {
  for (auto it = sessions_.begin(); it != sessions_.end();)
    it = expired(it->second, now) ? sessions_.erase(it) : std::next(it);
  while (!sessions_.empty() && sessions_.size() >= limits_.max_sessions) {
    auto oldest = sessions_.begin();
    for (auto it = sessions_.begin(); it != sessions_.end(); ++it)
      if (it->second.last_seen < oldest->second.last_seen) oldest = it;
    sessions_.erase(oldest);
  }
}

std::optional<Session> SessionStore::create(const std::string& user, const std::string& role,
                                            int64_t now) {
  Session s;
  s.id = randomHex(32);
  s.csrf = randomHex(32);
  if (s.id.empty() || s.csrf.empty()) return std::nullopt;
  s.user = user;
  s.role = role;
  s.created = s.last_seen = now;
  std::lock_guard<std::mutex> lock(mu_);
  purge(now);
  sessions_[s.id] = s;
  return s;
}

std::optional<Session> SessionStore::find(std::string_view id, int64_t now) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = sessions_.find(id);
  if (it == sessions_.end()) return std::nullopt;
  if (expired(it->second, now)) {
    sessions_.erase(it);
    return std::nullopt;
  }
  it->second.last_seen = now;
  return it->second;
}

void SessionStore::remove(std::string_view id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = sessions_.find(id);
  if (it != sessions_.end()) sessions_.erase(it);
}

size_t SessionStore::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return sessions_.size();
}

bool csrfMatches(const Session& session, std::string_view submitted) {
  return !session.csrf.empty() && constantTimeEquals(session.csrf, submitted);
}

}  // namespace tools::web
