// The viewer's menu: every path through the pages, the timeout, the callback
// number's validation, the report and return-visit actions, and its language.
#include "stb/menu/menu.h"

#include <gtest/gtest.h>

namespace {

using stb::Language;
using stb::menu::Action;
using stb::menu::Category;
using stb::menu::Key;
using stb::menu::Menu;
using stb::menu::MenuConfig;
using stb::menu::ReportStatus;
using stb::menu::ReportSummary;
using stb::menu::Severity;
using stb::menu::VisitPeriod;
using Page = Menu::Page;

// The main menu's rows: the four kinds of request, then the rest.
constexpr int kRowMyReports = 4;
constexpr int kRowServiceInfo = 5;
constexpr int kRowClose = 6;

// A menu with a clock the test moves by hand.
class MenuTest : public ::testing::Test {
 protected:
  Action press(Key k) {
    now_ += 100;
    return menu_.handleKey(k, now_);
  }
  Action press(Key k, int times) {
    Action a;
    for (int i = 0; i < times; ++i) a = press(k);
    return a;
  }
  void type(const std::string& digits) {
    for (char c : digits) press(stb::menu::digitKey(c - '0'));
  }
  void open() {
    ASSERT_TRUE(press(Key::kMenu).view_changed);
    ASSERT_EQ(menu_.page(), Page::kMain);
  }
  // Main menu -> category page (no known outage).
  void toCategories() {
    open();
    press(Key::kOk);
    ASSERT_EQ(menu_.page(), Page::kCategory);
  }
  // All the way to the confirmation page.
  void toConfirm(int category_index, const std::string& callback, int visit_index) {
    toCategories();
    press(Key::kDown, category_index);
    press(Key::kOk);
    ASSERT_EQ(menu_.page(), Page::kCallback);
    type(callback);
    press(Key::kOk);
    ASSERT_EQ(menu_.page(), Page::kVisit);
    press(Key::kDown, visit_index);
    press(Key::kOk);
    ASSERT_EQ(menu_.page(), Page::kConfirm);
  }
  std::string row(int i) const { return menu_.view().rows.at(static_cast<size_t>(i)).text; }

