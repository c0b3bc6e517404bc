#pragma once
// The viewer's menu as a pure state machine: remote-control keys in, a view
// model (stb::MenuView) and actions for the host out. No DirectFB, no
// clock, no I/O: time is passed in (milliseconds on any monotonic scale),
// and everything the menu shows about the world (known outage, reports,
// service directory) is set by the host.
//
// Pages: main menu -> report a fault (known outage? -> category -> callback
// number -> visit period -> confirm -> sending -> result); a new
// installation, restoring a service (callback number -> visit period ->
// confirm -> ...) and a complaint (callback number -> confirm -> ...), each
// a row of the main menu; my reports (-> one report), service info; and the
// return-visit questions the host asks for. OK selects, BACK goes back one page, EXIT closes from
// anywhere, an untouched menu closes after a timeout.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "stb/catalogue.h"
#include "stb/ports/menu_view.h"
#include "stb/ports/remote_key.h"
#include "stb/ports/request_kinds.h"

namespace stb::menu {

// The remote's keys (stb/ports/remote_key.h); the menu uses the arrows, OK,
// BACK, EXIT, MENU/HELP and the digits, and ignores the rest.
using Key = RemoteKey;
// kDigit0 + D for D in 0..9.
Key digitKey(int d);

// The requests the menu offers are the API's (stb/ports/request_kinds.h):
// stb::Category, stb::categoryCode(), ...
using stb::Category;
using stb::CharterCategory;

// General faults are fixed within 24 h, major ones within 72 h; which is
// which is the operator's decision.
enum class Severity { kGeneral, kMajor };

struct SeverityPolicy {
  std::array<Severity, kCategoryCount> by_category{};  // all general by default
  // False: the box does not know the operator's classes, so the category
  // and confirm pages show none (a guess could disagree with the ticket);
  // the result page and My reports show the central system's answer.
  bool shown = true;
  Severity of(Category c) const { return by_category[static_cast<size_t>(c)]; }
};

enum class VisitPeriod { kMorning, kAfternoon, kEvening, kAnyTime };

// What the viewer asked for; the host adds the box's diagnostics and area.
struct ReportRequest {
  Category category = Category::kOther;
  Severity severity = Severity::kGeneral;
  std::string callback;  // digits only, 5-20 of them, or empty
  VisitPeriod visit = VisitPeriod::kAnyTime;
};

struct ReturnVisitAnswer {
  std::string ticket;
  bool fixed = false;
  int score = 0;  // 1 (very dissatisfied) to 5 (very satisfied)
};

// What a key (or the timeout) did.
struct Action {
  bool consumed = false;                // the menu used the key; otherwise it is the host's
  bool view_changed = false;            // draw view() again, or hide the panel when !isOpen()
  std::optional<ReportRequest> report;  // post it, then onReportAccepted/Queued
  std::optional<ReturnVisitAnswer> return_visit;  // post it
};

struct KnownOutage {
  std::string until_text;  // local time the service is expected back, e.g. "06:00"
};

enum class ReportStatus {
  kWaitingToSend,
  kSent,
  kAccepted,
  kTechnicianAssigned,
  kResolved,
  kClosed
};

struct ReportSummary {
  std::string ticket;  // empty while not yet accepted
  Category category = Category::kOther;
  ReportStatus status = ReportStatus::kWaitingToSend;
  std::string deadline_text;                 // empty when none is committed yet
  std::optional<Severity> severity{};        // as the central system answered; none yet
  std::optional<CharterCategory> charter{};  // the same; none yet, or none the box knows
};

// From the signed service directory for the box's area; empty fields are
// shown as "not available".
struct ServiceInfo {
  std::string hotline;
  std::string supervision;
  std::string office_address;
  std::string office_phone;
  std::string technician_name;
  std::string technician_staff_number;
};

struct MenuConfig {
  Key open_key = Key::kMenu;  // kMenu or kHelp
  int64_t timeout_ms = 60000;
  std::vector<std::string> languages = {"eng"};  // the box's preference list
  SeverityPolicy severity;
};

class Menu {
 public:
  enum class Page {
    kClosed,
    kMain,
    kOutage,
    kCategory,
    kCallback,
    kVisit,
    kConfirm,
    kSending,
    kResult,
    kReports,
    kReportDetail,
    kServiceInfo,
    kReturnFixed,
    kReturnScore,
    kReturnThanks,
  };

  explicit Menu(MenuConfig config = {});

  Action handleKey(Key key, int64_t now_ms);
  // Closes a menu left untouched for the timeout (never while sending).
  Action tick(int64_t now_ms);

  bool isOpen() const { return page_ != Page::kClosed; }
  Page page() const { return page_; }
  Language language() const { return language_; }
  // The view of the current page; empty when closed.
  stb::MenuView view() const;

