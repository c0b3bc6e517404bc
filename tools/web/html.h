#pragma once
// HTML text: escaping for element content and quoted attribute values, and
// the few form controls a console needs. Every piece of data goes through
// escapeHtml; the functions here escape what they are given.
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tools::web {

// & < > " ' escaped: safe in element content and in "..." or '...' attributes.
std::string escapeHtml(std::string_view text);

// <input type="hidden" name=NAME value=VALUE>
std::string hiddenInput(std::string_view name, std::string_view value);
// <label>LABEL <input type=TYPE name=NAME value=VALUE></label>
std::string textInput(std::string_view label, std::string_view name, std::string_view value,
                      std::string_view type = "text");
// <label>LABEL <select name=NAME>...</select></label>; OPTIONS are (value, label), the one equal
// to SELECTED is selected.
std::string selectInput(std::string_view label, std::string_view name,
                        const std::vector<std::pair<std::string, std::string>>& options,
                        std::string_view selected);
// <a href=HREF>TEXT</a>
std::string link(std::string_view href, std::string_view text);

}  // namespace tools::web