  int64_t now_ = 1000;
  Menu menu_;
};

bool bodyHas(const stb::MenuView& v, const std::string& s) {
  for (const std::string& line : v.body)
    if (line.find(s) != std::string::npos) return true;
  return false;
}

// ---------------------------------------------------------------------------
// Opening, navigation, closing

TEST_F(MenuTest, ClosedMenuIgnoresKeysButTheOpenKey) {
  EXPECT_FALSE(menu_.isOpen());
  for (Key k : {Key::kUp, Key::kOk, Key::kBack, Key::kExit, Key::kHelp, Key::kDigit3}) {
    const Action a = press(k);
    EXPECT_FALSE(a.consumed);
    EXPECT_FALSE(a.view_changed);
    EXPECT_FALSE(menu_.isOpen());
  }
  EXPECT_EQ(menu_.view(), stb::MenuView{});
  const Action a = press(Key::kMenu);
  EXPECT_TRUE(a.consumed);
  EXPECT_TRUE(a.view_changed);
  EXPECT_TRUE(menu_.isOpen());
}

TEST(MenuConfigTest, HelpCanBeTheOpenKey) {
  MenuConfig c;
  c.open_key = Key::kHelp;
  Menu m(c);
  EXPECT_FALSE(m.handleKey(Key::kMenu, 0).consumed);
  EXPECT_FALSE(m.isOpen());
  EXPECT_TRUE(m.handleKey(Key::kHelp, 0).consumed);
  EXPECT_EQ(m.page(), Page::kMain);
}

TEST_F(MenuTest, MainMenuRowsAndArrows) {
  open();
  stb::MenuView v = menu_.view();
  EXPECT_EQ(v.title, "Service menu");
  const std::vector<std::string> rows = {"Report a fault",
                                         "Request a new installation",
                                         "Restore my service",
                                         "Make a complaint",
                                         "My reports",
                                         "Service info",
                                         "Close"};
  ASSERT_EQ(v.rows.size(), rows.size());
  for (size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(v.rows[i].text, rows[i]);
  EXPECT_EQ(v.selected, 0);
  EXPECT_FALSE(v.footer.empty());
  EXPECT_FALSE(press(Key::kUp).view_changed);  // already at the top
  EXPECT_TRUE(press(Key::kDown).view_changed);
  EXPECT_EQ(menu_.view().selected, 1);
  press(Key::kDown, 10);
  EXPECT_EQ(menu_.view().selected, kRowClose);  // stops at the bottom
  press(Key::kUp);
  EXPECT_EQ(menu_.view().selected, kRowServiceInfo);
}

TEST_F(MenuTest, CloseRowCloses) {
  open();
  press(Key::kDown, kRowClose);
  const Action a = press(Key::kOk);
  EXPECT_TRUE(a.view_changed);
  EXPECT_FALSE(menu_.isOpen());
}

TEST_F(MenuTest, BackGoesBackOnePageAndClosesFromTheMainMenu) {
  toConfirm(2, "12345", 1);
  press(Key::kBack);
  EXPECT_EQ(menu_.page(), Page::kVisit);
  EXPECT_EQ(menu_.view().selected, 1);  // where the viewer left it
  press(Key::kBack);
  EXPECT_EQ(menu_.page(), Page::kCallback);
  EXPECT_EQ(menu_.view().input->text, "12345");  // kept for editing
  press(Key::kBack);
  EXPECT_EQ(menu_.page(), Page::kCategory);
  EXPECT_EQ(menu_.view().selected, 2);
  press(Key::kBack);
  EXPECT_EQ(menu_.page(), Page::kMain);
  const Action a = press(Key::kBack);
  EXPECT_TRUE(a.view_changed);
  EXPECT_FALSE(menu_.isOpen());
}

TEST_F(MenuTest, ExitClosesFromAnyPage) {
  toConfirm(0, "", 0);
  EXPECT_TRUE(press(Key::kExit).view_changed);
  EXPECT_FALSE(menu_.isOpen());
  open();
  press(Key::kDown, kRowServiceInfo);
  press(Key::kOk);
  EXPECT_EQ(menu_.page(), Page::kServiceInfo);
  press(Key::kExit);
  EXPECT_FALSE(menu_.isOpen());
}

TEST_F(MenuTest, OpenKeyWhileOpenGoesToTheMainMenu) {
  toConfirm(0, "", 0);
  press(Key::kMenu);
  EXPECT_EQ(menu_.page(), Page::kMain);
}

TEST_F(MenuTest, OpenMenuConsumesEveryKey) {
  open();
  for (Key k : {Key::kLeft, Key::kRight, Key::kDigit7, Key::kHelp}) EXPECT_TRUE(press(k).consumed);
  EXPECT_EQ(menu_.page(), Page::kMain);
}

// ---------------------------------------------------------------------------
// Timeout

TEST_F(MenuTest, UntouchedMenuClosesAfterTheTimeout) {
  open();
  EXPECT_FALSE(menu_.tick(now_ + 59999).view_changed);
  EXPECT_TRUE(menu_.isOpen());
  const Action a = menu_.tick(now_ + 60000);
  EXPECT_TRUE(a.view_changed);
  EXPECT_FALSE(menu_.isOpen());
  EXPECT_FALSE(menu_.tick(now_ + 120000).view_changed);  // already closed
}

TEST_F(MenuTest, AKeyRestartsTheTimeout) {
  open();
  now_ += 50000;
  press(Key::kDown);
  EXPECT_TRUE(menu_.isOpen());
  menu_.tick(now_ + 59000);
  EXPECT_TRUE(menu_.isOpen());
  menu_.tick(now_ + 60000);
  EXPECT_FALSE(menu_.isOpen());
}

TEST(MenuConfigTest, TimeoutIsConfigurable) {
  MenuConfig c;
  c.timeout_ms = 5000;
  Menu m(c);
  m.handleKey(Key::kMenu, 0);
  m.tick(4999);
  EXPECT_TRUE(m.isOpen());
  m.tick(5000);
  EXPECT_FALSE(m.isOpen());
}

TEST_F(MenuTest, SendingPageDoesNotTimeOutAndTheResultRestartsTheTimer) {
  toConfirm(0, "", 0);
  press(Key::kOk);
  ASSERT_EQ(menu_.page(), Page::kSending);
  menu_.tick(now_ + 600000);
  EXPECT_TRUE(menu_.isOpen());
  EXPECT_TRUE(menu_.onReportQueued("96123"));
  const int64_t shown = now_ + 600001;
  menu_.tick(shown);  // the result page's timeout starts here
  menu_.tick(shown + 59999);
  EXPECT_EQ(menu_.page(), Page::kResult);
  menu_.tick(shown + 60000);
  EXPECT_FALSE(menu_.isOpen());
}

// ---------------------------------------------------------------------------
// Report a fault

TEST_F(MenuTest, CategoryListShowsEveryCategoryWithItsSeverity) {
  stb::menu::SeverityPolicy policy;
  policy.by_category[static_cast<size_t>(Category::kNoPicture)] = Severity::kMajor;
  policy.by_category[static_cast<size_t>(Category::kChannelsMissing)] = Severity::kMajor;
  menu_.setSeverityPolicy(policy);
  toCategories();
  const stb::MenuView v = menu_.view();
  const std::vector<std::string> expected = {"No picture",
                                             "Mosaic or freezing picture",
                                             "No sound",
                                             "Some channels missing",
                                             "Smartcard / authorisation message",
                                             "Set-top box fault",
                                             "Remote control",
                                             "Billing question",
                                             "Other"};
  ASSERT_EQ(v.rows.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(v.rows[i].text, expected[i]);
    const bool major = i == 0 || i == 3;
    EXPECT_EQ(v.rows[i].tag, major ? "major" : "general") << i;
    EXPECT_EQ(v.rows[i].tag_warning, major) << i;
  }
}

TEST_F(MenuTest, ConfirmEmitsExactlyOneReportRequest) {
  stb::menu::SeverityPolicy policy;
  policy.by_category[static_cast<size_t>(Category::kNoSound)] = Severity::kMajor;
  menu_.setSeverityPolicy(policy);
  toConfirm(2, "13800138000", 2);
  const stb::MenuView v = menu_.view();
  EXPECT_EQ(v.title, "Check your report");
  EXPECT_TRUE(bodyHas(v, "Fault: No sound (major)"));
  EXPECT_TRUE(bodyHas(v, "Callback number: 13800138000"));
  EXPECT_TRUE(bodyHas(v, "Visit: Evening"));

  const Action a = press(Key::kOk);
  ASSERT_TRUE(a.report.has_value());
  EXPECT_EQ(a.report->category, Category::kNoSound);
  EXPECT_EQ(a.report->severity, Severity::kMajor);
  EXPECT_EQ(a.report->callback, "13800138000");
  EXPECT_EQ(a.report->visit, VisitPeriod::kEvening);
  EXPECT_FALSE(a.return_visit.has_value());
  EXPECT_EQ(menu_.page(), Page::kSending);
  EXPECT_EQ(menu_.view().title, "Sending…");

  // OK again, BACK, arrows: nothing more is sent and the page stays.
  for (Key k : {Key::kOk, Key::kOk, Key::kBack, Key::kUp, Key::kMenu, Key::kDigit1}) {
    const Action again = press(k);
    EXPECT_FALSE(again.report.has_value());
    EXPECT_EQ(menu_.page(), Page::kSending);
  }
}

TEST_F(MenuTest, ANewReportAfterTheResultCanBeSentAgain) {
  toConfirm(0, "", 0);
  EXPECT_TRUE(press(Key::kOk).report.has_value());
  menu_.onReportAccepted("T1", "tomorrow 18:00", "96123");
  press(Key::kOk);  // result -> main
  ASSERT_EQ(menu_.page(), Page::kMain);
  press(Key::kOk);
  press(Key::kOk);  // first category
  press(Key::kOk);  // no callback
  press(Key::kOk);  // morning
  ASSERT_EQ(menu_.page(), Page::kConfirm);
  const Action a = press(Key::kOk);
  ASSERT_TRUE(a.report.has_value());
  EXPECT_EQ(a.report->callback, "");  // the new draft started empty
}

TEST_F(MenuTest, EmptyCallbackSkips) {
  toConfirm(8, "", 3);
  EXPECT_TRUE(bodyHas(menu_.view(), "Callback number: none"));
  const Action a = press(Key::kOk);
  ASSERT_TRUE(a.report.has_value());
  EXPECT_EQ(a.report->category, Category::kOther);
  EXPECT_EQ(a.report->callback, "");
  EXPECT_EQ(a.report->visit, VisitPeriod::kAnyTime);
}

TEST_F(MenuTest, CallbackValidation) {
  toCategories();
  press(Key::kOk);
  ASSERT_EQ(menu_.page(), Page::kCallback);
  stb::MenuView v = menu_.view();
  ASSERT_TRUE(v.input.has_value());
  EXPECT_EQ(v.input->label, "Phone");
  EXPECT_EQ(v.input->text, "");
  EXPECT_TRUE(v.rows.empty());

  type("1234");
  press(Key::kOk);  // 4 digits: refused
  v = menu_.view();
  EXPECT_EQ(menu_.page(), Page::kCallback);
  EXPECT_EQ(v.error, "A phone number has 5 to 20 digits.");

  type("5");  // typing clears the error
  v = menu_.view();
  EXPECT_EQ(v.input->text, "12345");
  EXPECT_EQ(v.error, "");

  press(Key::kLeft);  // LEFT deletes
  EXPECT_EQ(menu_.view().input->text, "1234");
  press(Key::kLeft, 10);  // never below empty
  EXPECT_EQ(menu_.view().input->text, "");

  type("01234567890123456789");  // 20 digits: the most
  EXPECT_EQ(menu_.view().input->text, "01234567890123456789");
  EXPECT_EQ(menu_.view().error, "");
  type("9");  // a 21st is refused with the error line
  EXPECT_EQ(menu_.view().input->text, "01234567890123456789");
  EXPECT_FALSE(menu_.view().error.empty());
  press(Key::kOk);
  EXPECT_EQ(menu_.page(), Page::kVisit);
}

TEST_F(MenuTest, FiveDigitsAreEnough) {
  toCategories();
  press(Key::kOk);
  type("96123");
  press(Key::kOk);
  EXPECT_EQ(menu_.page(), Page::kVisit);
}

// ---------------------------------------------------------------------------
// Known outage

TEST_F(MenuTest, KnownOutageAsksFirstAndNoReturnsToTheMainMenu) {
  menu_.setKnownOutage(stb::menu::KnownOutage{"06:00"});
  open();
  press(Key::kOk);
  ASSERT_EQ(menu_.page(), Page::kOutage);
  stb::MenuView v = menu_.view();
  EXPECT_EQ(v.accent, stb::MenuView::Accent::kWarning);
  ASSERT_EQ(v.body.size(), 2u);
  EXPECT_EQ(v.body[0], "Known outage in your area, service expected back at 06:00.");
  EXPECT_EQ(v.body[1], "Report anyway?");
  ASSERT_EQ(v.rows.size(), 2u);
  EXPECT_EQ(v.rows[0].text, "Yes");
  EXPECT_EQ(v.rows[1].text, "No");
  EXPECT_EQ(v.selected, 1);  // the safe answer
  press(Key::kOk);           // No
  EXPECT_EQ(menu_.page(), Page::kMain);
  EXPECT_EQ(menu_.view().selected, 0);
}

TEST_F(MenuTest, KnownOutageOkAloneFilesNothing) {
  // OK on every page is what a hurried viewer does; on the known-outage
  // page it must lead back, never into a duplicate report.
  menu_.setKnownOutage(stb::menu::KnownOutage{"06:00"});
  open();
  press(Key::kOk);  // Report a fault
  ASSERT_EQ(menu_.page(), Page::kOutage);
  for (int i = 0; i < 8; ++i) {
    EXPECT_NE(menu_.page(), Page::kCategory);
    EXPECT_NE(menu_.page(), Page::kConfirm);
    EXPECT_NE(menu_.page(), Page::kSending);
    EXPECT_FALSE(press(Key::kOk).report) << "OK #" << i;
  }
}

TEST_F(MenuTest, KnownOutageYesGoesOnToTheCategoriesAndBackReturnsToTheQuestion) {
  menu_.setKnownOutage(stb::menu::KnownOutage{"06:00"});
  open();
  press(Key::kOk);
  press(Key::kUp);
  press(Key::kOk);  // Yes
  EXPECT_EQ(menu_.page(), Page::kCategory);
  press(Key::kBack);
  EXPECT_EQ(menu_.page(), Page::kOutage);
  press(Key::kBack);
  EXPECT_EQ(menu_.page(), Page::kMain);
}

TEST_F(MenuTest, OutageClearedNoLongerAsks) {
  menu_.setKnownOutage(stb::menu::KnownOutage{"06:00"});
  menu_.setKnownOutage(std::nullopt);
  toCategories();
  press(Key::kBack);
  EXPECT_EQ(menu_.page(), Page::kMain);
}

// ---------------------------------------------------------------------------
// Results

TEST_F(MenuTest, AcceptedResultShowsTicketDeadlineAndHotline) {
  toConfirm(0, "", 0);
  EXPECT_FALSE(menu_.onReportAccepted("X", "Y", "Z"));  // not sending yet
  press(Key::kOk);
  EXPECT_TRUE(menu_.onReportAccepted("GD-2026-000123", "tomorrow 18:00", "96123"));
  EXPECT_EQ(menu_.page(), Page::kResult);
  const stb::MenuView v = menu_.view();
  EXPECT_EQ(v.title, "Report received");
  EXPECT_EQ(v.accent, stb::MenuView::Accent::kNormal);
  EXPECT_TRUE(bodyHas(v, "Ticket number: GD-2026-000123"));
  EXPECT_TRUE(bodyHas(v, "Fixed by: tomorrow 18:00"));
  EXPECT_TRUE(bodyHas(v, "Hotline: 96123"));
  EXPECT_FALSE(menu_.onReportQueued("96123"));  // one answer per report
  press(Key::kOk);
  EXPECT_EQ(menu_.page(), Page::kMain);
}

TEST_F(MenuTest, QueuedResultSaysWaitingToSendAndShowsTheHotline) {
  toConfirm(0, "", 0);
  press(Key::kOk);
  EXPECT_TRUE(menu_.onReportQueued("96123"));
  const stb::MenuView v = menu_.view();
  EXPECT_EQ(v.title, "Waiting to send");
  EXPECT_EQ(v.accent, stb::MenuView::Accent::kWarning);
  EXPECT_TRUE(bodyHas(v, "call the hotline 96123") || bodyHas(v, "Call the hotline 96123"));
  EXPECT_FALSE(bodyHas(v, "Ticket"));
  press(Key::kBack);
  EXPECT_EQ(menu_.page(), Page::kMain);
}

TEST_F(MenuTest, ExitWhileSendingClosesAndTheLateAnswerDoesNotReopen) {
  toConfirm(0, "", 0);
  press(Key::kOk);
  press(Key::kExit);
  EXPECT_FALSE(menu_.isOpen());
  EXPECT_FALSE(menu_.onReportAccepted("T", "D", "H"));
  EXPECT_FALSE(menu_.isOpen());
}

// ---------------------------------------------------------------------------
// My reports

TEST_F(MenuTest, MyReportsEmpty) {
  open();
  press(Key::kDown, kRowMyReports);
  press(Key::kOk);
  ASSERT_EQ(menu_.page(), Page::kReports);
  const stb::MenuView v = menu_.view();
  EXPECT_EQ(v.title, "My reports");
  EXPECT_TRUE(v.rows.empty());
  EXPECT_EQ(v.selected, -1);
  EXPECT_TRUE(bodyHas(v, "You have no reports."));
  press(Key::kOk);  // nothing to open
  EXPECT_EQ(menu_.page(), Page::kReports);
}

TEST_F(MenuTest, MyReportsListScrollsAndOpensOne) {
  std::vector<ReportSummary> reports;
  reports.push_back({"", Category::kNoPicture, ReportStatus::kWaitingToSend, ""});
  for (int i = 1; i < 12; ++i)
    reports.push_back({"T" + std::to_string(i), Category::kNoSound,
                       static_cast<ReportStatus>(1 + i % 5), "3 May 18:00"});
  menu_.setReports(reports);
  open();
  press(Key::kDown, kRowMyReports);
  press(Key::kOk);
  stb::MenuView v = menu_.view();
  ASSERT_EQ(v.rows.size(), 12u);
  EXPECT_EQ(v.rows[0].text, "no ticket yet · No picture");
  EXPECT_EQ(v.rows[0].tag, "waiting to send");
  EXPECT_TRUE(v.rows[0].tag_warning);
  EXPECT_EQ(v.rows[1].text, "T1 · No sound");
  EXPECT_EQ(v.rows[1].tag, "accepted");
  EXPECT_FALSE(v.rows[1].tag_warning);
  press(Key::kDown, 20);
  EXPECT_EQ(menu_.view().selected, 11);
  press(Key::kUp);
  press(Key::kOk);
  ASSERT_EQ(menu_.page(), Page::kReportDetail);
  v = menu_.view();
  EXPECT_EQ(v.title, "Report T10");
  EXPECT_TRUE(bodyHas(v, "Status: sent"));
  EXPECT_TRUE(bodyHas(v, "Fixed by: 3 May 18:00"));
  press(Key::kBack);
  EXPECT_EQ(menu_.page(), Page::kReports);
  EXPECT_EQ(menu_.view().selected, 10);

  // A shorter list from the host keeps the selection inside it.
  menu_.setReports({reports[0], reports[1]});
  EXPECT_EQ(menu_.view().selected, 1);
  menu_.setReports({});
  EXPECT_EQ(menu_.view().selected, -1);
}

// ---------------------------------------------------------------------------
// Return visit

TEST_F(MenuTest, ReturnVisitYesThenScoreKey) {
  ASSERT_TRUE(menu_.askReturnVisit("T77", now_));
  EXPECT_TRUE(menu_.isOpen());
  stb::MenuView v = menu_.view();
  EXPECT_EQ(v.title, "Follow-up on report T77");
  EXPECT_TRUE(bodyHas(v, "Was the problem fixed?"));
  ASSERT_EQ(v.rows.size(), 2u);
  press(Key::kOk);  // Yes
  ASSERT_EQ(menu_.page(), Page::kReturnScore);
  EXPECT_EQ(menu_.view().rows.size(), 5u);
  EXPECT_EQ(row(0), "5 Very satisfied");
  EXPECT_EQ(row(4), "1 Very dissatisfied");

  Action a = press(Key::kDigit0);  // out of range: error line, nothing sent
  EXPECT_FALSE(a.return_visit.has_value());
  EXPECT_EQ(menu_.view().error, "Press a key from 1 to 5.");
  a = press(Key::kDigit9);
  EXPECT_FALSE(a.return_visit.has_value());

  a = press(Key::kDigit4);
  ASSERT_TRUE(a.return_visit.has_value());
  EXPECT_EQ(a.return_visit->ticket, "T77");
  EXPECT_TRUE(a.return_visit->fixed);
  EXPECT_EQ(a.return_visit->score, 4);
  EXPECT_FALSE(a.report.has_value());
  EXPECT_EQ(menu_.page(), Page::kReturnThanks);
  EXPECT_FALSE(press(Key::kDigit5).return_visit.has_value());  // only once
  press(Key::kOk);
  EXPECT_FALSE(menu_.isOpen());
}

TEST_F(MenuTest, ReturnVisitNoThenScoreWithArrows) {
  ASSERT_TRUE(menu_.askReturnVisit("T78", now_));
  press(Key::kDown);
  press(Key::kOk);  // No
  press(Key::kDown, 4);
  const Action a = press(Key::kOk);
  ASSERT_TRUE(a.return_visit.has_value());
  EXPECT_FALSE(a.return_visit->fixed);
  EXPECT_EQ(a.return_visit->score, 1);
}

TEST_F(MenuTest, ReturnVisitIsRefusedWhileTheMenuIsOpenAndCanBeDismissed) {
  open();
  EXPECT_FALSE(menu_.askReturnVisit("T1", now_));
  EXPECT_EQ(menu_.page(), Page::kMain);
  press(Key::kExit);
  ASSERT_TRUE(menu_.askReturnVisit("T1", now_));
  press(Key::kOk);
  press(Key::kBack);  // score -> question
  EXPECT_EQ(menu_.page(), Page::kReturnFixed);
  const Action a = press(Key::kBack);  // dismissed, nothing sent
  EXPECT_FALSE(a.return_visit.has_value());
  EXPECT_FALSE(menu_.isOpen());
  ASSERT_TRUE(menu_.askReturnVisit("T1", now_));
  menu_.tick(now_ + 60000);  // the timeout applies too
  EXPECT_FALSE(menu_.isOpen());
}

// ---------------------------------------------------------------------------
// Service info

TEST_F(MenuTest, ServiceInfoShowsEveryFieldAndNotAvailableForMissingOnes) {
  stb::menu::ServiceInfo info;
  info.hotline = "96123";
  info.office_address = "12 Harbour Road";
  info.technician_name = "Li Wei";
  menu_.setServiceInfo(info);
  open();
  press(Key::kDown, kRowServiceInfo);
  press(Key::kOk);
  ASSERT_EQ(menu_.page(), Page::kServiceInfo);
  const stb::MenuView v = menu_.view();
  EXPECT_EQ(v.title, "Service info");
  const std::vector<std::string> expected = {
      "Hotline: 96123",
      "Supervision number: not available",
      "Business office: 12 Harbour Road",
      "Office phone: not available",
      "Area technician: Li Wei",
      "Technician's staff number: not available",
  };
  EXPECT_EQ(v.body, expected);
  press(Key::kBack);
  EXPECT_EQ(menu_.page(), Page::kMain);
  EXPECT_EQ(menu_.view().selected, kRowServiceInfo);
}

TEST(MenuLanguageTest, ServiceInfoInChinese) {
  MenuConfig c;
  c.languages = {"zho"};
  Menu m(c);
  stb::menu::ServiceInfo info;
  info.technician_name = "李伟";
  info.technician_staff_number = "0451";
  m.setServiceInfo(info);
  m.handleKey(Key::kMenu, 0);
  for (int i = 0; i < kRowServiceInfo; ++i) m.handleKey(Key::kDown, 0);
  m.handleKey(Key::kOk, 0);
  const stb::MenuView v = m.view();
  EXPECT_EQ(v.title, "服务信息");
  EXPECT_EQ(v.body.at(0), "客服热线：暂无");
  EXPECT_EQ(v.body.at(4), "片区维修员：李伟");
  EXPECT_EQ(v.body.at(5), "维修员工号：0451");
}

// ---------------------------------------------------------------------------
// Language

TEST(MenuLanguageTest, MainMenuInEachLanguage) {
  struct Case {
    std::vector<std::string> prefs;
    std::vector<std::string> rows;
  };
  const Case cases[] = {
      {{"zho"}, {"报修", "申请新装", "申请恢复服务", "投诉", "我的报修", "服务信息", "关闭"}},
      {{"fra", "spa"},
       {"Informar de una avería", "Pedir una nueva instalación", "Restablecer el servicio",
        "Presentar una reclamación", "Mis avisos", "Información del servicio", "Cerrar"}},
      {{"deu"},
       {"Report a fault", "Request a new installation", "Restore my service", "Make a complaint",
        "My reports", "Service info", "Close"}},
  };
  for (const Case& c : cases) {
    MenuConfig config;
    config.languages = c.prefs;
    Menu m(config);
    m.handleKey(Key::kMenu, 0);
    const stb::MenuView v = m.view();
    ASSERT_EQ(v.rows.size(), c.rows.size());
    for (size_t i = 0; i < c.rows.size(); ++i) EXPECT_EQ(v.rows[i].text, c.rows[i]);
  }
}

TEST(MenuLanguageTest, LanguageCanChangeWhileOpen) {
  Menu m;
  m.handleKey(Key::kMenu, 0);
  m.handleKey(Key::kOk, 0);
  EXPECT_EQ(m.view().rows.at(0).text, "No picture");
  m.setLanguages({"spa"});
  EXPECT_EQ(m.language(), Language::kSpa);
  EXPECT_EQ(m.view().rows.at(0).text, "Sin imagen");
  EXPECT_EQ(m.view().rows.at(1).text, "Imagen pixelada o congelada");
  m.setLanguages({"zho"});
  const std::vector<std::string> zho = {"无图像",         "马赛克或画面卡顿", "无声音",
                                        "部分频道收不到", "智能卡/授权提示",  "机顶盒故障",
                                        "遥控器问题",     "费用咨询",         "其他"};
  const stb::MenuView v = m.view();
  ASSERT_EQ(v.rows.size(), zho.size());
  for (size_t i = 0; i < zho.size(); ++i) EXPECT_EQ(v.rows[i].text, zho[i]);
}

TEST(MenuLanguageTest, ChineseOutageAndResultWording) {
  MenuConfig c;
  c.languages = {"zho"};
  Menu m(c);
  m.setKnownOutage(stb::menu::KnownOutage{"06:00"});
  m.handleKey(Key::kMenu, 0);
  m.handleKey(Key::kOk, 0);
  EXPECT_EQ(m.view().body.at(0), "您所在区域有已知故障，预计06:00恢复服务。");
  m.handleKey(Key::kUp, 0);
  for (int i = 0; i < 5; ++i) m.handleKey(Key::kOk, 0);  // yes, category, skip, visit, send
  ASSERT_EQ(m.page(), Page::kSending);
  m.onReportAccepted("A123", "5月3日18:00前", "96123");
  const stb::MenuView v = m.view();
  EXPECT_EQ(v.title, "报修已受理");
  EXPECT_EQ(v.body.at(0), "工单号：A123");
  EXPECT_EQ(v.body.at(1), "故障：无图像");
  EXPECT_EQ(v.body.at(2), "承诺修复时限：5月3日18:00前");
  EXPECT_EQ(v.body.at(3), "客服热线：96123");
}

}  // namespace
