#include "tools/staff/login_flow.h"

#include "tools/web/form.h"
#include "tools/web/html.h"
#include "tools/web/layout.h"
#include "tools/web/secure_random.h"

namespace tools::staff {

std::string LoginFlow::cookie(const web::Request& r, const std::string& name) {
  const std::string* header = r.header("cookie");
  return header ? web::cookieValue(*header, name).value_or("") : "";
}

bool LoginFlow::isFormPost(const web::Request& r) {
  const std::string* type = r.header("content-type");
  return type && type->rfind("application/x-www-form-urlencoded", 0) == 0;
}

web::CookieOptions LoginFlow::cookieOptions(int max_age_seconds) const {
  web::CookieOptions o;
  o.path = site_.root;
  o.max_age_seconds = max_age_seconds;
  return o;
}

std::string LoginFlow::safeNext(const std::string& next) const {
  if (next.rfind(site_.root, 0) != 0 || next.find("//") != std::string::npos ||
      next.find("..") != std::string::npos || next.find_first_of("\\\r\n") != std::string::npos ||
      next.rfind(site_.root + "login", 0) == 0)
    return site_.landing;
  return next;
}

void LoginFlow::rememberLanguage(web::Response* r, const std::string& lang) const {
  r->addHeader("Set-Cookie", web::setCookie(site_.lang_cookie, lang, cookieOptions(365 * 86400)));
}

web::Response LoginFlow::loginPage(const web::Request& r, const std::string& lang,
                                   bool remember_lang, const std::string& next, int status,
                                   const std::string& error_key,
                                   const std::string& notice_key) const {
  const web::Catalogue& c = *site_.catalogue;
  const auto t = [&c, &lang](const std::string& key) { return c.text(lang, key); };
  // A fresh token for the login form, in a cookie and in the form: a POST
  // carrying both, equal, came from this page (login CSRF).
  std::string token = cookie(r, site_.login_cookie);
  if (token.size() != 64) token = web::randomHex(32);
  const std::string action = site_.root + "login";
  web::Page p;
  const web::Language* language = c.find(lang);
  p.lang_tag = language->tag;
  p.site_name = t("site");
  p.title = t("login.title");
  for (const web::Language& l : c.languages())
    p.languages.emplace_back(action + "?lang=" + l.code, l.own_name);
  p.current_language_name = language->own_name;
  p.error = error_key.empty() ? "" : t(error_key);
  p.notice = notice_key.empty() ? "" : t(notice_key);
  p.content_html = "<form class=\"action\" method=\"post\" action=\"" + action + "\">" +
                   web::hiddenInput("csrf", token) + web::hiddenInput("next", safeNext(next)) +
                   web::textInput(t("login.login"), "login", "") +
                   web::textInput(t("login.password"), "password", "", "password") +
                   "<button type=\"submit\" id=\"login-submit\">" +
                   web::escapeHtml(t("login.submit")) + "</button></form>";
  web::Response out = web::Response::html(status, web::renderPage(p));
  out.addHeader("Set-Cookie", web::setCookie(site_.login_cookie, token, cookieOptions(3600)));
  if (remember_lang) rememberLanguage(&out, lang);
  return out;
}

web::Response LoginFlow::postLogin(const web::Request& r, const std::string& lang,
                                   bool remember_lang, int64_t now) {
  const auto text = [this, &lang](int status, const std::string& key) {
    return web::Response::text(status, site_.catalogue->text(lang, key) + "\n");
  };
  if (!isFormPost(r)) return text(415, "bad_request");
  web::Form form;
  std::string why;
  if (!web::parseForm(r.body, {}, &form, &why)) return text(400, "bad_request");
  const std::string next = form.value("next");
  const std::string token = cookie(r, site_.login_cookie);
  if (token.size() != 64 || !web::constantTimeEquals(token, form.value("csrf")))
    return loginPage(r, lang, remember_lang, next, 403, "csrf.failed", "");
  std::optional<StaffMember> member;
  switch (gate_.check(form.value("login"), form.value("password"), now, &member)) {
    case LoginGate::Outcome::kOk:
      break;
    case LoginGate::Outcome::kThrottled:
      return loginPage(r, lang, remember_lang, next, 429, "login.throttled", "");
    case LoginGate::Outcome::kStoreFailed:
      return text(500, "store_failed");
    case LoginGate::Outcome::kFailed:
      return loginPage(r, lang, remember_lang, next, 401, "login.failed", "");
  }
  const auto session = sessions_.create(member->login, member->role, now);
  if (!session) return text(500, "store_failed");
  web::Response out = web::Response::redirect(safeNext(next));
  out.addHeader("Set-Cookie", web::setCookie(site_.session_cookie, session->id, cookieOptions()));
  out.addHeader("Set-Cookie", web::setCookie(site_.login_cookie, "", cookieOptions(0)));
  return out;
}

std::optional<web::Session> LoginFlow::session(const web::Request& r, int64_t now) {
  return sessions_.find(cookie(r, site_.session_cookie), now);
}

bool LoginFlow::admit(const web::Request& r, int64_t now, Visitor* v, web::Response* answer) {
  std::string why;
  if (!web::parseForm(r.query, {}, &v->query, &why)) v->query = web::Form();
  const std::string asked = v->query.value("lang");
  const web::Catalogue& c = *site_.catalogue;
  const std::string* accept = r.header("accept-language");
  v->lang = c.choose(asked, cookie(r, site_.lang_cookie), accept ? *accept : "");
  v->remember_lang = c.find(asked) != nullptr;
  const std::string& path = r.path;
  const std::string bare = site_.root.substr(0, site_.root.size() - 1);
  if (path == "/" || path == bare || path == site_.root) {
    *answer = web::Response::redirect(site_.landing);
    return false;
  }
  // Nothing else outside the root (a browser's /favicon.ico): no login for it.
  if (path.rfind(site_.root, 0) != 0) {
    *answer = web::Response::text(404, c.text(v->lang, "not_found") + "\n");
    return false;
  }
  if (path == site_.root + "login") {
    if (r.method == "GET")
      *answer = loginPage(r, v->lang, v->remember_lang, v->query.value("next"), 200, "",
                          v->query.value("bye") == "1" ? "login.logged_out" : "");
    else if (r.method == "POST")
      *answer = postLogin(r, v->lang, v->remember_lang, now);
    else
      *answer = web::Response::text(405, c.text(v->lang, "bad_request") + "\n");
    return false;
  }
  const auto live = session(r, now);
  if (!live) {
    const std::string target = path + (r.query.empty() ? "" : "?" + r.query);
    *answer =
        r.method == "POST"
            ? loginPage(r, v->lang, v->remember_lang, "", 401, "", "login.expired")
            : web::Response::redirect(site_.root + "login?next=" + web::percentEncode(target));
    return false;
  }
  v->session = *live;
  return true;
}

web::Response LoginFlow::logout(const std::string& session_id) {
  sessions_.remove(session_id);
  web::Response out = web::Response::redirect(site_.root + "login?bye=1");
  out.addHeader("Set-Cookie", web::setCookie(site_.session_cookie, "", cookieOptions(0)));
  return out;
}

}  // namespace tools::staff
