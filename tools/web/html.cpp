#include "tools/web/html.h"

namespace tools::web {

std::string escapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string hiddenInput(std::string_view name, std::string_view value) {
  return "<input type=\"hidden\" name=\"" + escapeHtml(name) + "\" value=\"" + escapeHtml(value) +
         "\">";
}

std::string textInput(std::string_view label, std::string_view name, std::string_view value,
                      std::string_view type) {
  return "<label>" + escapeHtml(label) + " <input type=\"" + escapeHtml(type) + "\" name=\"" +
         escapeHtml(name) + "\" id=\"" + escapeHtml(name) + "\" value=\"" + escapeHtml(value) +
         "\"></label>";
}

std::string selectInput(std::string_view label, std::string_view name,
                        const std::vector<std::pair<std::string, std::string>>& options,
                        std::string_view selected) {
  std::string out = "<label>" + escapeHtml(label) + " <select name=\"" + escapeHtml(name) +
                    "\" id=\"" + escapeHtml(name) + "\">";
  for (const auto& [value, text] : options) {
    out += "<option value=\"" + escapeHtml(value) + "\"";
    if (value == selected) out += " selected";
    out += ">" + escapeHtml(text) + "</option>";
  }
  return out + "</select></label>";
}

std::string link(std::string_view href, std::string_view text) {
  return "<a href=\"" + escapeHtml(href) + "\">" + escapeHtml(text) + "</a>";
}

}  // namespace tools::web
