#pragma once
// What the scheduler wants on the subtitle bar now: the view to draw and
// enough identity to tell one crawl from the next.
#include <string>

#include "stb/ports/subtitle_bar_view.h"

namespace stb {

struct CrawlRequest {
  // Stable per item: "notice:1001" or "fee". The same key with a different
  // view (e.g. "scheduled" became "in progress") is a new crawl.
  std::string key;
  bool emergency = false;  // never dismissed; pre-empts in its continuous period (scheduler.h)
  stb::SubtitleBarView view;

  bool operator==(const CrawlRequest& o) const {
    return key == o.key && emergency == o.emergency && view.style == o.view.style &&
           view.label == o.view.label && view.text == o.view.text;
  }
  bool operator!=(const CrawlRequest& o) const { return !(*this == o); }
};

}  // namespace stb
