#include "stb/language.h"

#include <cctype>

namespace stb {

namespace {

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

const char* languageCode(Language language) {
  switch (language) {
    case Language::kZho:
      return "zho";
    case Language::kSpa:
      return "spa";
    case Language::kEng:
      return "eng";
  }
  return "eng";
}

std::optional<Language> languageOf(const std::string& code) {
  const std::string c = lower(code);
  if (c == "zho" || c == "chi" || c == "zh") return Language::kZho;
  if (c == "spa" || c == "es") return Language::kSpa;
  if (c == "eng" || c == "en") return Language::kEng;
  return std::nullopt;
}

Language chooseLanguage(const std::vector<std::string>& preferred) {
  for (const std::string& code : preferred) {
    if (const auto language = languageOf(code)) return *language;
  }
  return Language::kEng;
}

bool sameLanguage(const std::string& a, const std::string& b) {
  if (lower(a) == lower(b)) return true;
  const auto la = languageOf(a);
  return la && la == languageOf(b);
}

}  // namespace stb
