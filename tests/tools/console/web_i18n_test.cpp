// tools/web/i18n.h: the page's language from ?lang=, the cookie, Accept-Language.
#include <gtest/gtest.h>

#include "tools/web/i18n.h"

namespace tools::web {
namespace {

Catalogue threeLanguages() {
  Catalogue c({{"zho", "zh", "中文"}, {"spa", "es", "Español"}, {"eng", "en", "English"}});
  c.add("zho", "queue", "队列");
  c.add("zho", "login", "登录");
  c.add("spa", "queue", "Cola");
  return c;
}

TEST(WebI18n, QueryBeatsCookieBeatsAcceptLanguage) {
  const Catalogue c = threeLanguages();
  EXPECT_EQ(c.choose("spa", "eng", "zh-CN"), "spa");
  EXPECT_EQ(c.choose("", "eng", "zh-CN"), "eng");
  EXPECT_EQ(c.choose("fra", "xx", "es-ES,es;q=0.9"), "spa");
  EXPECT_EQ(c.choose("", "", ""), "zho");
}

TEST(WebI18n, AcceptLanguageHonoursQValues) {
  const Catalogue c = threeLanguages();
  EXPECT_EQ(c.choose("", "", "fr-FR, en;q=0.5, es;q=0.8"), "spa");
  EXPECT_EQ(c.choose("", "", "fr, de"), "zho");
  EXPECT_EQ(c.choose("", "", "en-GB;q=0.7, zh-Hans-CN;q=0.9"), "zho");
  EXPECT_EQ(c.choose("", "", "es;q=0, en"), "eng");
  EXPECT_EQ(c.choose("", "", "ES"), "spa");
}

TEST(WebI18n, MissingTextFallsBackToTheDefaultThenTheKey) {
  const Catalogue c = threeLanguages();
  EXPECT_EQ(c.text("spa", "queue"), "Cola");
  EXPECT_EQ(c.text("spa", "login"), "登录");
  EXPECT_EQ(c.text("spa", "nothing"), "nothing");
  EXPECT_EQ(c.missing("spa"), std::vector<std::string>{"login"});
}

}  // namespace
}  // namespace tools::web
