#pragma once
// The menu in the running box: remote keys go to the menu first (MENU or
// HELP opens it; while it is open it takes every key), and what it does not
// take goes down to the subtitle bar (BACK/EXIT dismiss a crawl). While the
// menu is open the bar shows only emergencies. The menu is told what the box
// knows (stb/box_status.h): an active outage covering the box (from the held
// notices), the service directory of its area, the viewer's languages. A confirmed report
// goes to the host's report handler, which answers with onReportAccepted or
// onReportQueued.
//
// Return visits: the host names the tickets whose question is due (resolved,
// not answered yet); the controller asks about one of them at the next calm
// moment (stb/menu/calm_moment.h), each at most once while it runs, and
// hands the answer to the host's return-visit handler.
#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "stb/bar_under_menu.h"
#include "stb/box_status.h"
#include "stb/menu/menu.h"
#include "stb/ports/log.h"
#include "stb/ports/menu_output.h"

namespace stb::menu {

class MenuController {
 public:
  using ReportHandler = std::function<void(const ReportRequest&)>;
  using ReturnVisitHandler = std::function<void(const ReturnVisitAnswer&)>;

  // BOX and BAR are read and driven for as long as this lives (stbd: both
  // the Daemon).
  MenuController(const BoxStatus& box, BarUnderMenu& bar, MenuOutput& output, Log& log,
                 MenuConfig config);

  void setReportHandler(ReportHandler h) { on_report_ = std::move(h); }
  void setReturnVisitHandler(ReturnVisitHandler h) { on_return_visit_ = std::move(h); }

  // A key from the remote at monotonic NOW_MS.
  void onKey(RemoteKey key, int64_t now_ms);
  // The menu's timeout and the return-visit question; call on every turn
  // of the loop.
  void tick(int64_t now_ms);
  // Tickets whose return-visit question is due, oldest first (replaces the
  // earlier list). A ticket already asked while this controller runs is
  // not asked again: the viewer who closed the question is left in peace
  // until the box restarts.
  void setReturnVisitsDue(std::vector<std::string> tickets);
  // Whether the box may put its own question on screen at NOW_MS.
  bool calmAt(int64_t now_ms) const;
  // Draws the menu again after the host changed it (a report's answer).
  void redraw();

  Menu& menu() { return menu_; }
  bool isOpen() const { return menu_.isOpen(); }

 private:
  void refreshFacts();
  void apply(const Action& action);
  void askDueReturnVisit(int64_t now_ms);

  const BoxStatus& box_;
  BarUnderMenu& bar_;
  MenuOutput& output_;
  Log& log_;
  Menu menu_;
  ReportHandler on_report_;
  ReturnVisitHandler on_return_visit_;
  std::vector<std::string> return_visits_due_;
  std::set<std::string> asked_;
  // The last key, or the first time the controller was told the time (the
  // box's start): the quiet period counts from here.
  std::optional<int64_t> quiet_since_ms_;
};

// The held outage that covers the box now, as the menu words it ("06:00",
// the local end time), if any.
std::optional<KnownOutage> knownOutage(const BoxStatus& box);

}  // namespace stb::menu
