#include "stb/menu/menu_controller.h"

#include <algorithm>
#include <cstdio>

#include "stb/menu/calm_moment.h"

namespace stb::menu {

std::optional<KnownOutage> knownOutage(const BoxStatus& box) {
  const std::optional<dvb::UtcSeconds> now = box.utcNow();
  if (!now) return std::nullopt;
  // Held notices already target this box; an outage is "known" while it runs.
  std::optional<dvb::UtcSeconds> until;
  for (const auto& [id, held] : box.heldNotices()) {
    const dvb::notice::Notice& n = held.notice;
    if (n.kind != dvb::notice::NoticeKind::kUnplannedOutage || n.start > *now || n.end <= *now)
      continue;
    if (!until || n.end > *until) until = n.end;
  }
  if (!until) return std::nullopt;
  const int64_t local = *until + static_cast<int64_t>(box.localOffsetMinutes()) * 60;
  const int64_t minute_of_day = ((local % 86400) + 86400) % 86400 / 60;
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(minute_of_day / 60),
                static_cast<int>(minute_of_day % 60));
  return KnownOutage{text};
}

MenuController::MenuController(const BoxStatus& box, BarUnderMenu& bar, MenuOutput& output,
                               Log& log, MenuConfig config)
    : box_(box), bar_(bar), output_(output), log_(log), menu_(std::move(config)) {}

void MenuController::refreshFacts() {
  menu_.setKnownOutage(knownOutage(box_));
  ServiceInfo info;
  if (const auto& d = box_.directory()) {
    info.hotline = d->hotline;
    info.supervision = d->supervision_phone;
    info.office_phone = d->office_phone;
    info.office_address = d->office_address.utf8;
    info.technician_name = d->technician_name.utf8;
    info.technician_staff_number = d->technician_staff_no;
  }
  menu_.setServiceInfo(info);
}

void MenuController::onKey(RemoteKey key, int64_t now_ms) {
  quiet_since_ms_ = now_ms;
  if (!menu_.isOpen()) refreshFacts();
  const Action action = menu_.handleKey(key, now_ms);
  if (!action.consumed) {
    bar_.onKey(key);
    return;
  }
  apply(action);
}

void MenuController::tick(int64_t now_ms) {
  if (!quiet_since_ms_) quiet_since_ms_ = now_ms;
  apply(menu_.tick(now_ms));
  askDueReturnVisit(now_ms);
}

void MenuController::setReturnVisitsDue(std::vector<std::string> tickets) {
  return_visits_due_ = std::move(tickets);
}

bool MenuController::calmAt(int64_t now_ms) const {
  // Without the time the box cannot tell which crawl is due.
  if (!quiet_since_ms_ || !box_.utcNow()) return false;
  CalmFacts facts;
  facts.menu_open = menu_.isOpen();
  facts.crawl_on_screen = bar_.crawling();
  facts.next_crawl_ms = bar_.nextUpdateMs();
  facts.quiet_since_ms = *quiet_since_ms_;
  return isCalmMoment(facts, now_ms);
}

void MenuController::askDueReturnVisit(int64_t now_ms) {
  const auto due = std::find_if(return_visits_due_.begin(), return_visits_due_.end(),
                                [this](const std::string& t) { return !asked_.count(t); });
  if (due == return_visits_due_.end() || !calmAt(now_ms)) return;
  if (!menu_.askReturnVisit(*due, now_ms)) return;
  asked_.insert(*due);
  log_.info("menu: asking the viewer about ticket " + *due + " (resolved)");
  redraw();
}

void MenuController::redraw() {
  Action a;
  a.view_changed = true;
  apply(a);
}

void MenuController::apply(const Action& action) {
  if (action.view_changed) {
    if (menu_.isOpen()) {
      std::string error;
      if (!output_.show(menu_.view(), &error)) log_.error("menu: " + error);
    } else {
      output_.hide();
    }
    // The bar hides non-emergency crawls while the menu is open and is
    // redrawn when it closes.
    bar_.setMenuOpen(menu_.isOpen());
  }
  if (action.report) {
    log_.info("menu: the viewer confirmed a fault report");
    if (on_report_) {
      on_report_(*action.report);
    } else {
      menu_.onReportQueued("");
    }
  }
  if (action.return_visit && on_return_visit_) on_return_visit_(*action.return_visit);
}

}  // namespace stb::menu
