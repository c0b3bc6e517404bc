#pragma once
// Cookies: reading the Cookie header, writing Set-Cookie.
#include <optional>
#include <string>
#include <string_view>

namespace tools::web {

// The value of cookie NAME in a Cookie header ("a=1; b=2"), or nullopt.
std::optional<std::string> cookieValue(std::string_view cookie_header, std::string_view name);

struct CookieOptions {
  std::string path = "/";
  int max_age_seconds = -1;  // -1: a session cookie (until the browser closes); 0: delete
  bool http_only = true;     // never readable by scripts
  bool secure = true;        // HTTPS only
  std::string same_site = "Strict";
};

// The Set-Cookie header value. NAME and VALUE must be cookie-safe tokens
// (the console's are hex or language codes); others are refused with "".
std::string setCookie(std::string_view name, std::string_view value, const CookieOptions& options);

}  // namespace tools::web
