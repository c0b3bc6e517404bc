#include "tools/stb-notice/crossing_time.h"

#include <cstdio>
#include <utility>
#include <variant>

#include "dvb/duration.h"
#include "dvb/notice/body_codec.h"
#include "platform/arg_values.h"

namespace tools::notice {
namespace {

// Em widths of wqy-microhei, see crossing_time.h.
constexpr double kWideEm = 1.0;
constexpr double kNarrowEm = 0.45;
// The box's words around the body: "：" or ": " after the title, "咨询电话 " /
// "Información: " / "Info: " before the phone; the longest counted.
constexpr int kTitleSeparatorChars = 2;
constexpr int kContactPrefixChars = 14;

bool isWide(char32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

// The text's advance in ems (UTF-8; a stray byte counts as one narrow character).
double ems(const std::string& s) {
  double total = 0;
  for (size_t i = 0; i < s.size();) {
    const unsigned char b = static_cast<unsigned char>(s[i]);
    char32_t cp = b;
    size_t len = 1;
    if (b >= 0xF0) {
      len = 4;
      cp = b & 0x07;
    } else if (b >= 0xE0) {
      len = 3;
      cp = b & 0x0F;
    } else if (b >= 0xC0) {
      len = 2;
      cp = b & 0x1F;
    }
    if (i + len > s.size()) len = 1;
    for (size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    total += isWide(cp) ? kWideEm : kNarrowEm;
    i += len;
  }
  return total;
}

// overlay/layout.cpp's arithmetic: the title-safe width and the crawl's font height.
int safeWidth(int width) {
  return width - 2 * ((width * 5 + 99) / 100);
}
int textHeight(int height) {
  return ((height * 8 / 100) & ~1) * 60 / 100;
}

}  // namespace

Crossing estimateCrossing(const dvb::notice::NoticeText& text, const std::string& contact,
                          int pixels_per_second) {
  double text_ems = ems(text.body.utf8);
  if (!text.title.utf8.empty()) text_ems += ems(text.title.utf8) + kTitleSeparatorChars * kNarrowEm;
  if (!contact.empty()) text_ems += (kContactPrefixChars + contact.size()) * kNarrowEm;
  Crossing slowest;
  for (const auto& [w, h] : {std::pair{720, 576}, std::pair{1280, 720}, std::pair{1920, 1080}}) {
    const double distance = safeWidth(w) + text_ems * textHeight(h);
    const double seconds = distance / pixels_per_second;
    if (seconds > slowest.seconds) slowest = Crossing{w, h, seconds};
  }
  return slowest;
}

std::vector<std::string> crossingWarnings(uint32_t notice_id, const dvb::notice::Notice& notice,
                                          const CrossingLimit& limit) {
  std::vector<std::string> out;
  for (const dvb::notice::NoticeText& text : notice.texts) {
    const Crossing c = estimateCrossing(text, notice.contact, limit.pixels_per_second);
    if (c.seconds * 1000 <= static_cast<double>(limit.max_ms)) continue;
    char line[256];
    std::snprintf(line, sizeof line,
                  "warning: notice %u (%s): the crawl takes about %.0f s to cross a %dx%d screen "
                  "at %d px/s, more than %s; shorten the text or split it",
                  static_cast<unsigned>(notice_id), text.language.c_str(), c.seconds, c.width,
                  c.height, limit.pixels_per_second, dvb::formatDurationMs(limit.max_ms).c_str());
    out.push_back(line);
  }
  return out;
}

std::string crossingReport(const std::vector<SignedInput>& objects, const CrossingLimit& limit) {
  std::string out;
  for (const SignedInput& o : objects) {
    if (o.object.type != dvb::notice::ObjectType::kNotice) continue;
    dvb::notice::Notice notice;
    std::string error;
    if (!dvb::notice::decodeBody(o.object.body, &notice, &error)) continue;  // built by us
    for (const std::string& w : crossingWarnings(o.object.object_id, notice, limit))
      out += w + "\n";
  }
  return out;
}

std::string crossingReport(const VerifyReport& report, const CrossingLimit& limit) {
  std::string out;
  for (const ObjectResult& o : report.objects) {
    if (!o.verified() || !o.envelope) continue;
    const auto* notice = std::get_if<dvb::notice::Notice>(&*o.body);
    if (!notice) continue;
    for (const std::string& w : crossingWarnings(o.envelope->object_id, *notice, limit))
      out += w + "\n";
  }
  return out;
}

bool crawlOption(platform::ArgCursor& a, CrossingLimit* limit, std::string* why) {
  std::string v;
  why->clear();
  if (a.option("--crawl-limit", &v)) {
    const auto ms = dvb::parseDurationMs(v);
    if (!ms || *ms == 0)
      *why = "--crawl-limit wants a duration like 60s or 2m";
    else
      limit->max_ms = *ms;
    return true;
  }
  if (a.option("--crawl-speed", &v)) {
    const auto px = platform::parseUnsigned(v, 10, 2000);  // stbd.conf's range
    if (!px)
      *why = "--crawl-speed must be 10..2000 pixels per second";
    else
      limit->pixels_per_second = static_cast<int>(*px);
    return true;
  }
  return false;
}

}  // namespace tools::notice
