#include "tools/web/web_types.h"

namespace tools::web {

const std::string* Request::header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers)
    if (name == lower_name) return &value;
  return nullptr;
}

namespace {

// What every answer of a console carries: no caching of a person's pages, no
// framing by other sites, no guessing of types, scripts and styles only from
// the page itself.
void addSafetyHeaders(Response* r) {
  r->addHeader("Cache-Control", "no-store");
  r->addHeader("X-Frame-Options", "DENY");
  r->addHeader("X-Content-Type-Options", "nosniff");
  r->addHeader("Referrer-Policy", "same-origin");
  r->addHeader("Content-Security-Policy",
               "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; "
               "form-action 'self'; frame-ancestors 'none'");
}

}  // namespace

Response Response::html(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.addHeader("Content-Type", "text/html; charset=utf-8");
  addSafetyHeaders(&r);
  return r;
}

Response Response::redirect(const std::string& location) {
  Response r;
  r.status = 303;
  r.addHeader("Location", location);
  addSafetyHeaders(&r);
  return r;
}

Response Response::csv(std::string body, const std::string& filename) {
  Response r;
  r.body = std::move(body);
  r.addHeader("Content-Type", "text/csv; charset=utf-8");
  r.addHeader("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  addSafetyHeaders(&r);
  return r;
}

Response Response::text(int status, std::string body) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  r.addHeader("Content-Type", "text/plain; charset=utf-8");
  addSafetyHeaders(&r);
  return r;
}

}  // namespace tools::web
