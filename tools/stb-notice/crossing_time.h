#pragma once
// How long a notice's crawl takes to cross the box's screen, and a warning
// for the operator when that is longer than a viewer will watch (a 620-
// character Chinese body takes over four minutes at 1920x1080).
//
// The tools do not link overlay/ (it needs DirectFB; docs/architecture.md),
// so the crawl's width is estimated from the box's font, measured once
// (fonts-wqy-microhei as stbd sets it): a wide character (CJK, kana, Hangul,
// full-width forms) advances 1.0 em, anything else 0.45 em on average
// (running Spanish and English text measures 0.44). The screen geometry is
// the box's layout (overlay/layout.cpp): band 8% of the height, text 60% of
// the band, the band as wide as the title-safe area. The label box, which
// shortens the path, is not counted, so the estimate errs long by a few
// seconds at most.
#include <cstdint>
#include <string>
#include <vector>

#include "dvb/notice/notice.h"
#include "platform/arg_cursor.h"
#include "tools/stb-notice/sign_objects.h"
#include "tools/stb-notice/verify.h"

namespace tools::notice {

struct CrossingLimit {
  int pixels_per_second = 120;  // stbd's display.crawl_pixels_per_second default
  uint64_t max_ms = 60'000;     // warn above this
};

struct Crossing {
  int width = 0, height = 0;  // the screen
  double seconds = 0;
};

// The crawl text as the box builds it (title, separator, body, the contact
// phone after a short prefix), crossing the slowest of the box's screens
// (720x576, 1280x720, 1920x1080: the largest text takes longest).
Crossing estimateCrossing(const dvb::notice::NoticeText& text, const std::string& contact,
                          int pixels_per_second);

// "warning: notice 1001 (zho): ..." for every text of NOTICE over the limit.
std::vector<std::string> crossingWarnings(uint32_t notice_id, const dvb::notice::Notice& notice,
                                          const CrossingLimit& limit);

// The warnings for every notice among OBJECTS (build) or verified in REPORT
// (verify), one per line; "" when every crawl is within the limit.
std::string crossingReport(const std::vector<SignedInput>& objects, const CrossingLimit& limit);
std::string crossingReport(const VerifyReport& report, const CrossingLimit& limit);

// `--crawl-limit D` and `--crawl-speed PX`, for build and verify: true when
// the current argument is one of them (consumed); *why says what is wrong
// with its value, "" when it is right.
bool crawlOption(platform::ArgCursor& a, CrossingLimit* limit, std::string* why);

}  // namespace tools::notice
