// The viewer's menu on screen: golden screenshots of real pages (the views
// come from stb::menu::Menu, so the goldens show the shipped wording), and
// the panel's rules: inside the title-safe area and centred, text large
// enough to read from 3 m, drawn only when the view changes, hidden to
// transparent, rows scrolling to keep the selected one in view.
//
// Goldens use golden_test.cpp's workflow: a missing or differing golden fails
// and writes NAME.candidate.png; look at it and, if right, rename it to NAME.png.
#include <gtest/gtest.h>

#include "overlay/menu_panel.h"
#include "overlay/test_picture.h"
#include "stb/menu/menu.h"
#include "tests/overlay/fixtures.h"
#include "tests/overlay/png_compare.h"

namespace {

using stb::menu::Key;

stb::menu::Menu menuIn(const std::string& language) {
  stb::menu::MenuConfig c;
  c.languages = {language};
  c.severity.by_category[static_cast<size_t>(stb::menu::Category::kNoPicture)] =
      stb::menu::Severity::kMajor;
  c.severity.by_category[static_cast<size_t>(stb::menu::Category::kChannelsMissing)] =
      stb::menu::Severity::kMajor;
  c.severity.by_category[static_cast<size_t>(stb::menu::Category::kBoxFault)] =
      stb::menu::Severity::kMajor;
  return stb::menu::Menu(c);
}

void press(stb::menu::Menu& m, std::initializer_list<Key> keys) {
  for (Key k : keys) m.handleKey(k, 0);
}

stb::MenuView mainMenu(const std::string& language) {
  stb::menu::Menu m = menuIn(language);
  press(m, {Key::kMenu});
  return m.view();
}

stb::MenuView categoryList(const std::string& language) {
  stb::menu::Menu m = menuIn(language);
  press(m, {Key::kMenu, Key::kOk, Key::kDown});
  return m.view();
}

stb::MenuView acceptedResult(const std::string& language) {
  stb::menu::Menu m = menuIn(language);
  press(m, {Key::kMenu, Key::kOk, Key::kOk, Key::kDigit1, Key::kDigit3, Key::kDigit8, Key::kDigit0,
            Key::kDigit0, Key::kOk, Key::kOk, Key::kOk});
  EXPECT_EQ(m.page(), stb::menu::Menu::Page::kSending);
  m.onReportAccepted("GD20260503-0042", "5月4日18:00前", "96123", stb::menu::Severity::kMajor,
                     stb::menu::CharterCategory::kMajorFault);
  return m.view();
}

// Main-menu row ROW (1 new installation, 2 restore service, 3 complaint).
void pickRequest(stb::menu::Menu& m, int row) {
  press(m, {Key::kMenu});
  for (int i = 0; i < row; ++i) press(m, {Key::kDown});
  press(m, {Key::kOk});
}

// A complaint with a callback number, answered with the charter's category
// and its deadline: the longest result page.
stb::MenuView complaintResult(const std::string& language) {
  stb::menu::Menu m = menuIn(language);
  pickRequest(m, 3);
  press(m,
        {Key::kDigit1, Key::kDigit3, Key::kDigit8, Key::kDigit0, Key::kDigit0, Key::kDigit1,
         Key::kDigit3, Key::kDigit8, Key::kDigit0, Key::kDigit0, Key::kDigit0, Key::kOk, Key::kOk});
  EXPECT_EQ(m.page(), stb::menu::Menu::Page::kSending);
  m.onReportAccepted("T20261204-000123", "12-09 17:30", "96123", stb::menu::Severity::kGeneral,
                     stb::menu::CharterCategory::kComplaint);
  return m.view();
}

// The confirmation of a new installation (visit in the evening).
stb::MenuView installationConfirm(const std::string& language) {
  stb::menu::Menu m = menuIn(language);
  pickRequest(m, 1);
  press(m, {Key::kOk, Key::kDown, Key::kDown, Key::kOk});
  EXPECT_EQ(m.page(), stb::menu::Menu::Page::kConfirm);
  return m.view();
}

// My reports -> a restored service, as the central system answered it.
stb::MenuView restorationDetail(const std::string& language) {
  stb::menu::Menu m = menuIn(language);
  stb::menu::ReportSummary r{"T20261204-000077", stb::menu::Category::kServiceRestoration,
                             stb::menu::ReportStatus::kTechnicianAssigned, "12-11 09:00"};
  r.charter = stb::menu::CharterCategory::kServiceRestoration;
  m.setReports({r});
  press(m, {Key::kMenu, Key::kDown, Key::kDown, Key::kDown, Key::kDown, Key::kOk, Key::kOk});
  EXPECT_EQ(m.page(), stb::menu::Menu::Page::kReportDetail);
  return m.view();
}

stb::MenuView knownOutage(const std::string& language) {
  stb::menu::Menu m = menuIn(language);
  m.setKnownOutage(stb::menu::KnownOutage{"06:00"});
  press(m, {Key::kMenu, Key::kOk});
  return m.view();
}

stb::MenuView callbackWithError(const std::string& language) {
  stb::menu::Menu m = menuIn(language);
  press(m, {Key::kMenu, Key::kOk, Key::kOk, Key::kDigit9, Key::kDigit6, Key::kOk});
  return m.view();
}

stb::MenuView manyReports(const std::string& language, int select) {
  stb::menu::Menu m = menuIn(language);
  std::vector<stb::menu::ReportSummary> reports;
  for (int i = 0; i < 12; ++i)
    reports.push_back({"T" + std::to_string(100 + i), stb::menu::Category::kNoSound,
                       stb::menu::ReportStatus::kAccepted, ""});
  m.setReports(reports);
  press(m, {Key::kMenu, Key::kDown, Key::kDown, Key::kDown, Key::kDown, Key::kOk});
  for (int i = 0; i < select; ++i) press(m, {Key::kDown});
  return m.view();
}

void checkGolden(const std::string& name, int w, int h, const stb::MenuView& view) {
  auto display = overlay_test::openDisplay(w, h);
  ASSERT_NE(display, nullptr);
  overlay::MenuPanel panel(*display);
  std::string error;
  ASSERT_TRUE(panel.show(view, &error)) << error;
  EXPECT_TRUE(panel.rect().inside(overlay::titleSafeArea(w, h)));
  const overlay::Image screen =
      overlay::composeOver(overlay_test::capture(*display), overlay::makeTestPicture(w, h));
  panel.hide();

  overlay_test::expectMatchesGolden(screen, STB_OVERLAY_GOLDEN_DIR, name);
}

// ---------------------------------------------------------------------------
// Goldens

TEST(MenuGoldenTest, MainMenuChinese720x576) {
  checkGolden("menu_main_zh_720x576", 720, 576, mainMenu("zho"));
}

TEST(MenuGoldenTest, MainMenuChinese1920x1080) {
  checkGolden("menu_main_zh_1920x1080", 1920, 1080, mainMenu("zho"));
}

TEST(MenuGoldenTest, CategoryListSpanish1920x1080) {
  checkGolden("menu_categories_es_1920x1080", 1920, 1080, categoryList("spa"));
}

TEST(MenuGoldenTest, ResultChinese720x576) {
  checkGolden("menu_result_zh_720x576", 720, 576, acceptedResult("zho"));
}

TEST(MenuGoldenTest, KnownOutageEnglish1280x720) {
  checkGolden("menu_outage_en_1280x720", 1280, 720, knownOutage("eng"));
}

// The charter's requests (issue 13): the main menu that offers them, a
// complaint's result with the charter's category and deadline, in the two
// languages with the widest and the tallest text, at SD and full HD.
TEST(MenuGoldenTest, MainMenuSpanish720x576) {
  checkGolden("menu_main_es_720x576", 720, 576, mainMenu("spa"));
}

TEST(MenuGoldenTest, MainMenuSpanish1920x1080) {
  checkGolden("menu_main_es_1920x1080", 1920, 1080, mainMenu("spa"));
}

TEST(MenuGoldenTest, ComplaintResultChinese720x576) {
  checkGolden("menu_complaint_result_zh_720x576", 720, 576, complaintResult("zho"));
}

TEST(MenuGoldenTest, ComplaintResultChinese1920x1080) {
  checkGolden("menu_complaint_result_zh_1920x1080", 1920, 1080, complaintResult("zho"));
}

TEST(MenuGoldenTest, ComplaintResultSpanish720x576) {
  checkGolden("menu_complaint_result_es_720x576", 720, 576, complaintResult("spa"));
}

TEST(MenuGoldenTest, ComplaintResultSpanish1920x1080) {
  checkGolden("menu_complaint_result_es_1920x1080", 1920, 1080, complaintResult("spa"));
}

TEST(MenuGoldenTest, InstallationConfirmSpanish720x576) {
  checkGolden("menu_installation_confirm_es_720x576", 720, 576, installationConfirm("spa"));
}

TEST(MenuGoldenTest, InstallationConfirmChinese720x576) {
  checkGolden("menu_installation_confirm_zh_720x576", 720, 576, installationConfirm("zho"));
}

TEST(MenuGoldenTest, RestorationDetailSpanish720x576) {
  checkGolden("menu_restoration_detail_es_720x576", 720, 576, restorationDetail("spa"));
}

TEST(MenuGoldenTest, RestorationDetailSpanish1920x1080) {
  checkGolden("menu_restoration_detail_es_1920x1080", 1920, 1080, restorationDetail("spa"));
}

// ---------------------------------------------------------------------------
// Rules

TEST(MenuPanelTest, TextIsLargeEnoughAtEverySize) {
  for (auto [w, h] : {std::pair{720, 576}, std::pair{1280, 720}, std::pair{1920, 1080}}) {
    const overlay::MenuMetrics m = overlay::menuMetrics(w, h);
    EXPECT_GE(m.body_text * 1000, h * 45) << h;  // >= 4.5% of the height
    EXPECT_GE(m.footer_text * 1000, h * 45) << h;
    EXPECT_GT(m.title_text, m.body_text);
    EXPECT_GT(m.row, m.body_text);
    EXPECT_LE(m.width, overlay::titleSafeArea(w, h).w);
  }
}

TEST(MenuPanelTest, EveryPageIsCentredInsideTheTitleSafeArea) {
  const std::vector<stb::MenuView> views = {
      mainMenu("spa"),          categoryList("spa"),        categoryList("zho"),
      acceptedResult("spa"),    knownOutage("spa"),         callbackWithError("spa"),
      manyReports("eng", 11),   callbackWithError("zho"),   complaintResult("spa"),
      complaintResult("zho"),   installationConfirm("spa"), installationConfirm("zho"),
      restorationDetail("spa"), restorationDetail("zho"),
  };
  for (auto [w, h] : {std::pair{720, 576}, std::pair{1280, 720}, std::pair{1920, 1080}}) {
    auto display = overlay_test::openDisplay(w, h);
    ASSERT_NE(display, nullptr);
    const overlay::Rect safe = overlay::titleSafeArea(w, h);
    for (size_t i = 0; i < views.size(); ++i) {
      display->fill(overlay::Rgba{0, 0, 0, 0});
      overlay::MenuPanel panel(*display);
      std::string error;
      ASSERT_TRUE(panel.show(views[i], &error)) << error;
      const overlay::Rect r = panel.rect();
      EXPECT_TRUE(r.inside(safe)) << w << "x" << h << " view " << i;
      EXPECT_LE(std::abs((r.x - safe.x) - (safe.right() - r.right())), 1) << i;
      EXPECT_LE(std::abs((r.y - safe.y) - (safe.bottom() - r.bottom())), 1) << i;
      // Nothing drawn outside the panel.
      const overlay::Image img = overlay_test::capture(*display);
      int outside = 0;
      for (int y = 0; y < h; y += 2)
        for (int x = 0; x < w; x += 2)
          if (!r.contains(x, y) && img.at(x, y).a != 0) ++outside;
      EXPECT_EQ(outside, 0) << i;
    }
  }
}

TEST(MenuPanelTest, DrawsOnlyWhenTheViewChanges) {
  auto display = overlay_test::openDisplay(1280, 720);
  ASSERT_NE(display, nullptr);
  overlay::MenuPanel panel(*display);
  std::string error;
  const stb::MenuView v = mainMenu("eng");
  ASSERT_TRUE(panel.show(v, &error)) << error;
  EXPECT_EQ(panel.draws(), 1);
  ASSERT_TRUE(panel.show(v, &error));
  EXPECT_EQ(panel.draws(), 1);
  stb::MenuView moved = v;
  moved.selected = 1;
  ASSERT_TRUE(panel.show(moved, &error));
  EXPECT_EQ(panel.draws(), 2);
}

TEST(MenuPanelTest, HideClearsToTransparentAndASmallerPageLeavesNothingBehind) {
  auto display = overlay_test::openDisplay(720, 576);
  ASSERT_NE(display, nullptr);
  display->fill(overlay::Rgba{0, 0, 0, 0});
  overlay::MenuPanel panel(*display);
  std::string error;
  ASSERT_TRUE(panel.show(categoryList("eng"), &error)) << error;
  const overlay::Rect big = panel.rect();
  ASSERT_TRUE(panel.show(mainMenu("eng"), &error)) << error;
  const overlay::Rect small = panel.rect();
  EXPECT_LT(small.h, big.h);
  overlay::Image img = overlay_test::capture(*display);
  int stale = 0;
  for (int y = big.y; y < big.bottom(); ++y)
    for (int x = big.x; x < big.right(); ++x)
      if (!small.contains(x, y) && img.at(x, y).a != 0) ++stale;
  EXPECT_EQ(stale, 0);

  panel.hide();
  EXPECT_FALSE(panel.visible());
  img = overlay_test::capture(*display);
  int left = 0;
  for (size_t i = 3; i < img.rgba.size(); i += 4) left += img.rgba[i] != 0;
  EXPECT_EQ(left, 0);
}

TEST(MenuPanelTest, LongListsScrollToTheSelectedRow) {
  auto display = overlay_test::openDisplay(720, 576);
  ASSERT_NE(display, nullptr);
  overlay::MenuPanel panel(*display);
  std::string error;
  ASSERT_TRUE(panel.show(manyReports("eng", 0), &error)) << error;
  EXPECT_LT(panel.visibleRows(), 12);
  EXPECT_GE(panel.visibleRows(), 2);
  EXPECT_EQ(panel.firstRow(), 0);
  ASSERT_TRUE(panel.show(manyReports("eng", 11), &error)) << error;
  EXPECT_EQ(panel.firstRow() + panel.visibleRows(), 12);
}

TEST(MenuPanelTest, WrapsLatinAtSpacesAndChineseBetweenCharacters) {
  // One pixel per byte: ASCII is 1 wide, a CJK character 3.
  auto bytes = [](const std::string& s) { return static_cast<int>(s.size()); };
  EXPECT_EQ(overlay::wrapText("one two three", 8, bytes),
            (std::vector<std::string>{"one two", "three"}));
  EXPECT_EQ(overlay::wrapText("abcdefghij", 4, bytes),
            (std::vector<std::string>{"abcd", "efgh", "ij"}));
  // 4 characters a line; the full-width comma never starts a line.
  EXPECT_EQ(overlay::wrapText("报修已受理，请等待", 12, bytes),
            (std::vector<std::string>{"报修已受", "理，请等", "待"}));
  EXPECT_EQ(overlay::wrapText("报修已，受理", 9, bytes),
            (std::vector<std::string>{"报修", "已，受", "理"}));
  EXPECT_EQ(overlay::fitText("abcdefgh", 5, bytes), "ab…");  // "…" is 3 bytes
  EXPECT_EQ(overlay::fitText("abc", 6, bytes), "abc");
}

}  // namespace
