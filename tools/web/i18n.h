#pragma once
// Message catalogues, one per language (ISO 639-2 codes as the rest of the
// project uses them: zho, spa, eng), and choosing the language of a page:
// ?lang= first, then the cookie, then Accept-Language, then the default.
#include <map>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tools::web {

struct Language {
  std::string code;      // "zho": ?lang=, the cookie, the catalogue
  std::string tag;       // "zh": the BCP 47 primary tag, Accept-Language and <html lang>
  std::string own_name;  // "中文": the language's name in itself, for the switcher
};

class Catalogue {
 public:
  // LANGUAGES (at least one) in the order the switcher shows them; the first
  // is the default and the fallback for a missing message.
  explicit Catalogue(std::vector<Language> languages) : languages_(std::move(languages)) {}

  void add(const std::string& language, const std::string& key, std::string text) {
    texts_[language][key] = std::move(text);
  }
  // KEY's text in LANGUAGE, else in the default language, else KEY itself
  // (visible, so that a missing message is noticed).
  std::string text(std::string_view language, const std::string& key) const;
  // Keys the default language has and LANGUAGE lacks (for a completeness test).
  std::vector<std::string> missing(const std::string& language) const;

  const std::vector<Language>& languages() const { return languages_; }
  const Language* find(std::string_view code) const;
  // The code of the page's language: QUERY (?lang=), COOKIE, ACCEPT_LANGUAGE
  // (q-values honoured, "zh-CN" matches "zh"), each used when it names a
  // language of the catalogue; else the default.
  std::string choose(std::string_view query, std::string_view cookie,
                     std::string_view accept_language) const;

 private:
  std::vector<Language> languages_;
  std::map<std::string, std::map<std::string, std::string>, std::less<>> texts_;
};

}  // namespace tools::web
