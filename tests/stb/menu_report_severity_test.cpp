// The category of fault the viewer sees is the central system's (issue 11):
// the result page and My reports show the severity its answer gave, never
// the box's own guess; a box that does not know the operator's classes shows
// none before the answer.
#include <gtest/gtest.h>

#include "stb/menu/menu.h"

namespace {

using stb::menu::Category;
using stb::menu::Key;
using stb::menu::Menu;
using stb::menu::ReportStatus;
using stb::menu::ReportSummary;
using stb::menu::Severity;
using Page = Menu::Page;

bool bodyHas(const stb::MenuView& v, const std::string& s) {
  for (const std::string& line : v.body)
    if (line == s) return true;
  return false;
}

// No picture, no callback, any time, confirmed: the menu is sending.
void fileNoPicture(Menu& m) {
  for (Key k : {Key::kMenu, Key::kOk, Key::kOk, Key::kOk, Key::kOk, Key::kOk}) m.handleKey(k, 100);
  ASSERT_EQ(m.page(), Page::kSending);
}

TEST(MenuReportSeverity, TheResultPageShowsTheAnswersSeverityNotTheLocalGuess) {
  Menu m;  // the default policy calls everything general
  fileNoPicture(m);
  ASSERT_TRUE(m.onReportAccepted("T1", "12-03 16:15", "96123", Severity::kMajor));
  const stb::MenuView v = m.view();
  EXPECT_TRUE(bodyHas(v, "Fault: No picture (major)"));
  EXPECT_TRUE(bodyHas(v, "Fixed by: 12-03 16:15"));
  EXPECT_FALSE(bodyHas(v, "Fault: No picture (general)"));
}

TEST(MenuReportSeverity, AnAnswerWithoutASeverityShowsNone) {
  Menu m;
  fileNoPicture(m);
  ASSERT_TRUE(m.onReportAccepted("T1", "12-03 16:15", "96123"));
  EXPECT_TRUE(bodyHas(m.view(), "Fault: No picture"));
}

TEST(MenuReportSeverity, WithoutTheOperatorsClassesTheDraftShowsNoSeverity) {
  Menu m;
  stb::menu::SeverityPolicy unknown;
  unknown.shown = false;
  m.setSeverityPolicy(unknown);
  m.handleKey(Key::kMenu, 100);
  m.handleKey(Key::kOk, 100);
  ASSERT_EQ(m.page(), Page::kCategory);
  for (const stb::MenuRow& row : m.view().rows) {
    EXPECT_EQ(row.tag, "") << row.text;
    EXPECT_FALSE(row.tag_warning) << row.text;
  }
  for (int i = 0; i < 3; ++i) m.handleKey(Key::kOk, 100);
  ASSERT_EQ(m.page(), Page::kConfirm);
  EXPECT_TRUE(bodyHas(m.view(), "Fault: No picture"));
}

TEST(MenuReportSeverity, MyReportsShowEachTicketsSeverityFromTheAnswer) {
  Menu m;
  ReportSummary answered{"T1", Category::kNoPicture, ReportStatus::kAccepted, "12-03 16:15"};
  answered.severity = Severity::kMajor;
  m.setReports({answered, {"", Category::kNoSound, ReportStatus::kWaitingToSend, ""}});
  m.handleKey(Key::kMenu, 100);
  for (int i = 0; i < 4; ++i) m.handleKey(Key::kDown, 100);  // My reports
  m.handleKey(Key::kOk, 100);
  ASSERT_EQ(m.page(), Page::kReports);
  m.handleKey(Key::kOk, 100);
  ASSERT_EQ(m.page(), Page::kReportDetail);
  EXPECT_TRUE(bodyHas(m.view(), "Fault: No picture (major)"));
  EXPECT_TRUE(bodyHas(m.view(), "Fixed by: 12-03 16:15"));
  m.handleKey(Key::kBack, 100);
  m.handleKey(Key::kDown, 100);
  m.handleKey(Key::kOk, 100);
  ASSERT_EQ(m.page(), Page::kReportDetail);
  EXPECT_TRUE(bodyHas(m.view(), "Fault: No sound"));  // not sent yet: no class to show
}

}  // namespace
