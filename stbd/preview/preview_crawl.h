#pragma once
// What a box shows on its bar for a notice at a given moment: the crawl
// request stb::Scheduler builds (wording, label, style, text choice), asked
// of a scheduler as fresh as a box that has just been switched on.
#include <optional>
#include <string>
#include <vector>

#include "dvb/mjd_time.h"
#include "dvb/notice/notice.h"
#include "stb/crawl_request.h"

namespace stbd::preview {

// The two moments a preview shows.
struct PreviewMoment {
  const char* state;  // "ahead" or "live"
  dvb::UtcSeconds utc;
};

// "ahead": the moment the notice's display window opens (lead_minutes
// before start: "starts in 24 h" for a 24 h lead); "live": its start, the
// first moment it is in progress.
std::vector<PreviewMoment> previewMoments(const dvb::notice::Notice& notice);

// The request a box whose one preferred language is LANGUAGE, with stbd's
// default config, shows at NOW, with a service on screen and whatever the
// hour (the viewing hours decide when, not what). nullopt when it would
// show nothing (no text a box can show).
std::optional<stb::CrawlRequest> crawlAt(const dvb::notice::Notice& notice,
                                         const std::string& language, dvb::UtcSeconds now);

// The language of the text that box shows (its fallback when the notice has
// no text in LANGUAGE); "" when none can be shown.
std::string shownTextLanguage(const dvb::notice::Notice& notice, const std::string& language);

}  // namespace stbd::preview
