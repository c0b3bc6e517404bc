// The charter's requests in the viewer's menu (issue 13): a new
// installation, restoring a service and a complaint are rows of the main
// menu beside "Report a fault"; each is filed with arrows and OK like a
// fault; the result page and My reports show the charter's category and the
// deadline from the central system's answer, and nothing for a category the
// box does not know.
#include <gtest/gtest.h>

#include <set>

#include "stb/menu/menu.h"
#include "stb/menu/report_body.h"
#include "stb/menu/report_summary.h"

namespace {

using stb::menu::Action;
using stb::menu::Category;
using stb::menu::CharterCategory;
using stb::menu::Key;
using stb::menu::Menu;
using stb::menu::MenuConfig;
using stb::menu::ReportStatus;
using stb::menu::ReportSummary;
using stb::menu::Severity;
using stb::menu::VisitPeriod;
using Page = Menu::Page;

constexpr int kRowNewInstallation = 1;
constexpr int kRowRestoreService = 2;
constexpr int kRowComplaint = 3;

Menu menuIn(const std::string& language) {
  MenuConfig c;
  c.languages = {language};
  return Menu(c);
}

// Opens the menu and picks main-menu row ROW with the arrows.
void pick(Menu& m, int row) {
  m.handleKey(Key::kMenu, 0);
  for (int i = 0; i < row; ++i) m.handleKey(Key::kDown, 0);
  m.handleKey(Key::kOk, 0);
}

bool bodyHas(const stb::MenuView& v, const std::string& s) {
  for (const std::string& line : v.body)
    if (line.find(s) != std::string::npos) return true;
  return false;
}

// No placeholder left, no code where words belong.
void expectClean(const stb::MenuView& v) {
  for (const std::string& line : v.body) {
    EXPECT_EQ(line.find('{'), std::string::npos) << line;
    EXPECT_EQ(line.find('_'), std::string::npos) << line;
  }
}

TEST(MenuCharter, ANewInstallationGoesStraightToTheCallbackNumberThenTheVisit) {
  Menu m = menuIn("eng");
  pick(m, kRowNewInstallation);
  ASSERT_EQ(m.page(), Page::kCallback);
  for (Key k : {Key::kDigit1, Key::kDigit3, Key::kDigit8, Key::kDigit0, Key::kDigit0})
    m.handleKey(k, 0);
  m.handleKey(Key::kOk, 0);
  ASSERT_EQ(m.page(), Page::kVisit);
  m.handleKey(Key::kDown, 0);
  m.handleKey(Key::kOk, 0);
  ASSERT_EQ(m.page(), Page::kConfirm);
  const stb::MenuView v = m.view();
  EXPECT_EQ(v.title, "Check your request");
  EXPECT_TRUE(bodyHas(v, "Request: New installation"));
  EXPECT_TRUE(bodyHas(v, "Visit: Afternoon"));
  EXPECT_TRUE(bodyHas(v, "The box also sends its identity and signal readings."));
  EXPECT_FALSE(bodyHas(v, "Fault:"));
  const Action a = m.handleKey(Key::kOk, 0);
  ASSERT_TRUE(a.report);
  EXPECT_EQ(a.report->category, Category::kNewInstallation);
  EXPECT_EQ(a.report->callback, "13800");
  EXPECT_EQ(a.report->visit, VisitPeriod::kAfternoon);
  EXPECT_STREQ(stb::categoryCode(a.report->category), "new_installation");
}

TEST(MenuCharter, RestoringAServiceIsFiledWithOkOnEveryPage) {
  Menu m = menuIn("eng");
  pick(m, kRowRestoreService);
  for (int i = 0; i < 3; ++i) m.handleKey(Key::kOk, 0);  // no number, any time, send
  ASSERT_EQ(m.page(), Page::kSending);
  EXPECT_STREQ(stb::categoryCode(Category::kServiceRestoration), "service_restoration");
}

TEST(MenuCharter, AComplaintHasNoVisitPageAndBackRetracesItsPath) {
  Menu m = menuIn("eng");
  pick(m, kRowComplaint);
  ASSERT_EQ(m.page(), Page::kCallback);
  m.handleKey(Key::kOk, 0);
  ASSERT_EQ(m.page(), Page::kConfirm);
  stb::MenuView v = m.view();
  EXPECT_TRUE(bodyHas(v, "Request: Complaint"));
  EXPECT_TRUE(bodyHas(v, "Callback number: none"));
  EXPECT_FALSE(bodyHas(v, "Visit:"));
  m.handleKey(Key::kBack, 0);
  EXPECT_EQ(m.page(), Page::kCallback);
  m.handleKey(Key::kBack, 0);
  ASSERT_EQ(m.page(), Page::kMain);
  EXPECT_EQ(m.view().selected, kRowComplaint);  // where the viewer left it
  m.handleKey(Key::kOk, 0);
  m.handleKey(Key::kOk, 0);
  const Action a = m.handleKey(Key::kOk, 0);
  ASSERT_TRUE(a.report);
  EXPECT_EQ(a.report->category, Category::kComplaint);
  EXPECT_STREQ(stb::categoryCode(a.report->category), "complaint");
}

TEST(MenuCharter, AKnownOutageAsksOnlyAboutFaults) {
  Menu m = menuIn("eng");
  m.setKnownOutage(stb::menu::KnownOutage{"06:00"});
  pick(m, kRowComplaint);
  EXPECT_EQ(m.page(), Page::kCallback);
  m.handleKey(Key::kMenu, 0);
  m.handleKey(Key::kUp, 0);
  m.handleKey(Key::kUp, 0);
  m.handleKey(Key::kUp, 0);
  m.handleKey(Key::kOk, 0);  // Report a fault
  EXPECT_EQ(m.page(), Page::kOutage);
}

TEST(MenuCharter, TheFaultCategoryPageListsOnlyFaults) {
  Menu m = menuIn("eng");
  pick(m, 0);
  ASSERT_EQ(m.page(), Page::kCategory);
  const stb::MenuView v = m.view();
  ASSERT_EQ(v.rows.size(), static_cast<size_t>(stb::kFaultKindCount));
  EXPECT_EQ(v.rows.back().text, "Other");
}

TEST(MenuCharter, TheResultShowsTheCharterCategoryAndADeadlineThatFitsTheRequest) {
  Menu m = menuIn("eng");
  pick(m, kRowComplaint);
  m.handleKey(Key::kOk, 0);
  m.handleKey(Key::kOk, 0);
  ASSERT_TRUE(m.onReportAccepted("T7", "12-09 16:15", "96123", Severity::kGeneral,
                                 CharterCategory::kComplaint));
  const stb::MenuView v = m.view();
  EXPECT_EQ(v.title, "Request received");
  // Filed as itself: said once.
  const std::vector<std::string> expected = {"Ticket number: T7", "Handled as: complaint",
                                             "Answer by: 12-09 16:15", "Hotline: 96123"};
  EXPECT_EQ(v.body, expected);
}

TEST(MenuCharter, AFaultWithItsCharterCategorySaysMajorOnce) {
  Menu m = menuIn("eng");
  pick(m, 0);
  for (int i = 0; i < 4; ++i) m.handleKey(Key::kOk, 0);
  ASSERT_TRUE(
      m.onReportAccepted("T8", "12-07 16:15", "", Severity::kMajor, CharterCategory::kMajorFault));
  const std::vector<std::string> expected = {"Ticket number: T8", "Fault: No picture",
                                             "Handled as: major fault", "Fixed by: 12-07 16:15"};
  EXPECT_EQ(m.view().body, expected);
  EXPECT_EQ(m.view().title, "Report received");
}

TEST(MenuCharter, WithoutACharterCategoryNothingExtraIsShown) {
  Menu m = menuIn("eng");
  pick(m, kRowNewInstallation);
  for (int i = 0; i < 3; ++i) m.handleKey(Key::kOk, 0);
  ASSERT_TRUE(m.onReportAccepted("T9", "12-11 16:15", "96123"));
  const std::vector<std::string> expected = {"Ticket number: T9", "Request: New installation",
                                             "Installed by: 12-11 16:15", "Hotline: 96123"};
  EXPECT_EQ(m.view().body, expected);
}

TEST(MenuCharter, MyReportsShowTheCharterCategoryOfEachTicket) {
  Menu m = menuIn("eng");
  ReportSummary restored{"T10", Category::kServiceRestoration, ReportStatus::kAccepted,
                         "12-11 09:00"};
  restored.charter = CharterCategory::kServiceRestoration;
  ReportSummary unknown{"T11", Category::kNewInstallation, ReportStatus::kAccepted, ""};
  m.setReports({restored, unknown});
  pick(m, 4);
  ASSERT_EQ(m.page(), Page::kReports);
  EXPECT_EQ(m.view().rows.at(0).text, "T10 · Restore service");
  EXPECT_EQ(m.view().rows.at(1).text, "T11 · New installation");
  m.handleKey(Key::kOk, 0);
  stb::MenuView v = m.view();
  EXPECT_TRUE(bodyHas(v, "Handled as: service restoration"));
  EXPECT_TRUE(bodyHas(v, "Service back by: 12-11 09:00"));
  EXPECT_TRUE(bodyHas(v, "Status: accepted"));
  m.handleKey(Key::kBack, 0);
  m.handleKey(Key::kDown, 0);
  m.handleKey(Key::kOk, 0);
  v = m.view();
  EXPECT_FALSE(bodyHas(v, "Handled as"));
  EXPECT_TRUE(bodyHas(v, "Request: New installation"));
  // Re-filed by the desk as something else: both are said.
  ReportSummary refiled{"T12", Category::kComplaint, ReportStatus::kAccepted, "12-05 09:00"};
  refiled.charter = CharterCategory::kGeneralFault;
  m.setReports({refiled});
  m.handleKey(Key::kBack, 0);
  m.handleKey(Key::kOk, 0);
  ASSERT_EQ(m.page(), Page::kReportDetail);
  v = m.view();
  EXPECT_TRUE(bodyHas(v, "Request: Complaint"));
  EXPECT_TRUE(bodyHas(v, "Handled as: general fault"));
}

TEST(MenuCharter, ChineseAndSpanishWording) {
  struct Case {
    const char* language;
    std::vector<std::string> body;
  };
  const Case cases[] = {
      {"zho", {"工单号：T7", "受理类别：投诉", "承诺答复时限：12-09 16:15", "客服热线：96123"}},
      {"spa",
       {"Número de aviso: T7", "Tramitado como: reclamación", "Plazo de respuesta: 12-09 16:15",
        "Atención al cliente: 96123"}},
  };
  for (const Case& c : cases) {
    Menu m = menuIn(c.language);
    pick(m, kRowComplaint);
    m.handleKey(Key::kOk, 0);
    m.handleKey(Key::kOk, 0);
    ASSERT_TRUE(m.onReportAccepted("T7", "12-09 16:15", "96123", std::nullopt,
                                   CharterCategory::kComplaint));
    EXPECT_EQ(m.view().body, c.body) << c.language;
  }
}

TEST(MenuCharter, EveryCharterCategoryReadsInEveryLanguage) {
  for (const char* language : {"zho", "spa", "eng"}) {
    for (int row : {0, kRowNewInstallation, kRowRestoreService, kRowComplaint}) {
      std::set<std::string> lines;  // the charter line of each category
      for (auto charter : {CharterCategory::kGeneralFault, CharterCategory::kMajorFault,
                           CharterCategory::kNewInstallation, CharterCategory::kServiceRestoration,
                           CharterCategory::kComplaint}) {
        Menu m = menuIn(language);
        pick(m, row);
        for (int i = 0; i < 5 && m.page() != Page::kSending; ++i) m.handleKey(Key::kOk, 0);
        ASSERT_EQ(m.page(), Page::kSending) << language << " row " << row;
        ASSERT_TRUE(m.onReportAccepted("T1", "12-09 16:15", "96123", std::nullopt, charter));
        const stb::MenuView v = m.view();
        // Ticket, [request,] charter, deadline, hotline.
        ASSERT_GE(v.body.size(), 4u) << language;
        expectClean(v);
        const size_t n = v.body.size();
        EXPECT_NE(v.body[n - 2].find("12-09 16:15"), std::string::npos) << v.body[n - 2];
        lines.insert(v.body[n - 3]);
      }
      EXPECT_EQ(lines.size(), 5u) << language << " row " << row;
    }
  }
}

TEST(MenuCharter, CharterCodesReadBothWays) {
  for (auto c : {CharterCategory::kGeneralFault, CharterCategory::kMajorFault,
                 CharterCategory::kNewInstallation, CharterCategory::kServiceRestoration,
                 CharterCategory::kComplaint})
    EXPECT_EQ(stb::charterCategoryFromCode(stb::charterCategoryCode(c)), c);
  EXPECT_EQ(stb::charterCategoryFromCode("general"), std::nullopt);
  EXPECT_EQ(stb::charterCategoryFromCode(""), std::nullopt);
}

TEST(MenuCharter, TheOutboxRowsCharterCategoryReachesMyReports) {
  stb::OutboxReport r;
  r.state = "sent";
  r.ticket = "T1";
  r.status = "accepted";
  r.category = "complaint";
  r.charter_category = "complaint";
  std::vector<stb::OutboxReport> rows = {r};
  r.ticket = "T2";
  r.charter_category = "vip";  // from a server the box does not understand
  rows.push_back(r);
  const std::vector<ReportSummary> list = stb::menu::reportSummaries(rows, 480);
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0].category, Category::kComplaint);
  EXPECT_EQ(list[0].charter, CharterCategory::kComplaint);
  EXPECT_EQ(list[1].charter, std::nullopt);
}

}  // namespace