  // Host-side facts.
  void setLanguages(const std::vector<std::string>& preferred);
  void setSeverityPolicy(const SeverityPolicy& policy) { config_.severity = policy; }
  void setKnownOutage(std::optional<KnownOutage> outage) { outage_ = std::move(outage); }
  void setReports(std::vector<ReportSummary> reports);
  void setServiceInfo(ServiceInfo info) { service_info_ = std::move(info); }
  // The box's flash is unusable: reports would not survive a power cut, and
  // the pages about reports say so.
  void setStorageWarning(bool on) { storage_warning_ = on; }

  // The answer to the ReportRequest last emitted. Shown only while the
  // "sending" page is up; false (and nothing shown) otherwise.
  // SEVERITY and CHARTER: the ticket's category of fault and the charter's
  // category of the deadline, as the central system answered (none: it did
  // not say, or said nothing the box knows, and nothing is shown for it).
  bool onReportAccepted(const std::string& ticket, const std::string& deadline_text,
                        const std::string& hotline, std::optional<Severity> severity = std::nullopt,
                        std::optional<CharterCategory> charter = std::nullopt);
  // No return path or the central system is down: kept and sent later.
  bool onReportQueued(const std::string& hotline);

  // Opens the return-visit questions for TICKET. The host calls this only
  // when the moment is calm; refused (false) while the menu is open.
  bool askReturnVisit(const std::string& ticket, int64_t now_ms);

 private:
  std::string t(Msg id) const { return text(language_, id); }
  std::string f(Msg id, const Args& args) const { return format(language_, id, args); }
  int& sel() { return selected_[static_cast<size_t>(page_)]; }
  int sel() const { return selected_[static_cast<size_t>(page_)]; }
  int rowCount() const;
  void go(Page page);
  void close();
  void back();
  // A new report of CATEGORY (a fault's kind is chosen on its page).
  void startDraft(Category category);
  void activate(Action& a);
  void onDigit(int d, Action& a);
  std::string categoryText(Category c) const;
  std::string severityText(Severity s) const;
  // "Fault: CATEGORY (SEVERITY)", or without the severity when unknown.
  std::string faultLine(Category c, std::optional<Severity> s) const;
  // A fault's line, or "Request: CATEGORY" for the others.
  std::string requestLine(Category c, std::optional<Severity> s) const;
  // What a report was filed as, then when it is due: the charter's category
  // (when known; then the fault line leaves its severity out) and the
  // deadline in words that fit the request.
  void addFiledAs(std::vector<std::string>& body, Category c, std::optional<Severity> s,
                  std::optional<CharterCategory> charter, const std::string& deadline) const;
  std::string visitText(VisitPeriod v) const;
  std::string statusText(ReportStatus s) const;
  std::string ticketText(const std::string& ticket) const;
  std::string orNotAvailable(const std::string& v) const;
  // view(): each page's title, body, rows and footer.
  void fillPage(stb::MenuView& v) const;
  void fillMain(stb::MenuView& v) const;
  void fillOutage(stb::MenuView& v) const;
  void fillCategory(stb::MenuView& v) const;
  void fillCallback(stb::MenuView& v) const;
  void fillVisit(stb::MenuView& v) const;
  void fillConfirm(stb::MenuView& v) const;
  void fillSending(stb::MenuView& v) const;
  void fillResult(stb::MenuView& v) const;
  void fillReports(stb::MenuView& v) const;
  void fillReportDetail(stb::MenuView& v) const;
  void fillServiceInfo(stb::MenuView& v) const;
  void fillReturnFixed(stb::MenuView& v) const;
  void fillReturnScore(stb::MenuView& v) const;
  void fillReturnThanks(stb::MenuView& v) const;

  MenuConfig config_;
  Language language_ = Language::kEng;
  Page page_ = Page::kClosed;
  std::array<int, 15> selected_{};
  int64_t last_activity_ms_ = 0;
  bool restart_timer_ = false;  // a host answer came in; the next tick restarts the timeout

  std::optional<KnownOutage> outage_;
  bool outage_shown_ = false;  // this report went through the outage question
  std::vector<ReportSummary> reports_;
  ServiceInfo service_info_;
  bool storage_warning_ = false;

  // The report being written.
  Category category_ = Category::kNoPicture;
  std::string callback_;
  bool callback_error_ = false;
  VisitPeriod visit_ = VisitPeriod::kAnyTime;
  bool sent_ = false;  // the ReportRequest for this draft has been emitted

  // The result page.
  bool accepted_ = false;
  std::string ticket_;
  std::string deadline_;
  std::string hotline_;
  std::optional<Severity> severity_;  // from the answer
  std::optional<CharterCategory> charter_;

  // The return visit.
  std::string return_ticket_;
  bool return_fixed_ = false;
  bool score_error_ = false;
};

}  // namespace stb::menu
