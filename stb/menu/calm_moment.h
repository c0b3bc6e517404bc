#pragma once
// When the box may put a question of its own on screen (the return visit:
// "Was the problem fixed?"): only at a calm moment, so that it never hides
// an alert and never lands in the middle of what the viewer is doing.
//
// Calm means all of: the menu is closed; no crawl is on screen (an alert,
// an emergency above all, is never covered); none is due within
// kCalmCrawlAheadMs; and no remote key for kCalmQuietMs, counted from the
// box's start as well (the viewer is watching, not zapping). Pure: the
// host passes the facts and the time.
#include <cstdint>
#include <optional>

namespace stb::menu {

inline constexpr int64_t kCalmQuietMs = 10'000;
inline constexpr int64_t kCalmCrawlAheadMs = 60'000;

struct CalmFacts {
  bool menu_open = false;
  bool crawl_on_screen = false;
  // When the next crawl may start (monotonic ms); nullopt: none scheduled.
  std::optional<int64_t> next_crawl_ms;
  // The last remote key, or the box's start when there was none.
  int64_t quiet_since_ms = 0;
};

bool isCalmMoment(const CalmFacts& facts, int64_t now_ms);

}  // namespace stb::menu
