// tools/web/sessions.h: sessions expire when idle and at the end of the day;
// each has its own CSRF token.
#include <gtest/gtest.h>

#include <string>

#include "tools/web/sessions.h"

namespace tools::web {
namespace {

TEST(WebSessions, FindsALiveSessionAndMovesItsLastSeen) {
  SessionStore store;
  const auto s = store.create("wang", "supervisor", 1000);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->id.size(), 64u);
  EXPECT_EQ(s->csrf.size(), 64u);
  EXPECT_NE(s->id, s->csrf);
  const auto found = store.find(s->id, 1000 + 29 * 60);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->user, "wang");
  EXPECT_EQ(found->role, "supervisor");
  EXPECT_EQ(found->last_seen, 1000 + 29 * 60);
  // Idle 29 minutes again: still there, since the last request counts.
  EXPECT_TRUE(store.find(s->id, 1000 + 58 * 60));
  // Another id: its first digit changed (a random id starts with '0' one time in 16).
  std::string other = s->id;
  other[0] = other[0] == '0' ? '1' : '0';
  EXPECT_FALSE(store.find(other, 1000 + 58 * 60));
}

TEST(WebSessions, IdleSessionExpires) {
  SessionStore store;
  const auto s = store.create("wang", "worker", 1000);
  ASSERT_TRUE(s);
  EXPECT_FALSE(store.find(s->id, 1000 + 30 * 60));
  EXPECT_EQ(store.size(), 0u);
}

TEST(WebSessions, BusySessionStillEndsAfterTwelveHours) {
  SessionStore store;
  const auto s = store.create("wang", "worker", 0);
  ASSERT_TRUE(s);
  for (int64_t t = 600; t < 12 * 3600; t += 600) ASSERT_TRUE(store.find(s->id, t)) << t;
  EXPECT_FALSE(store.find(s->id, 12 * 3600));
}

TEST(WebSessions, LogoutForgetsTheSession) {
  SessionStore store;
  const auto s = store.create("wang", "worker", 0);
  ASSERT_TRUE(s);
  store.remove(s->id);
  EXPECT_FALSE(store.find(s->id, 1));
}

TEST(WebSessions, TheOldestGoBeyondTheCap) {
  SessionLimits limits;
  limits.max_sessions = 2;
  SessionStore store(limits);
  const auto a = store.create("a", "worker", 0), b = store.create("b", "worker", 1);
  const auto c = store.create("c", "worker", 2);
  ASSERT_TRUE(a && b && c);
  EXPECT_EQ(store.size(), 2u);
  EXPECT_FALSE(store.find(a->id, 3));
  EXPECT_TRUE(store.find(b->id, 3));
  EXPECT_TRUE(store.find(c->id, 3));
}

TEST(WebSessions, CsrfTokenIsPerSession) {
  SessionStore store;
  const auto a = store.create("a", "worker", 0), b = store.create("b", "worker", 0);
  ASSERT_TRUE(a && b);
  EXPECT_TRUE(csrfMatches(*a, a->csrf));
  EXPECT_FALSE(csrfMatches(*a, b->csrf));
  EXPECT_FALSE(csrfMatches(*a, ""));
  EXPECT_FALSE(csrfMatches(*a, a->csrf.substr(0, 63)));
}

}  // namespace
}  // namespace tools::web
