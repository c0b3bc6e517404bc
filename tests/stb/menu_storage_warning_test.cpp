// While the box's flash is unusable, the pages about reports warn the viewer
// that a report lives only until the box is switched off; the other pages
// stay as they were.
#include <gtest/gtest.h>

#include "stb/catalogue.h"
#include "stb/menu/menu.h"

namespace {

using stb::Language;
using stb::Msg;
using stb::menu::Key;
using stb::menu::Menu;
using stb::menu::MenuConfig;
using Page = Menu::Page;

Menu menuIn(const std::string& language) {
  MenuConfig config;
  config.languages = {language};
  return Menu(config);
}

// The warning paragraph is there and the title bar turns amber.
bool hasWarning(const stb::MenuView& v) {
  const std::string w = stb::text(Language::kZho, Msg::kStorageWarning);
  const std::string w_es = stb::text(Language::kSpa, Msg::kStorageWarning);
  for (const std::string& p : v.body)
    if (p == w || p == w_es) return v.accent == stb::MenuView::Accent::kWarning;
  return false;
}

// Menu -> Report a fault -> first category -> no callback -> any time.
void toConfirm(Menu& m, int64_t* now) {
  for (Key k : {Key::kMenu, Key::kOk, Key::kOk, Key::kOk, Key::kOk}) m.handleKey(k, *now += 100);
  ASSERT_EQ(m.page(), Page::kConfirm);
}

TEST(MenuStorageWarning, ConfirmResultAndMyReportsSayReportsMayBeLost) {
  Menu m = menuIn("zho");
  m.setStorageWarning(true);
  int64_t now = 0;
  m.handleKey(Key::kMenu, now += 100);
  EXPECT_FALSE(hasWarning(m.view())) << "the main menu is not about a report";
  m.handleKey(Key::kBack, now += 100);
  toConfirm(m, &now);
  EXPECT_TRUE(hasWarning(m.view()));
  ASSERT_TRUE(m.handleKey(Key::kOk, now += 100).report.has_value());
  ASSERT_TRUE(m.onReportQueued("96123"));
  EXPECT_EQ(m.page(), Page::kResult);
  EXPECT_TRUE(hasWarning(m.view()));
  m.handleKey(Key::kOk, now += 100);                                // back to the main menu
  for (int i = 0; i < 4; ++i) m.handleKey(Key::kDown, now += 100);  // My reports
  m.handleKey(Key::kOk, now += 100);
  ASSERT_EQ(m.page(), Page::kReports);
  EXPECT_TRUE(hasWarning(m.view()));
  // Flash works again: the warning goes with it.
  m.setStorageWarning(false);
  EXPECT_FALSE(hasWarning(m.view()));
}

TEST(MenuStorageWarning, NoWarningWhileFlashWorks) {
  Menu m = menuIn("spa");
  int64_t now = 0;
  toConfirm(m, &now);
  EXPECT_FALSE(hasWarning(m.view()));
}

TEST(MenuStorageWarning, EveryLanguageHasTheWarning) {
  for (Language l : {Language::kZho, Language::kSpa, Language::kEng})
    EXPECT_FALSE(stb::text(l, Msg::kStorageWarning).empty());
}

}  // namespace
