// The box's one catalogue: the language choice the bar and the menu share,
// every message in every language with the same placeholders, and literal
// substitution.
#include "stb/catalogue.h"

#include <gtest/gtest.h>

#include <set>

namespace stb {
namespace {

TEST(LanguageTest, CodesInEveryIsoFormAndCase) {
  for (const char* code : {"zho", "chi", "zh", "ZHO", "Chi", "ZH"})
    EXPECT_EQ(languageOf(code), Language::kZho) << code;
  for (const char* code : {"spa", "es", "SPA", "Es"}) EXPECT_EQ(languageOf(code), Language::kSpa);
  for (const char* code : {"eng", "en", "ENG", "En"}) EXPECT_EQ(languageOf(code), Language::kEng);
  for (const char* code : {"", "fra", "deu", "zhx", "e"}) EXPECT_EQ(languageOf(code), std::nullopt);
  EXPECT_STREQ(languageCode(Language::kZho), "zho");
  EXPECT_STREQ(languageCode(Language::kSpa), "spa");
  EXPECT_STREQ(languageCode(Language::kEng), "eng");
}

TEST(LanguageTest, FirstCatalogueLanguageInThePreferenceList) {
  EXPECT_EQ(chooseLanguage({}), Language::kEng);
  EXPECT_EQ(chooseLanguage({"fra", "deu"}), Language::kEng);
  EXPECT_EQ(chooseLanguage({"fra", "spa", "zho"}), Language::kSpa);
  EXPECT_EQ(chooseLanguage({"CHI", "eng"}), Language::kZho);
  EXPECT_EQ(chooseLanguage({"zh"}), Language::kZho);
  EXPECT_EQ(chooseLanguage({"es"}), Language::kSpa);
  EXPECT_EQ(chooseLanguage({"eng", "zho"}), Language::kEng);
}

TEST(LanguageTest, SameLanguageIgnoresCaseAndKnowsEveryCodeOfACatalogueLanguage) {
  EXPECT_TRUE(sameLanguage("chi", "ZHO"));
  EXPECT_TRUE(sameLanguage("zh", "chi"));
  EXPECT_TRUE(sameLanguage("fra", "FRA"));
  EXPECT_FALSE(sameLanguage("fra", "fre"));  // only the catalogue's languages are known
  EXPECT_FALSE(sameLanguage("spa", "eng"));
  EXPECT_FALSE(sameLanguage("", "eng"));
}

TEST(CatalogueTest, EveryMessageExistsInEveryLanguage) {
  EXPECT_TRUE(catalogueInOrder()) << "one row per Msg, in the enum's order";
  for (int i = 0; i < kMsgCount; ++i) {
    const Msg id = static_cast<Msg>(i);
    for (Language l : {Language::kZho, Language::kSpa, Language::kEng}) {
      const char* s = rawText(l, id);
      ASSERT_NE(s, nullptr) << "message " << i << " missing in " << languageCode(l);
      EXPECT_STRNE(s, "") << "message " << i << " empty in " << languageCode(l);
    }
  }
}

TEST(CatalogueTest, EveryLanguageHasTheSamePlaceholders) {
  for (int i = 0; i < kMsgCount; ++i) {
    const Msg id = static_cast<Msg>(i);
    auto names = [id](Language l) {
      std::multiset<std::string> set;
      for (const std::string& name : placeholders(text(l, id))) {
        // One language writes a month as a number, another by its name.
        set.insert(name == "month_name" ? "month" : name);
      }
      return set;
    };
    EXPECT_EQ(names(Language::kZho), names(Language::kEng)) << "message " << i;
    EXPECT_EQ(names(Language::kSpa), names(Language::kEng)) << "message " << i;
  }
}

TEST(CatalogueTest, SubstitutionIsLiteral) {
  EXPECT_EQ(substitute("Ticket {ticket}.", {{"ticket", "A1"}}), "Ticket A1.");
  EXPECT_EQ(substitute("{a}{b}{a}", {{"a", "1"}, {"b", "2"}}), "121");
  // A value holding a placeholder is not expanded again; unknown ones stay.
  EXPECT_EQ(substitute("{a} {zzz}", {{"a", "{a}"}}), "{a} {zzz}");
  EXPECT_EQ(substitute("{unclosed", {{"unclosed", "x"}}), "{unclosed");
  EXPECT_EQ(substitute("100% {x} %s %d", {{"x", "%n"}}), "100% %n %s %d");
  EXPECT_EQ(format(Language::kSpa, Msg::kQueuedCall, {{"hotline", "96123"}}),
            "Si es urgente, llame al 96123.");
  EXPECT_EQ(format(Language::kZho, Msg::kStartsInHours, {{"count", "5"}}), "5小时后开始");
}

}  // namespace
}  // namespace stb
