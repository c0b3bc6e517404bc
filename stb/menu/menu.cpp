#include "stb/menu/menu.h"

#include <algorithm>

namespace stb::menu {

namespace {

constexpr size_t kMinCallbackDigits = 5;
constexpr size_t kMaxCallbackDigits = 20;
// The known-outage page's rows: "Yes" (report anyway), "No" (go back).
constexpr int kOutageYes = 0;
constexpr int kOutageNo = 1;

constexpr Msg kCategoryMsg[kCategoryCount] = {
    Msg::kCatNoPicture,
    Msg::kCatMosaic,
    Msg::kCatNoSound,
    Msg::kCatChannelsMissing,
    Msg::kCatSmartcard,
    Msg::kCatBoxFault,
    Msg::kCatRemote,
    Msg::kCatBilling,
    Msg::kCatOther,
    Msg::kCatNewInstallation,
    Msg::kCatServiceRestoration,
    Msg::kCatComplaint,
};
constexpr Msg kCharterMsg[5] = {Msg::kCharterGeneralFault, Msg::kCharterMajorFault,
                                Msg::kCharterNewInstallation, Msg::kCharterServiceRestoration,
                                Msg::kCharterComplaint};
constexpr Msg kVisitMsg[4] = {Msg::kVisitMorning, Msg::kVisitAfternoon, Msg::kVisitEvening,
                              Msg::kVisitAnyTime};
// Every kind of request the charter promises a deadline for is one row
// away: a viewer looking for "complaint" finds it without opening a
// submenu, and OK on the first row still starts a fault report.
constexpr Msg kMainRows[] = {
    Msg::kMainReport,    Msg::kMainNewInstallation, Msg::kMainRestoreService, Msg::kMainComplaint,
    Msg::kMainMyReports, Msg::kMainServiceInfo,     Msg::kMainClose};
constexpr int kMainRowCount = static_cast<int>(sizeof kMainRows / sizeof kMainRows[0]);
// The main menu's rows by what they do.
constexpr int kMainFault = 0;
constexpr int kMainMyReports = 4;
constexpr int kMainServiceInfo = 5;
// The score page lists the best score first.
constexpr Msg kScoreRows[5] = {Msg::kScore5, Msg::kScore4, Msg::kScore3, Msg::kScore2,
                               Msg::kScore1};

stb::MenuRow menuRow(std::string text, std::string tag = "", bool warning = false) {
  return stb::MenuRow{std::move(text), std::move(tag), warning};
}

bool isDigit(Key k) {
  return k >= Key::kDigit0 && k <= Key::kDigit9;
}

}  // namespace

Key digitKey(int d) {
  return static_cast<Key>(static_cast<int>(Key::kDigit0) + std::clamp(d, 0, 9));
}

Menu::Menu(MenuConfig config) : config_(std::move(config)) {
  language_ = chooseLanguage(config_.languages);
}

void Menu::setLanguages(const std::vector<std::string>& preferred) {
  config_.languages = preferred;
  language_ = chooseLanguage(preferred);
}

void Menu::setReports(std::vector<ReportSummary> reports) {
  reports_ = std::move(reports);
  int& s = selected_[static_cast<size_t>(Page::kReports)];
  s = std::clamp(s, 0, std::max(0, static_cast<int>(reports_.size()) - 1));
  if (page_ == Page::kReportDetail && reports_.empty()) page_ = Page::kReports;
}

int Menu::rowCount() const {
  switch (page_) {
    case Page::kMain:
      return kMainRowCount;
    case Page::kOutage:
    case Page::kReturnFixed:
      return 2;
    case Page::kCategory:
      return kFaultKindCount;
    case Page::kVisit:
      return 4;
    case Page::kReports:
      return static_cast<int>(reports_.size());
    case Page::kReturnScore:
      return 5;
    default:
      return 0;
  }
}

void Menu::go(Page page) {
  page_ = page;
  callback_error_ = false;
  score_error_ = false;
}

void Menu::close() {
  go(Page::kClosed);
}

Action Menu::handleKey(Key key, int64_t now_ms) {
  Action a;
  if (!isOpen()) {
    if (key != config_.open_key) return a;
    selected_[static_cast<size_t>(Page::kMain)] = 0;
    go(Page::kMain);
    last_activity_ms_ = now_ms;
    restart_timer_ = false;
    a.consumed = a.view_changed = true;
    return a;
  }
  // While open the menu owns the remote.
  a.consumed = true;
  last_activity_ms_ = now_ms;
  restart_timer_ = false;
  const stb::MenuView before = view();
  const int rows = rowCount();
  switch (key) {
    case Key::kExit:
      close();
      break;
    case Key::kMenu:
    case Key::kHelp:
      // The open key goes home; a report being sent stays on its page.
      if (key == config_.open_key && page_ != Page::kSending) go(Page::kMain);
      break;
    case Key::kBack:
      back();
      break;
    case Key::kUp:
      if (rows > 0 && sel() > 0) --sel();
      break;
    case Key::kDown:
      if (rows > 0 && sel() < rows - 1) ++sel();
      break;
    case Key::kLeft:
      if (page_ == Page::kCallback && !callback_.empty()) {
        callback_.pop_back();
        callback_error_ = false;
      }
      break;
    case Key::kRight:
      break;
    case Key::kOk:
      activate(a);
      break;
    default:
      if (isDigit(key)) onDigit(static_cast<int>(key) - static_cast<int>(Key::kDigit0), a);
      break;
  }
  a.view_changed = view() != before;
  return a;
}

Action Menu::tick(int64_t now_ms) {
  Action a;
  if (restart_timer_) {
    last_activity_ms_ = now_ms;
    restart_timer_ = false;
  }
  if (!isOpen() || page_ == Page::kSending) return a;
  if (now_ms - last_activity_ms_ >= config_.timeout_ms) {
    close();
    a.view_changed = true;
  }
  return a;
}

void Menu::back() {
  switch (page_) {
    case Page::kMain:
    case Page::kReturnFixed:
    case Page::kReturnThanks:
      close();
      break;
    case Page::kOutage:
    case Page::kResult:
    case Page::kReports:
    case Page::kServiceInfo:
      go(Page::kMain);
      break;
    case Page::kCategory:
      go(outage_shown_ ? Page::kOutage : Page::kMain);
      break;
    case Page::kCallback:
      go(isFault(category_) ? Page::kCategory : Page::kMain);
      break;
    case Page::kVisit:
      go(Page::kCallback);
      break;
    case Page::kConfirm:
      go(category_ == Category::kComplaint ? Page::kCallback : Page::kVisit);
      break;
    case Page::kReportDetail:
      go(Page::kReports);
      break;
    case Page::kReturnScore:
      go(Page::kReturnFixed);
      break;
    case Page::kSending:  // the report is on its way; only EXIT leaves
    case Page::kClosed:
      break;
  }
}

void Menu::startDraft(Category category) {
  category_ = category;
  callback_.clear();
  visit_ = VisitPeriod::kAnyTime;
  sent_ = false;
  selected_[static_cast<size_t>(Page::kCategory)] = 0;
  selected_[static_cast<size_t>(Page::kVisit)] = 0;
  go(isFault(category) ? Page::kCategory : Page::kCallback);
}

void Menu::activate(Action& a) {
  switch (page_) {
    case Page::kMain:
      switch (sel()) {
        case kMainFault:
          if (outage_) {
            outage_shown_ = true;
            // The safe answer first: OK alone must not file the duplicate
            // this page is here to prevent.
            selected_[static_cast<size_t>(Page::kOutage)] = kOutageNo;
            go(Page::kOutage);
          } else {
            outage_shown_ = false;
            startDraft(Category::kNoPicture);
          }
          break;
        case kMainFault + 1:
        case kMainFault + 2:
        case kMainFault + 3:
          // Not faults: a known outage is no reason to hold them back.
          outage_shown_ = false;
          startDraft(static_cast<Category>(kFaultKindCount + sel() - kMainFault - 1));
          break;
        case kMainMyReports:
          selected_[static_cast<size_t>(Page::kReports)] = 0;
          go(Page::kReports);
          break;
        case kMainServiceInfo:
          go(Page::kServiceInfo);
          break;
        default:
          close();
          break;
      }
      break;
    case Page::kOutage:
      if (sel() == kOutageYes) {
        startDraft(Category::kNoPicture);
      } else {
        go(Page::kMain);
      }
      break;
    case Page::kCategory:
      category_ = static_cast<Category>(sel());
      go(Page::kCallback);
      break;
    case Page::kCallback:
      if (callback_.empty() ||
          (callback_.size() >= kMinCallbackDigits && callback_.size() <= kMaxCallbackDigits)) {
        // A complaint is answered by phone or letter: no visit to arrange.
        go(category_ == Category::kComplaint ? Page::kConfirm : Page::kVisit);
      } else {
        callback_error_ = true;
      }
      break;
    case Page::kVisit:
      visit_ = static_cast<VisitPeriod>(sel());
      go(Page::kConfirm);
      break;
    case Page::kConfirm:
      if (!sent_) {
        sent_ = true;
        a.report = ReportRequest{category_, config_.severity.of(category_), callback_, visit_};
        go(Page::kSending);
      }
      break;
    case Page::kResult:
      go(Page::kMain);
      break;
    case Page::kReports:
      if (!reports_.empty()) go(Page::kReportDetail);
      break;
    case Page::kReportDetail:
      go(Page::kReports);
      break;
    case Page::kServiceInfo:
      go(Page::kMain);
      break;
    case Page::kReturnFixed:
      return_fixed_ = sel() == 0;
      selected_[static_cast<size_t>(Page::kReturnScore)] = 0;
      go(Page::kReturnScore);
      break;
    case Page::kReturnScore:
      a.return_visit = ReturnVisitAnswer{return_ticket_, return_fixed_, 5 - sel()};
      go(Page::kReturnThanks);
      break;
    case Page::kReturnThanks:
      close();
      break;
    case Page::kSending:
    case Page::kClosed:
      break;
  }
}

void Menu::onDigit(int d, Action& a) {
  if (page_ == Page::kCallback) {
    if (callback_.size() < kMaxCallbackDigits) {
      callback_ += static_cast<char>('0' + d);
      callback_error_ = false;
    } else {
      callback_error_ = true;
    }
  } else if (page_ == Page::kReturnScore) {
    if (d >= 1 && d <= 5) {
      a.return_visit = ReturnVisitAnswer{return_ticket_, return_fixed_, d};
      go(Page::kReturnThanks);
    } else {
      score_error_ = true;
    }
  }
}

bool Menu::onReportAccepted(const std::string& ticket, const std::string& deadline_text,
                            const std::string& hotline, std::optional<Severity> severity,
                            std::optional<CharterCategory> charter) {
  if (page_ != Page::kSending) return false;
  accepted_ = true;
  ticket_ = ticket;
  deadline_ = deadline_text;
  hotline_ = hotline;
  severity_ = severity;
  charter_ = charter;
  go(Page::kResult);
  restart_timer_ = true;
  return true;
}

bool Menu::onReportQueued(const std::string& hotline) {
  if (page_ != Page::kSending) return false;
  accepted_ = false;
  ticket_.clear();
  deadline_.clear();
  hotline_ = hotline;
  go(Page::kResult);
  restart_timer_ = true;
  return true;
}

bool Menu::askReturnVisit(const std::string& ticket, int64_t now_ms) {
  if (isOpen()) return false;
  return_ticket_ = ticket;
  return_fixed_ = false;
  selected_[static_cast<size_t>(Page::kReturnFixed)] = 0;
  go(Page::kReturnFixed);
  last_activity_ms_ = now_ms;
  restart_timer_ = false;
  return true;
}

// ---------------------------------------------------------------------------
// Wording

std::string Menu::categoryText(Category c) const {
  return t(kCategoryMsg[static_cast<size_t>(c)]);
}

std::string Menu::severityText(Severity s) const {
  return t(s == Severity::kMajor ? Msg::kSeverityMajor : Msg::kSeverityGeneral);
}

std::string Menu::faultLine(Category c, std::optional<Severity> s) const {
  if (!s) return f(Msg::kFaultLine, {{"category", categoryText(c)}});
  return f(Msg::kConfirmFault, {{"category", categoryText(c)}, {"severity", severityText(*s)}});
}

std::string Menu::requestLine(Category c, std::optional<Severity> s) const {
  if (isFault(c)) return faultLine(c, s);
  return f(Msg::kRequestLine, {{"category", categoryText(c)}});
}

void Menu::addFiledAs(std::vector<std::string>& body, Category c, std::optional<Severity> s,
                      std::optional<CharterCategory> charter, const std::string& deadline) const {
  // The charter's category says general or major already, and a request
  // filed as itself ("complaint" as a complaint) needs saying once.
  const bool own =
      charter && !isFault(c) &&
      static_cast<int>(*charter) - static_cast<int>(CharterCategory::kNewInstallation) ==
          static_cast<int>(c) - static_cast<int>(Category::kNewInstallation);
  if (!own) body.push_back(requestLine(c, charter ? std::nullopt : s));
  if (charter)
    body.push_back(
        f(Msg::kCharterLine, {{"charter", t(kCharterMsg[static_cast<size_t>(*charter)])}}));
  if (deadline.empty()) return;
  Msg due = Msg::kDeadlineLine;  // a fault: fixed by
  if (c == Category::kNewInstallation) due = Msg::kDeadlineInstalled;
  if (c == Category::kServiceRestoration) due = Msg::kDeadlineRestored;
  if (c == Category::kComplaint) due = Msg::kDeadlineAnswered;
  body.push_back(f(due, {{"deadline", deadline}}));
}

std::string Menu::visitText(VisitPeriod v) const {
  return t(kVisitMsg[static_cast<size_t>(v)]);
}

std::string Menu::statusText(ReportStatus s) const {
  switch (s) {
    case ReportStatus::kWaitingToSend:
      return t(Msg::kStatusWaitingToSend);
    case ReportStatus::kSent:
      return t(Msg::kStatusSent);
    case ReportStatus::kAccepted:
      return t(Msg::kStatusAccepted);
    case ReportStatus::kTechnicianAssigned:
      return t(Msg::kStatusTechnicianAssigned);
    case ReportStatus::kResolved:
      return t(Msg::kStatusResolved);
    case ReportStatus::kClosed:
      return t(Msg::kStatusClosed);
  }
  return "";
}

std::string Menu::ticketText(const std::string& ticket) const {
  return ticket.empty() ? t(Msg::kReportsNoTicket) : ticket;
}

std::string Menu::orNotAvailable(const std::string& v) const {
  return v.empty() ? t(Msg::kNotAvailable) : v;
}

stb::MenuView Menu::view() const {
  stb::MenuView v;
  if (!isOpen()) return v;
  v.footer = t(Msg::kFooterList);
  fillPage(v);
  const bool about_reports = page_ == Page::kConfirm || page_ == Page::kResult ||
                             page_ == Page::kReports || page_ == Page::kReportDetail;
  if (storage_warning_ && about_reports) {
    v.accent = stb::MenuView::Accent::kWarning;
    v.body.push_back(t(Msg::kStorageWarning));
  }
  if (!v.rows.empty()) v.selected = sel();
  return v;
}

void Menu::fillPage(stb::MenuView& v) const {
  switch (page_) {
    case Page::kMain:
      return fillMain(v);
    case Page::kOutage:
      return fillOutage(v);
    case Page::kCategory:
      return fillCategory(v);
    case Page::kCallback:
      return fillCallback(v);
    case Page::kVisit:
      return fillVisit(v);
    case Page::kConfirm:
      return fillConfirm(v);
    case Page::kSending:
      return fillSending(v);
    case Page::kResult:
      return fillResult(v);
    case Page::kReports:
      return fillReports(v);
    case Page::kReportDetail:
      return fillReportDetail(v);
    case Page::kServiceInfo:
      return fillServiceInfo(v);
    case Page::kReturnFixed:
      return fillReturnFixed(v);
    case Page::kReturnScore:
      return fillReturnScore(v);
    case Page::kReturnThanks:
      return fillReturnThanks(v);
    case Page::kClosed:
      return;
  }
}

void Menu::fillMain(stb::MenuView& v) const {
  v.title = t(Msg::kMainTitle);
  for (Msg m : kMainRows) v.rows.push_back(menuRow(t(m)));
  v.footer = t(Msg::kFooterMain);
}

void Menu::fillOutage(stb::MenuView& v) const {
  v.accent = stb::MenuView::Accent::kWarning;
  v.title = t(Msg::kOutageTitle);
  v.body = {f(Msg::kOutageBody, {{"until", outage_ ? outage_->until_text : ""}}),
            t(Msg::kOutageAsk)};
  v.rows = {menuRow(t(Msg::kYes)), menuRow(t(Msg::kNo))};
}

void Menu::fillCategory(stb::MenuView& v) const {
  v.title = t(Msg::kCategoryTitle);
  for (int i = 0; i < kFaultKindCount; ++i) {
    const Severity s = config_.severity.of(static_cast<Category>(i));
    const bool shown = config_.severity.shown;
    v.rows.push_back(menuRow(categoryText(static_cast<Category>(i)), shown ? severityText(s) : "",
                             shown && s == Severity::kMajor));
  }
}

void Menu::fillCallback(stb::MenuView& v) const {
  v.title = t(Msg::kCallbackTitle);
  v.body = {t(Msg::kCallbackPrompt)};
  v.input = stb::MenuInput{t(Msg::kCallbackLabel), callback_};
  if (callback_error_) v.error = t(Msg::kCallbackError);
  v.footer = t(Msg::kFooterInput);
}

void Menu::fillVisit(stb::MenuView& v) const {
  v.title = t(Msg::kVisitTitle);
  for (Msg m : kVisitMsg) v.rows.push_back(menuRow(t(m)));
}

void Menu::fillConfirm(stb::MenuView& v) const {
  v.title = t(isFault(category_) ? Msg::kConfirmTitle : Msg::kConfirmRequestTitle);
  v.body.push_back(requestLine(
      category_, config_.severity.shown ? std::optional<Severity>(config_.severity.of(category_))
                                        : std::nullopt));
  v.body.push_back(f(Msg::kConfirmCallback,
                     {{"callback", callback_.empty() ? t(Msg::kConfirmNoCallback) : callback_}}));
  if (category_ != Category::kComplaint)
    v.body.push_back(f(Msg::kConfirmVisit, {{"visit", visitText(visit_)}}));
  // The report carries the box's readings either way; only a fault is
  // fixed faster for them.
  v.body.push_back(t(isFault(category_) ? Msg::kConfirmDiagnostics : Msg::kConfirmBoxData));
  v.body.push_back(t(Msg::kConfirmPrompt));
  v.footer = t(Msg::kFooterConfirm);
}

void Menu::fillSending(stb::MenuView& v) const {
  v.title = t(Msg::kSendingTitle);
  v.body = {t(Msg::kSendingBody)};
  v.footer = t(Msg::kFooterSending);
}

void Menu::fillResult(stb::MenuView& v) const {
  if (accepted_) {
    v.title = t(isFault(category_) ? Msg::kAcceptedTitle : Msg::kRequestAcceptedTitle);
    v.body.push_back(f(Msg::kTicketLine, {{"ticket", ticket_}}));
    // What the ticket was filed as and its deadline, as the answer has them.
    addFiledAs(v.body, category_, severity_, charter_, deadline_);
    if (!hotline_.empty()) v.body.push_back(f(Msg::kHotlineLine, {{"hotline", hotline_}}));
  } else {
    v.accent = stb::MenuView::Accent::kWarning;
    v.title = t(Msg::kQueuedTitle);
    v.body.push_back(t(Msg::kQueuedBody));
    if (!hotline_.empty()) v.body.push_back(f(Msg::kQueuedCall, {{"hotline", hotline_}}));
  }
  v.footer = t(Msg::kFooterResult);
}

void Menu::fillReports(stb::MenuView& v) const {
  v.title = t(Msg::kReportsTitle);
  if (reports_.empty()) {
    v.body = {t(Msg::kReportsEmpty)};
    v.footer = t(Msg::kFooterInfo);
  }
  for (const ReportSummary& r : reports_) {
    v.rows.push_back(menuRow(f(Msg::kReportRow, {{"ticket", ticketText(r.ticket)},
                                                 {"category", categoryText(r.category)}}),
                             statusText(r.status), r.status == ReportStatus::kWaitingToSend));
  }
}

void Menu::fillReportDetail(stb::MenuView& v) const {
  const ReportSummary& r =
      reports_[static_cast<size_t>(selected_[static_cast<size_t>(Page::kReports)])];
  v.title = f(Msg::kReportDetailTitle, {{"ticket", ticketText(r.ticket)}});
  addFiledAs(v.body, r.category, r.severity, r.charter, r.deadline_text);
  v.body.push_back(f(Msg::kStatusLine, {{"status", statusText(r.status)}}));
  v.footer = t(Msg::kFooterInfo);
}

void Menu::fillServiceInfo(stb::MenuView& v) const {
  const ServiceInfo& s = service_info_;
  v.title = t(Msg::kMainServiceInfo);
  v.body = {
      f(Msg::kInfoHotline, {{"value", orNotAvailable(s.hotline)}}),
      f(Msg::kInfoSupervision, {{"value", orNotAvailable(s.supervision)}}),
      f(Msg::kInfoOffice, {{"value", orNotAvailable(s.office_address)}}),
      f(Msg::kInfoOfficePhone, {{"value", orNotAvailable(s.office_phone)}}),
      f(Msg::kInfoTechnician, {{"value", orNotAvailable(s.technician_name)}}),
      f(Msg::kInfoTechnicianStaff, {{"value", orNotAvailable(s.technician_staff_number)}}),
  };
  v.footer = t(Msg::kFooterInfo);
}

void Menu::fillReturnFixed(stb::MenuView& v) const {
  v.title = f(Msg::kReturnTitle, {{"ticket", return_ticket_}});
  v.body = {t(Msg::kReturnFixedQuestion)};
  v.rows = {menuRow(t(Msg::kYes)), menuRow(t(Msg::kNo))};
}

void Menu::fillReturnScore(stb::MenuView& v) const {
  v.title = f(Msg::kReturnTitle, {{"ticket", return_ticket_}});
  v.body = {t(Msg::kReturnScoreQuestion)};
  if (score_error_) v.error = t(Msg::kScoreError);
  for (Msg m : kScoreRows) v.rows.push_back(menuRow(t(m)));
  v.footer = t(Msg::kFooterScore);
}

void Menu::fillReturnThanks(stb::MenuView& v) const {
  v.title = t(Msg::kReturnThanksTitle);
  v.body = {t(Msg::kReturnThanksBody)};
  v.footer = t(Msg::kFooterSending);
}

}  // namespace stb::menu
