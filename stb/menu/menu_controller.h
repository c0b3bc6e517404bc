#pragma once
// The menu in the running box: remote keys go to the menu first (MENU or
// HELP opens it; while it is open it takes every key), and what it does not
// take goes to the daemon (BACK/EXIT dismiss a crawl). While the menu is
// open the daemon shows only emergencies. The menu is told what the box
// knows: an active outage covering the box (from the held notices), the
// service directory of its area, the viewer's languages. A confirmed report
// goes to the host's report handler, which answers with onReportAccepted or
// onReportQueued.
#include <cstdint>
#include <functional>
#include <string>

#include "stb/daemon.h"
#include "stb/log.h"
#include "stb/menu/menu.h"
#include "stb/menu/menu_output.h"

namespace stb::menu {

class MenuController {
 public:
  using ReportHandler = std::function<void(const ReportRequest&)>;
  using ReturnVisitHandler = std::function<void(const ReturnVisitAnswer&)>;

  MenuController(Daemon& daemon, MenuOutput& output, Log& log, MenuConfig config);

  void setReportHandler(ReportHandler h) { on_report_ = std::move(h); }
  void setReturnVisitHandler(ReturnVisitHandler h) { on_return_visit_ = std::move(h); }

  // A key from the remote at monotonic NOW_MS.
  void onKey(RemoteKey key, int64_t now_ms);
  // The menu's timeout; call on every turn of the loop.
  void tick(int64_t now_ms);
  // Draws the menu again after the host changed it (a report's answer).
  void redraw();

  Menu& menu() { return menu_; }
  bool isOpen() const { return menu_.isOpen(); }

 private:
  void refreshFacts();
  void apply(const Action& action);

  Daemon& daemon_;
  MenuOutput& output_;
  Log& log_;
  Menu menu_;
  ReportHandler on_report_;
  ReturnVisitHandler on_return_visit_;
};

// The held outage that covers the box now, as the menu words it ("06:00",
// the local end time), if any.
std::optional<KnownOutage> knownOutage(const Daemon& daemon, int fallback_offset_minutes);

}  // namespace stb::menu
