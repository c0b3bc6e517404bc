#include "stb/menu/calm_moment.h"

namespace stb::menu {

bool isCalmMoment(const CalmFacts& f, int64_t now_ms) {
  if (f.menu_open || f.crawl_on_screen) return false;
  if (f.next_crawl_ms && *f.next_crawl_ms - now_ms < kCalmCrawlAheadMs) return false;
  return now_ms - f.quiet_since_ms >= kCalmQuietMs;
}

}  // namespace stb::menu
