#pragma once
// The one page layout of a console: a header with the title, the signed-in
// user, a language switcher and the navigation; a notice line; the content.
// One small stylesheet inside the page: no files to fetch, no script.
#include <string>
#include <utility>
#include <vector>

#include "tools/web/i18n.h"

namespace tools::web {

struct NavLink {
  std::string href;
  std::string label;
  bool current = false;
};

struct Page {
  std::string lang_tag = "en";  // <html lang>
  std::string title;            // text; escaped here
  std::string site_name;        // text; escaped here
  std::string user_line;        // text ("Wang Li · supervisor"); escaped here
  std::vector<NavLink> nav;     // escaped here
  // The language switcher: (href, own name) for every language; the current
  // one is shown without a link.
  std::vector<std::pair<std::string, std::string>> languages;
  std::string current_language_name;
  std::string notice;        // text; a green line under the header, escaped here
  std::string error;         // text; a red line, escaped here
  std::string content_html;  // already HTML: the caller escaped its data
  std::string logout_html;   // already HTML: the logout form (a POST with its token)
};

std::string renderPage(const Page& page);

}  // namespace tools::web
