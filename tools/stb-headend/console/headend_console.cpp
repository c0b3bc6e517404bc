// The console's routes, logins, sessions and the page around every page.
#include "tools/stb-headend/console/headend_console.h"

#include "tools/stb-headend/console/console_text.h"
#include "tools/web/html.h"
#include "tools/web/layout.h"

namespace tools::headend::console {
namespace {

const char kSessionCookie[] = "stb_headend";
const char kLoginCookie[] = "stb_headend_login";  // the login form's CSRF token (double submit)
const char kLangCookie[] = "stb_lang";

staff::LoginSite headendSite() {
  return {HeadendConsole::kRoot, std::string(HeadendConsole::kRoot) + "notices",
          kSessionCookie,        kLoginCookie,
          kLangCookie,           &consoleCatalogue()};
}

// "/headend/notices/12/cancel" with PREFIX "/headend/notices/" -> 12 and "cancel".
bool splitIdAction(const std::string& path, const std::string& prefix, int64_t* id,
                   std::string* action) {
  if (path.rfind(prefix, 0) != 0) return false;
  const std::string rest = path.substr(prefix.size());
  const size_t slash = rest.find('/');
  const std::string digits = rest.substr(0, slash);
  if (digits.empty() || digits.size() > 9 ||
      digits.find_first_not_of("0123456789") != std::string::npos)
    return false;
  *id = std::stoll(digits);
  *action = slash == std::string::npos ? "" : rest.substr(slash + 1);
  return true;
}

}  // namespace

std::string HeadendConsole::Visit::t(const std::string& key) const {
  return consoleCatalogue().text(lang, key);
}

HeadendConsole::HeadendConsole(staff::StaffStore& staff, AuditLog& audit,
                               const dvb::notice::PrivateKey& key, HeadendConsoleOptions options,
                               Clock clock)
    : staff_(staff),
      audit_(audit),
      key_(key),
      options_(std::move(options)),
      clock_(std::move(clock)),
      sessions_(options_.sessions),
      gate_(staff_, store_mu_, options_.max_failed_logins),
      flow_(headendSite(), sessions_, gate_) {}

web::Response HeadendConsole::handle(const web::Request& request) {
  Visit v;
  v.request = &request;
  v.now = clock_();
  staff::LoginFlow::Visitor visitor;
  web::Response answer;
  const bool admitted = flow_.admit(request, v.now, &visitor, &answer);
  v.query = std::move(visitor.query);
  v.lang = visitor.lang;
  v.remember_lang = visitor.remember_lang;
  if (!admitted) return answer;
  v.session = visitor.session;
  const std::string& path = request.path;
  v.role = parseRole(v.session.role).value_or(Role::kEditor);
  if (path == "/headend/logout" && request.method == "POST") {
    web::Response refusal;
    if (!postedForm(v, &refusal)) return refusal;
    return flow_.logout(v.session.id);
  }
  return route(v);
}

web::Response HeadendConsole::route(Visit& v) {
  const std::string& path = v.request->path;
  const bool get = v.request->method == "GET";
  if (get && path == "/headend/notices") return noticesPage(v);
  if (get && path == "/headend/audit") return auditPage(v);
  if (get && path == "/headend/status") return statusPage(v);
  if (get && path == "/headend/new") {
    uint32_t revise = 0;
    NoticeForm form;
    const std::string asked = v.query.value("revise");
    if (!asked.empty() && asked.size() < 10 &&
        asked.find_first_not_of("0123456789") == std::string::npos) {
      std::vector<AuditRow> rows;
      std::string error;
      std::lock_guard<std::mutex> lock(store_mu_);
      if (!audit_.published(0xC0, &rows, &error)) return errorPage(v, 500, "store_failed");
      for (const AuditRow& r : rows)
        if (std::to_string(r.object_id) == asked && r.action != "cancel") {
          revise = r.object_id;
          form = NoticeForm::fromJson(nlohmann::json::parse(r.notice, nullptr, false));
        }
      if (revise == 0) return errorPage(v, 404, "not_found");
    }
    return formPage(v, 200, form, revise, {}, "");
  }
  const std::string previews = "/headend/previews/";
  if (get && path.rfind(previews, 0) == 0) {
    const std::string rest = path.substr(previews.size());
    const size_t slash = rest.find('/');
    if (slash == std::string::npos) return errorPage(v, 404, "not_found");
    return previewImage(v, rest.substr(0, slash), rest.substr(slash + 1));
  }
  if (v.request->method != "POST") return errorPage(v, 404, "not_found");
  web::Response refusal;
  const auto form = postedForm(v, &refusal);
  if (!form) return refusal;
  if (path == "/headend/new") return postNotice(v, *form);
  int64_t id = 0;
  std::string action;
  if (splitIdAction(path, "/headend/notices/", &id, &action) && action == "cancel")
    return postCancel(v, static_cast<uint32_t>(id));
  if (splitIdAction(path, "/headend/pending/", &id, &action) && action == "approve")
    return postApprove(v, id);
  return errorPage(v, 404, "not_found");
}

std::optional<web::Form> HeadendConsole::postedForm(Visit& v, web::Response* refusal) {
  if (!staff::LoginFlow::isFormPost(*v.request)) {
    *refusal = errorPage(v, 415, "bad_request");
    return std::nullopt;
  }
  web::FormLimits limits;
  limits.max_bytes = 65536;  // three languages of text
  web::Form form;
  std::string why;
  if (!web::parseForm(v.request->body, limits, &form, &why)) {
    *refusal = errorPage(v, 400, "bad_request");
    return std::nullopt;
  }
  if (!web::csrfMatches(v.session, form.value("csrf"))) {
    *refusal = errorPage(v, 403, "csrf.failed");
    return std::nullopt;
  }
  return form;
}

web::Response HeadendConsole::page(const Visit& v, int status, const std::string& title,
                                   const std::string& content_html, const std::string& nav,
                                   const std::string& notice, const std::string& error) {
  web::Page p;
  const auto& catalogue = consoleCatalogue();
  const web::Language* lang = catalogue.find(v.lang);
  p.lang_tag = lang->tag;
  p.site_name = v.t("site");
  p.title = title;
  p.user_line = v.session.user + " · " + v.t(roleName(v.role));
  const std::pair<const char*, const char*> items[] = {{"nav.notices", "/headend/notices"},
                                                       {"nav.new", "/headend/new"},
                                                       {"nav.audit", "/headend/audit"},
                                                       {"nav.status", "/headend/status"}};
  for (const auto& [key, href] : items) p.nav.push_back({href, v.t(key), nav == key});
  for (const web::Language& l : catalogue.languages())
    p.languages.emplace_back(v.request->path + "?lang=" + l.code, l.own_name);
  p.current_language_name = lang->own_name;
  p.notice = notice;
  p.error = error;
  p.content_html = content_html;
  p.logout_html = "<form method=\"post\" action=\"/headend/logout\">" +
                  web::hiddenInput("csrf", v.session.csrf) +
                  "<button type=\"submit\" id=\"logout\">" + web::escapeHtml(v.t("logout")) +
                  "</button></form>";
  web::Response r = web::Response::html(status, web::renderPage(p));
  if (v.remember_lang) flow_.rememberLanguage(&r, v.lang);
  return r;
}

web::Response HeadendConsole::errorPage(const Visit& v, int status, const std::string& key) {
  if (v.session.id.empty()) return web::Response::text(status, v.t(key) + "\n");
  return page(v, status, v.t(key), "", "", "", v.t(key));
}

}  // namespace tools::headend::console
