#include "tools/web/i18n.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace tools::web {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

// "q=0.8" to 0.8; 1 when absent, 0 when unreadable.
double qValue(std::string_view params) {
  const size_t q = params.find("q=");
  if (q == std::string_view::npos) return 1.0;
  const std::string number(trim(params.substr(q + 2)));
  char* end = nullptr;
  const double v = std::strtod(number.c_str(), &end);
  return end == number.c_str() ? 0.0 : v;
}

}  // namespace

std::string Catalogue::text(std::string_view language, const std::string& key) const {
  for (std::string_view lang : {language, std::string_view(languages_.front().code)}) {
    auto l = texts_.find(lang);
    if (l == texts_.end()) continue;
    auto t = l->second.find(key);
    if (t != l->second.end()) return t->second;
  }
  return key;
}

std::vector<std::string> Catalogue::missing(const std::string& language) const {
  std::vector<std::string> out;
  auto base = texts_.find(languages_.front().code);
  if (base == texts_.end()) return out;
  auto l = texts_.find(language);
  for (const auto& [key, text] : base->second)
    if (l == texts_.end() || !l->second.count(key)) out.push_back(key);
  return out;
}

const Language* Catalogue::find(std::string_view code) const {
  for (const Language& l : languages_)
    if (l.code == code) return &l;
  return nullptr;
}

std::string Catalogue::choose(std::string_view query, std::string_view cookie,
                              std::string_view accept_language) const {
  if (find(query)) return std::string(query);
  if (find(cookie)) return std::string(cookie);
  // Accept-Language: "es-ES,es;q=0.9,en;q=0.8"; the highest q that we have wins,
  // the earlier on a tie.
  const Language* best = nullptr;
  double best_q = 0.0;
  while (!accept_language.empty()) {
    const size_t comma = accept_language.find(',');
    const std::string_view item = accept_language.substr(0, comma);
    accept_language =
        comma == std::string_view::npos ? std::string_view() : accept_language.substr(comma + 1);
    const size_t semi = item.find(';');
    const std::string range = lower(trim(item.substr(0, semi)));
    const double q = semi == std::string_view::npos ? 1.0 : qValue(item.substr(semi + 1));
    const std::string primary = range.substr(0, range.find('-'));
    for (const Language& l : languages_) {
      if ((primary == l.tag || primary == l.code) && q > best_q) {
        best = &l;
        best_q = q;
      }
    }
  }
  return best ? best->code : languages_.front().code;
}

}  // namespace tools::web
