// The console's routes, logins, sessions and the page around every page.
#include "tools/stb-central/console/console.h"

#include "tools/stb-central/console/console_text.h"
#include "tools/stb-central/console/permissions.h"
#include "tools/stb-central/router.h"
#include "tools/web/html.h"
#include "tools/web/layout.h"

namespace tools::central {
namespace {

const char kSessionCookie[] = "stb_console";
const char kLoginCookie[] = "stb_login";  // the login form's CSRF token (double submit)
const char kLangCookie[] = "stb_lang";

staff::LoginSite deskSite() {
  return {Console::kRoot, std::string(Console::kRoot) + "queue",
          kSessionCookie, kLoginCookie,
          kLangCookie,    &consoleCatalogue()};
}

}  // namespace

std::string Console::Visit::t(const std::string& key) const {
  return consoleCatalogue().text(lang, key);
}

Console::Console(TicketStore& store, StaffStore& staff, ConsoleOptions options, Clock clock)
    : store_(store),
      staff_(staff),
      options_(std::move(options)),
      clock_(std::move(clock)),
      sessions_(options_.sessions),
      gate_(staff_, store_mu_, options_.max_failed_logins),
      flow_(deskSite(), sessions_, gate_) {}

web::Response Console::handle(const web::Request& request) {
  Visit v;
  v.request = &request;
  v.now = clock_();
  v.utc_offset_seconds = int64_t{options_.utc_offset_minutes} * 60;
  staff::LoginFlow::Visitor visitor;
  web::Response answer;
  const bool admitted = flow_.admit(request, v.now, &visitor, &answer);
  v.query = std::move(visitor.query);
  v.lang = visitor.lang;
  v.remember_lang = visitor.remember_lang;
  if (!admitted) return answer;
  v.session = visitor.session;
  const std::string& path = request.path;
  v.role = parseRole(v.session.role).value_or(StaffRole::kWorker);
  if (path == "/console/logout" && request.method == "POST") {
    web::Response refusal;
    if (!postedForm(v, &refusal)) return refusal;
    return flow_.logout(v.session.id);
  }
  std::lock_guard<std::mutex> lock(store_mu_);
  return route(v);
}

web::Response Console::route(Visit& v) {
  const std::string& path = v.request->path;
  const bool get = v.request->method == "GET";
  const std::string tickets = "/console/tickets/", incidents = "/console/incidents/";
  if (path.rfind(incidents, 0) == 0) {
    const std::string rest = path.substr(incidents.size());
    const size_t slash = rest.find('/');
    const std::string number = rest.substr(0, slash);
    const bool digits = !number.empty() && number.size() <= 18 &&
                        number.find_first_not_of("0123456789") == std::string::npos;
    if (!digits) return errorPage(v, 404, "not_found");
    const int64_t id = std::stoll(number);
    if (slash == std::string::npos && get) return incidentPage(v, id);
    if (slash != std::string::npos && v.request->method == "POST")
      return incidentAction(v, id, rest.substr(slash + 1));
    return errorPage(v, slash == std::string::npos ? 405 : 404, "not_found");
  }
  if (path.rfind(tickets, 0) == 0) {
    const std::string rest = path.substr(tickets.size());
    const size_t slash = rest.find('/');
    const std::string ticket = rest.substr(0, slash);
    if (!isTicketNumber(ticket)) return errorPage(v, 404, "not_found");
    if (slash == std::string::npos && get) return ticketPage(v, ticket);
    if (slash != std::string::npos && v.request->method == "POST")
      return ticketAction(v, ticket, rest.substr(slash + 1));
    return errorPage(v, slash == std::string::npos ? 405 : 404, "not_found");
  }
  if (!get) return errorPage(v, 405, "bad_request");
  if (path == "/console/queue") return queuePage(v);
  if (path == "/console/incidents") return incidentsPage(v);
  if (path == "/console/return-visits") return returnVisitsPage(v);
  if (path == "/console/dashboard") return dashboardPage(v, false);
  if (path == "/console/dashboard.csv") return dashboardPage(v, true);
  if (path == "/console/areas") return areasPage(v);
  return errorPage(v, 404, "not_found");
}

std::optional<web::Form> Console::postedForm(Visit& v, web::Response* refusal) {
  web::Form form;
  int status = 0;
  std::string key;
  if (staff::LoginFlow::readPost(*v.request, v.session, {}, &form, &status, &key)) return form;
  *refusal = errorPage(v, status, key);
  return std::nullopt;
}

std::string Console::logoutForm(const Visit& v) const {
  return "<form method=\"post\" action=\"/console/logout\">" +
         web::hiddenInput("csrf", v.session.csrf) + "<button type=\"submit\" id=\"logout\">" +
         web::escapeHtml(v.t("logout")) + "</button></form>";
}

web::Response Console::page(const Visit& v, int status, const std::string& title,
                            const std::string& content_html, const std::string& nav,
                            const std::string& notice, const std::string& error) {
  web::Page p;
  const auto& catalogue = consoleCatalogue();
  const web::Language* lang = catalogue.find(v.lang);
  p.lang_tag = lang->tag;
  p.site_name = v.t("site");
  p.title = title;
  p.user_line = v.session.user + " · " + v.t(roleName(v.role));
  const std::pair<const char*, const char*> items[] = {
      {"nav.queue", "/console/queue"},
      {"nav.incidents", "/console/incidents"},
      {"nav.return_visits", "/console/return-visits"},
      {"nav.dashboard", "/console/dashboard"},
      {"nav.areas", "/console/areas"}};
  for (const auto& [key, href] : items) {
    const std::string k = key;
    if (k == "nav.dashboard" &&
        !allowed(v.role, v.session.user, ConsoleAction::kDashboard, nullptr))
      continue;
    if ((k == "nav.areas" || k == "nav.return_visits") &&
        !allowed(v.role, v.session.user, ConsoleAction::kAreas, nullptr))
      continue;
    p.nav.push_back({href, v.t(k), k == nav});
  }
  // The switcher keeps the page's query, with the new lang.
  std::string others;
  for (const auto& [name, value] : v.query.fields())
    if (name != "lang") others += web::percentEncode(name) + "=" + web::percentEncode(value) + "&";
  for (const web::Language& l : catalogue.languages())
    p.languages.emplace_back(v.request->path + "?" + others + "lang=" + l.code, l.own_name);
  p.current_language_name = lang->own_name;
  p.notice = notice;
  p.error = error;
  p.content_html = content_html;
  p.logout_html = logoutForm(v);
  web::Response r = web::Response::html(status, web::renderPage(p));
  if (v.remember_lang) flow_.rememberLanguage(&r, v.lang);
  return r;
}

web::Response Console::errorPage(const Visit& v, int status, const std::string& key) {
  if (v.session.id.empty()) return web::Response::text(status, v.t(key) + "\n");
  return page(v, status, v.t(key), "", "", "", v.t(key));
}

std::vector<StaffMember> Console::workers() {
  std::vector<StaffMember> all, out;
  std::string error;
  if (!staff_.list(&all, &error)) return out;
  for (StaffMember& m : all)
    if (parseRole(m.role) == StaffRole::kWorker) out.push_back(std::move(m));
  return out;
}

}  // namespace tools::central
