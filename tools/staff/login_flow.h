#pragma once
// A console's login, logout and session cookie, the same for the service
// desk (/console/) and the headend (/headend/): the login form with its own
// CSRF token (double submit: a cookie and a hidden field), the password
// check (login_gate.h), the session cookie (tools/web/sessions.h) and the
// page to go back to afterwards, which is always one of the console's own.
#include <cstdint>
#include <optional>
#include <string>

#include "tools/staff/login_gate.h"
#include "tools/web/cookies.h"
#include "tools/web/form.h"
#include "tools/web/i18n.h"
#include "tools/web/sessions.h"
#include "tools/web/web_types.h"

namespace tools::staff {

struct LoginSite {
  std::string root;     // "/console/": every page is below it, and the cookies' path
  std::string landing;  // where a login goes when no page was asked for
  std::string session_cookie, login_cookie, lang_cookie;
  // The catalogue's keys: site, login.title, login.login, login.password,
  // login.submit, login.failed, login.throttled, csrf.failed, store_failed,
  // bad_request.
  const web::Catalogue* catalogue = nullptr;
};

class LoginFlow {
 public:
  // SESSIONS and GATE outlive the flow.
  LoginFlow(LoginSite site, web::SessionStore& sessions, LoginGate& gate)
      : site_(std::move(site)), sessions_(sessions), gate_(gate) {}

  const LoginSite& site() const { return site_; }
  // Cookie NAME of R, "" when none.
  static std::string cookie(const web::Request& r, const std::string& name);
  static bool isFormPost(const web::Request& r);
  // Options for the console's cookies; MAX_AGE as web::CookieOptions.
  web::CookieOptions cookieOptions(int max_age_seconds = -1) const;
  // NEXT when it is a page of the console (not the login), else the landing page.
  std::string safeNext(const std::string& next) const;
  // Adds the cookie that keeps LANG (after ?lang=).
  void rememberLanguage(web::Response* r, const std::string& lang) const;

  // The login form in LANG (after NEXT), with the catalogue's ERROR_KEY and
  // NOTICE_KEY lines when not "".
  web::Response loginPage(const web::Request& r, const std::string& lang, bool remember_lang,
                          const std::string& next, int status, const std::string& error_key,
                          const std::string& notice_key) const;
  // The form posted to ROOT/login: a session and a redirect, or the form again.
  web::Response postLogin(const web::Request& r, const std::string& lang, bool remember_lang,
                          int64_t now);
  // The session of R's cookie at NOW, if it is live.
  std::optional<web::Session> session(const web::Request& r, int64_t now);
  // What every request of the console goes through first.
  struct Visitor {
    web::Form query;
    std::string lang;            // ?lang=, the cookie, Accept-Language, the default
    bool remember_lang = false;  // ?lang= given: keep it in the cookie
    web::Session session;        // when admitted
  };
  // Reads R's query and language into *V. True when R comes with a live
  // session (in V->session) for a page below the root; otherwise *ANSWER
  // is what to send: the login pages, the landing page for the bare root,
  // 404 outside the root, and the way to the login (back here after it)
  // for a request without a session.
  bool admit(const web::Request& r, int64_t now, Visitor* v, web::Response* answer);
  // Ends SESSION_ID; to the login page with "logged out".
  web::Response logout(const std::string& session_id);

 private:
  LoginSite site_;
  web::SessionStore& sessions_;
  LoginGate& gate_;
};

}  // namespace tools::staff
