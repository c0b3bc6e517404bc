// The console's routes, logins, sessions and the page around every page.
#include "tools/stb-central/console/console.h"

#include "tools/stb-central/console/console_text.h"
#include "tools/stb-central/console/permissions.h"
#include "tools/stb-central/router.h"
#include "tools/web/cookies.h"
#include "tools/web/html.h"
#include "tools/web/layout.h"
#include "tools/web/secure_random.h"

namespace tools::central {
namespace {

const char kSessionCookie[] = "stb_console";
const char kLoginCookie[] = "stb_login";  // the login form's CSRF token (double submit)
const char kLangCookie[] = "stb_lang";

std::string cookie(const web::Request& r, const char* name) {
  const std::string* header = r.header("cookie");
  return header ? web::cookieValue(*header, name).value_or("") : "";
}

web::CookieOptions consoleCookie() {
  web::CookieOptions o;
  o.path = Console::kRoot;
  return o;
}

bool isFormPost(const web::Request& r) {
  const std::string* type = r.header("content-type");
  return type && type->rfind("application/x-www-form-urlencoded", 0) == 0;
}

// Where to go after the login: a console page, never elsewhere.
std::string safeNext(const std::string& next) {
  if (next.rfind(Console::kRoot, 0) != 0 || next.find("//") != std::string::npos ||
      next.find("..") != std::string::npos || next.find_first_of("\\\r\n") != std::string::npos ||
      next.rfind("/console/login", 0) == 0)
    return std::string(Console::kRoot) + "queue";
  return next;
}

}  // namespace

std::string Console::Visit::t(const std::string& key) const {
  return consoleCatalogue().text(lang, key);
}

Console::Console(TicketStore& store, StaffStore& staff, ConsoleOptions options, Clock clock)
    : store_(store),
      staff_(staff),
      options_(options),
      clock_(std::move(clock)),
      sessions_(options_.sessions),
      gate_(staff_, store_mu_, options_.max_failed_logins) {}

web::Response Console::handle(const web::Request& request) {
  Visit v;
  v.request = &request;
  v.now = clock_();
  v.utc_offset_seconds = int64_t{options_.utc_offset_minutes} * 60;
  std::string why;
  if (!web::parseForm(request.query, {}, &v.query, &why)) v.query = web::Form();
  const std::string asked = v.query.value("lang");
  const auto& catalogue = consoleCatalogue();
  const std::string* accept = request.header("accept-language");
  v.lang = catalogue.choose(asked, cookie(request, kLangCookie), accept ? *accept : "");
  v.remember_lang = catalogue.find(asked) != nullptr;

  const std::string& path = request.path;
  if (path == "/" || path == "/console" || path == "/console/")
    return web::Response::redirect("/console/queue");
  // Nothing else outside /console/ (a browser's /favicon.ico): no login for it.
  if (path.rfind(kRoot, 0) != 0) return errorPage(v, 404, "not_found");
  if (path == "/console/login") {
    if (request.method == "GET")
      return loginPage(v, 200, "", v.query.value("bye") == "1" ? "login.logged_out" : "");
    if (request.method == "POST") return postLogin(v);
    return errorPage(v, 405, "bad_request");
  }
  const auto session = sessions_.find(cookie(request, kSessionCookie), v.now);
  if (!session) {
    if (request.method == "POST") return loginPage(v, 401, "", "login.expired");
    const std::string target = path + (request.query.empty() ? "" : "?" + request.query);
    return web::Response::redirect("/console/login?next=" + web::percentEncode(target));
  }
  v.session = *session;
  v.role = parseRole(session->role).value_or(StaffRole::kWorker);
  if (path == "/console/logout" && request.method == "POST") {
    web::Response refusal;
    const auto form = postedForm(v, &refusal);
    if (!form) return refusal;
    return postLogout(v, *form);
  }
  std::lock_guard<std::mutex> lock(store_mu_);
  return route(v);
}

web::Response Console::route(Visit& v) {
  const std::string& path = v.request->path;
  const bool get = v.request->method == "GET";
  const std::string tickets = "/console/tickets/";
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
  if (path == "/console/return-visits") return returnVisitsPage(v);
  if (path == "/console/dashboard") return dashboardPage(v, false);
  if (path == "/console/dashboard.csv") return dashboardPage(v, true);
  if (path == "/console/areas") return areasPage(v);
  return errorPage(v, 404, "not_found");
}

std::optional<web::Form> Console::postedForm(Visit& v, web::Response* refusal) {
  if (!isFormPost(*v.request)) {
    *refusal = errorPage(v, 415, "bad_request");
    return std::nullopt;
  }
  web::Form form;
  std::string why;
  if (!web::parseForm(v.request->body, {}, &form, &why)) {
    *refusal = errorPage(v, 400, "bad_request");
    return std::nullopt;
  }
  if (!web::csrfMatches(v.session, form.value("csrf"))) {
    *refusal = errorPage(v, 403, "csrf.failed");
    return std::nullopt;
  }
  return form;
}

web::Response Console::loginPage(Visit& v, int status, const std::string& error_key,
                                 const std::string& notice_key) {
  // A fresh token for the login form, in a cookie and in the form: a POST
  // carrying both, equal, came from this page (login CSRF).
  std::string token = cookie(*v.request, kLoginCookie);
  if (token.size() != 64) token = web::randomHex(32);
  std::string content = "<form class=\"action\" method=\"post\" action=\"/console/login\">" +
                        web::hiddenInput("csrf", token) +
                        web::hiddenInput("next", safeNext(v.query.value("next"))) +
                        web::textInput(v.t("login.login"), "login", "") +
                        web::textInput(v.t("login.password"), "password", "", "password") +
                        "<button type=\"submit\" id=\"login-submit\">" +
                        web::escapeHtml(v.t("login.submit")) + "</button></form>";
  web::Page p;
  const web::Language* lang = consoleCatalogue().find(v.lang);
  p.lang_tag = lang->tag;
  p.site_name = v.t("site");
  p.title = v.t("login.title");
  for (const web::Language& l : consoleCatalogue().languages())
    p.languages.emplace_back("/console/login?lang=" + l.code, l.own_name);
  p.current_language_name = lang->own_name;
  p.error = error_key.empty() ? "" : v.t(error_key);
  p.notice = notice_key.empty() ? "" : v.t(notice_key);
  p.content_html = content;
  web::Response r = web::Response::html(status, web::renderPage(p));
  web::CookieOptions o = consoleCookie();
  o.max_age_seconds = 3600;
  r.addHeader("Set-Cookie", web::setCookie(kLoginCookie, token, o));
  if (v.remember_lang) {
    web::CookieOptions lo = consoleCookie();
    lo.max_age_seconds = 365 * 86400;
    r.addHeader("Set-Cookie", web::setCookie(kLangCookie, v.lang, lo));
  }
  return r;
}

web::Response Console::postLogin(Visit& v) {
  if (!isFormPost(*v.request)) return errorPage(v, 415, "bad_request");
  web::Form form;
  std::string why;
  if (!web::parseForm(v.request->body, {}, &form, &why)) return errorPage(v, 400, "bad_request");
  const std::string token = cookie(*v.request, kLoginCookie);
  if (token.size() != 64 || !web::constantTimeEquals(token, form.value("csrf")))
    return loginPage(v, 403, "csrf.failed", "");
  std::optional<StaffMember> member;
  switch (gate_.check(form.value("login"), form.value("password"), v.now, &member)) {
    case staff::LoginGate::Outcome::kOk:
      break;
    case staff::LoginGate::Outcome::kThrottled:
      return loginPage(v, 429, "login.throttled", "");
    case staff::LoginGate::Outcome::kStoreFailed:
      return errorPage(v, 500, "store_failed");
    case staff::LoginGate::Outcome::kFailed:
      return loginPage(v, 401, "login.failed", "");
  }
  const auto session = sessions_.create(member->login, member->role, v.now);
  if (!session) return errorPage(v, 500, "store_failed");
  web::Response r = web::Response::redirect(safeNext(form.value("next")));
  r.addHeader("Set-Cookie", web::setCookie(kSessionCookie, session->id, consoleCookie()));
  web::CookieOptions gone = consoleCookie();
  gone.max_age_seconds = 0;
  r.addHeader("Set-Cookie", web::setCookie(kLoginCookie, "", gone));
  return r;
}

web::Response Console::postLogout(Visit& v, const web::Form&) {
  sessions_.remove(v.session.id);
  web::Response r = web::Response::redirect("/console/login?bye=1");
  web::CookieOptions gone = consoleCookie();
  gone.max_age_seconds = 0;
  r.addHeader("Set-Cookie", web::setCookie(kSessionCookie, "", gone));
  return r;
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
  if (v.remember_lang) {
    web::CookieOptions o = consoleCookie();
    o.max_age_seconds = 365 * 86400;
    r.addHeader("Set-Cookie", web::setCookie(kLangCookie, v.lang, o));
  }
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
