#pragma once
// The service desk's web console (docs/central-api.md "Console"): plain
// server-rendered pages under /console/ in Chinese, Spanish and English,
// working without JavaScript. Staff log in (tools/staff), get a session
// with expiry and a CSRF token (tools/web/sessions.h), and every page and
// action is checked against their role (permissions.h). The tickets come
// from the TicketStore, the areas from the areas file.
//
// Thread-safe: the HTTP server calls handle() from its threads; the store
// is used under one lock (scrypt at login runs outside it).
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "tools/staff/login_flow.h"
#include "tools/staff/login_gate.h"
#include "tools/stb-central/console/permissions.h"
#include "tools/stb-central/incident_notice.h"
#include "tools/stb-central/ticket_store.h"
#include "tools/web/form.h"
#include "tools/web/sessions.h"
#include "tools/web/web_types.h"

namespace tools::central {

class ServiceAreas;

struct ConsoleOptions {
  web::SessionLimits sessions;
  // The service areas (serve --areas), outliving the console; nullptr when none.
  const ServiceAreas* areas = nullptr;
  // The operator's local time on the pages (the policy's utc_offset_minutes,
  // as the boxes show their deadlines); the dashboard's days are local too.
  int utc_offset_minutes = 0;
  // Failed logins of one account before it is refused for kThrottleSeconds.
  int max_failed_logins = 5;
  // The outage notice a confirmed incident puts on air (serve
  // --outage-spool, --outage-signing-key); no publisher: none.
  OutageNoticeSettings outage;
};

class Console {
 public:
  using Clock = std::function<UtcSeconds()>;
  static constexpr const char* kRoot = "/console/";
  static constexpr int64_t kThrottleSeconds = staff::LoginGate::kThrottleSeconds;

  // STORE and STAFF are the console's own connections (not serve's).
  Console(TicketStore& store, StaffStore& staff, ConsoleOptions options, Clock clock);
  web::Response handle(const web::Request& request);

  // One request being answered (the page files use it).
  struct Visit {
    const web::Request* request = nullptr;
    web::Form query;
    std::string lang;            // zho, spa, eng
    bool remember_lang = false;  // ?lang= given: set the cookie
    web::Session session;        // logged in
    StaffRole role = StaffRole::kWorker;
    UtcSeconds now = 0;
    int64_t utc_offset_seconds = 0;  // ConsoleOptions::utc_offset_minutes
    std::string t(const std::string& key) const;
  };

 private:
  web::Response route(Visit& v);
  // The form of a POST, once its CSRF token has been checked; nullopt after
  // filling *refusal.
  std::optional<web::Form> postedForm(Visit& v, web::Response* refusal);

  web::Response queuePage(Visit& v);
  web::Response ticketPage(Visit& v, const std::string& ticket);
  web::Response ticketAction(Visit& v, const std::string& ticket, const std::string& action);
  web::Response returnVisitsPage(Visit& v);
  web::Response dashboardPage(Visit& v, bool csv);
  web::Response areasPage(Visit& v);
  // console_incidents.cpp. FAILED: why a move was refused, shown on the page.
  web::Response incidentsPage(Visit& v);
  web::Response incidentPage(Visit& v, int64_t id, int status = 200,
                             const std::string& failed = "");
  web::Response incidentAction(Visit& v, int64_t id, const std::string& action);
  // "3601 Nanchang Donghu", or the code alone when the areas file has none.
  std::string areaName(const std::string& code) const;
  // The queue's area filter: a list of the areas when there are some.
  std::string areaInput(const Visit& v, const std::string& area) const;

  // The page in the layout, with the navigation for V's role; NAV the
  // current item ("nav.queue", ...).
  web::Response page(const Visit& v, int status, const std::string& title,
                     const std::string& content_html, const std::string& nav,
                     const std::string& notice = "", const std::string& error = "");
  web::Response errorPage(const Visit& v, int status, const std::string& key);
  std::string logoutForm(const Visit& v) const;
  // The workers one may assign to: staff with the worker role, by login.
  std::vector<StaffMember> workers();

  TicketStore& store_;
  StaffStore& staff_;
  ConsoleOptions options_;
  Clock clock_;
  web::SessionStore sessions_;
  std::mutex store_mu_;
  staff::LoginGate gate_;  // after store_mu_, which it uses
  staff::LoginFlow flow_;  // after sessions_ and gate_
};

// The adapter between the console and stb-central's HTTP server types lives
// in console_http.h.

}  // namespace tools::central
