#pragma once
// The box's languages: the three its catalogue (stb/catalogue.h) is written
// in, and the choice among them from ISO 639 codes. The bar and the menu
// choose the same way.
#include <optional>
#include <string>
#include <vector>

namespace stb {

enum class Language { kZho, kSpa, kEng };
inline constexpr int kLanguageCount = 3;

// "zho", "spa", "eng".
const char* languageCode(Language language);

// The catalogue language CODE names: ISO 639-2/B and /T and 639-1 codes, any
// case ("chi", "zho", "zh", "spa", "es", "eng", "en"); nullopt for any other.
std::optional<Language> languageOf(const std::string& code);

// The first language of PREFERRED the catalogue has, else English.
Language chooseLanguage(const std::vector<std::string>& preferred);

// Whether two ISO 639 codes name one language: equal but for case, or two
// codes of one catalogue language ("chi" and "zho").
bool sameLanguage(const std::string& a, const std::string& b);

}  // namespace stb
