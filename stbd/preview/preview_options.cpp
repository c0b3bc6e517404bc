#include "stbd/preview/preview_options.h"

#include "platform/arg_cursor.h"
#include "platform/arg_values.h"

namespace stbd::preview {

const char kUsage[] =
    "usage: stb-preview --body NOTICE.body --out DIR [--sizes WxH,...] [--languages LANG,...]\n"
    "                   [--speed PX]\n"
    "  --body       the notice's encoded body (dvb::notice::encodeBody), unsigned\n"
    "  --out        where LANG-WxH-ahead.png, LANG-WxH-live.png and preview.json go\n"
    "  --sizes      screens, default 720x576,1280x720,1920x1080\n"
    "  --languages  one box per language (ISO 639-2), default zho,spa,eng\n"
    "  --speed      crawl speed in pixels per second, default 120 (stbd's)\n";

namespace {

// The comma-separated items of TEXT; an empty item is kept (and refused by the caller).
std::vector<std::string> commaItems(const std::string& text) {
  std::vector<std::string> items;
  size_t from = 0;
  for (;;) {
    const size_t comma = text.find(',', from);
    items.push_back(text.substr(from, comma - from));
    if (comma == std::string::npos) return items;
    from = comma + 1;
  }
}

bool parseSizes(const std::string& text, std::vector<ScreenSize>* out, std::string* error) {
  out->clear();
  for (const std::string& item : commaItems(text)) {
    const size_t x = item.find('x');
    const auto w = platform::parseUnsigned(item.substr(0, x), 1, 10000);
    const auto h = x == std::string::npos ? std::nullopt
                                          : platform::parseUnsigned(item.substr(x + 1), 1, 10000);
    if (!w || !h) {
      *error = "--sizes takes WxH items such as 720x576, not '" + item + "'";
      return false;
    }
    out->push_back({static_cast<int>(*w), static_cast<int>(*h)});
  }
  return true;
}

// Three lowercase letters: an ISO 639-2 code, and safe in a file name.
bool isLanguageCode(const std::string& code) {
  if (code.size() != 3) return false;
  for (char c : code)
    if (c < 'a' || c > 'z') return false;
  return true;
}

bool parseLanguages(const std::string& text, std::vector<std::string>* out, std::string* error) {
  *out = commaItems(text);
  for (const std::string& code : *out) {
    if (!isLanguageCode(code)) {
      *error = "--languages takes ISO 639-2 codes such as zho,spa,eng, not '" + code + "'";
      return false;
    }
  }
  return true;
}

bool readOption(platform::ArgCursor& a, PreviewOptions* o, std::string* error) {
  std::string v;
  if (a.flag("--help") || a.flag("-h")) {
    o->help = true;
  } else if (a.option("--body", &o->body_path) || a.option("--out", &o->out_dir)) {
    // the value is in *o
  } else if (a.option("--sizes", &v)) {
    return parseSizes(v, &o->sizes, error);
  } else if (a.option("--languages", &v)) {
    return parseLanguages(v, &o->languages, error);
  } else if (a.option("--speed", &v)) {
    const std::optional<uint64_t> px = platform::parseUnsigned(v, 10, 2000);
    if (!px) {
      *error = "--speed takes pixels per second from 10 to 2000, not '" + v + "'";
      return false;
    }
    o->pixels_per_second = static_cast<int>(*px);
  } else {
    *error = a.unknownOption();
    return false;
  }
  return true;
}

}  // namespace

bool parsePreviewOptions(int argc, const char* const* argv, PreviewOptions* o, std::string* error) {
  platform::ArgCursor a(argc, argv);
  while (!a.done())
    if (!readOption(a, o, error)) return false;
  if (o->help) return true;
  if (o->body_path.empty() || o->out_dir.empty()) {
    *error = "--body and --out are required";
    return false;
  }
  return true;
}

}  // namespace stbd::preview
