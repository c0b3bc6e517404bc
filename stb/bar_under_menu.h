#pragma once
// The daemon's subtitle bar as the viewer's menu sees it: the keys the menu
// does not take go down to it (BACK/EXIT dismiss a crawl), it is told when
// the menu opens and closes (it shows only emergencies meanwhile), and the
// menu asks whether a crawl is on screen or due before putting up a
// question of its own. stb::Daemon provides it.
#include <cstdint>
#include <optional>

#include "stb/ports/remote_key.h"

namespace stb {

class BarUnderMenu {
 public:
  virtual ~BarUnderMenu() = default;

  virtual void onKey(RemoteKey key) = 0;
  virtual void setMenuOpen(bool open) = 0;
  virtual bool crawling() const = 0;
  // The monotonic time (ms) the bar next changes by itself; nullopt:
  // nothing scheduled.
  virtual std::optional<int64_t> nextUpdateMs() const = 0;
};

}  // namespace stb
