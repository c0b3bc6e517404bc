#include "tools/stb-central/http_request.h"

#include <algorithm>
#include <cctype>

namespace tools::central {
namespace {

ParseResult error(int status, const char* code, std::string message) {
  ParseResult r;
  r.state = ParseState::kError;
  r.error_status = status;
  r.error_code = code;
  r.error_message = std::move(message);
  return r;
}

bool isTokenChar(char c) {
  static const std::string_view kExtra = "!#$%&'*+-.^_`|~";
  return std::isalnum(static_cast<unsigned char>(c)) || kExtra.find(c) != std::string_view::npos;
}

bool isToken(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), isTokenChar);
}

// Visible ASCII, as origin-form targets need (no spaces, no controls, no '#').
bool isTargetChar(char c) {
  return c > 0x20 && c < 0x7f && c != '#';
}

// Field values: visible characters, SP, HTAB, and obs-text (bytes >= 0x80).
bool isFieldValueChar(char c) {
  const unsigned char u = static_cast<unsigned char>(c);
  return u == '\t' || (u >= 0x20 && u != 0x7f);
}

std::string_view trimOws(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Comma-separated tokens of a Connection header, case-insensitive.
bool hasConnectionToken(std::string_view value, std::string_view token) {
  size_t start = 0;
  while (start <= value.size()) {
    size_t end = value.find(',', start);
    if (end == std::string_view::npos) end = value.size();
    if (lower(trimOws(value.substr(start, end - start))) == token) return true;
    start = end + 1;
  }
  return false;
}

}  // namespace

const std::string* HttpRequest::header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers)
    if (name == lower_name) return &value;
  return nullptr;
}

ParseResult parseHttpRequest(std::string_view buf, const HttpLimits& limits) {
  // Request line.
  const size_t line_end = buf.find("\r\n");
  if (line_end == std::string_view::npos) {
    if (buf.size() > limits.max_request_line + 1)
      return error(414, "request_line_too_long", "request line longer than the limit");
    if (buf.find('\n') != std::string_view::npos)
      return error(400, "bad_line_ending", "lines must end with CRLF");
    return ParseResult{};
  }
  if (line_end > limits.max_request_line)
    return error(414, "request_line_too_long", "request line longer than the limit");
  const std::string_view line = buf.substr(0, line_end);
  const size_t sp1 = line.find(' ');
  const size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp2 == std::string_view::npos || line.find(' ', sp2 + 1) != std::string_view::npos)
    return error(400, "bad_request_line", "request line must be METHOD SP TARGET SP VERSION");
  HttpRequest req;
  req.method = std::string(line.substr(0, sp1));
  req.target = std::string(line.substr(sp1 + 1, sp2 - sp1 - 1));
  req.version = std::string(line.substr(sp2 + 1));
  if (!isToken(req.method)) return error(400, "bad_method", "method is not a token");
  if (req.target.empty() || req.target[0] != '/' ||
      !std::all_of(req.target.begin(), req.target.end(), isTargetChar))
    return error(400, "bad_target", "request target must be an absolute path");
  if (req.version.size() != 8 || req.version.compare(0, 5, "HTTP/") != 0 ||
      !std::isdigit(static_cast<unsigned char>(req.version[5])) || req.version[6] != '.' ||
      !std::isdigit(static_cast<unsigned char>(req.version[7])))
    return error(400, "bad_version", "malformed HTTP version");
  if (req.version != "HTTP/1.1" && req.version != "HTTP/1.0")
    return error(505, "version_not_supported", "only HTTP/1.1 and HTTP/1.0 are supported");
  req.path = req.target.substr(0, req.target.find('?'));

  // Header section.
  const size_t head_end = buf.find("\r\n\r\n", line_end);
  const size_t head_size = head_end == std::string_view::npos ? buf.size() : head_end + 4;
  if (head_size > limits.max_header_bytes)
    return error(431, "headers_too_large", "request header section larger than the limit");
  if (head_end == std::string_view::npos) {
    // A bare LF anywhere in what we have is an error already.
    const std::string_view rest = buf.substr(line_end + 2);
    for (size_t i = 0; i < rest.size(); ++i)
      if (rest[i] == '\n' && (i == 0 || rest[i - 1] != '\r'))
        return error(400, "bad_line_ending", "lines must end with CRLF");
    return ParseResult{};
  }

  bool have_length = false;
  size_t content_length = 0;
  size_t host_count = 0;
  std::string_view headers = buf.substr(line_end + 2, head_end + 2 - (line_end + 2));
  while (!headers.empty()) {
    const size_t eol = headers.find("\r\n");
    const std::string_view field = headers.substr(0, eol);
    headers.remove_prefix(eol + 2);
    if (field.find('\n') != std::string_view::npos || field.find('\r') != std::string_view::npos)
      return error(400, "bad_line_ending", "lines must end with CRLF");
    if (field.empty() || field[0] == ' ' || field[0] == '\t')
      return error(400, "bad_header", "folded or empty header line");
    const size_t colon = field.find(':');
    if (colon == std::string_view::npos || !isToken(field.substr(0, colon)))
      return error(400, "bad_header", "header line must be NAME: VALUE");
    const std::string_view value = trimOws(field.substr(colon + 1));
    if (!std::all_of(value.begin(), value.end(), isFieldValueChar))
      return error(400, "bad_header", "control character in a header value");
    if (req.headers.size() == limits.max_header_count)
      return error(431, "too_many_headers", "more header fields than the limit");
    req.headers.emplace_back(lower(field.substr(0, colon)), std::string(value));
    const std::string& name = req.headers.back().first;
    if (name == "content-length") {
      if (value.empty() || value.size() > 18 ||
          !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return error(400, "bad_content_length", "Content-Length must be a decimal number");
      const size_t n = std::stoull(std::string(value));
      if (have_length && n != content_length)
        return error(400, "bad_content_length", "conflicting Content-Length headers");
      have_length = true;
      content_length = n;
    } else if (name == "transfer-encoding") {
      return error(411, "length_required",
                   "Transfer-Encoding is not supported; send the body with Content-Length");
    } else if (name == "host") {
      ++host_count;
    }
  }
  if (req.version == "HTTP/1.1" && host_count != 1)
    return error(400, "bad_host", "HTTP/1.1 requests need exactly one Host header");
  if (const std::string* expect = req.header("expect")) {
    if (lower(*expect) != "100-continue")
      return error(417, "expectation_failed", "only Expect: 100-continue is supported");
  }
  if (content_length > limits.max_body)
    return error(413, "body_too_large",
                 "request body larger than " + std::to_string(limits.max_body) + " bytes");
  if (const std::string* conn = req.header("connection")) {
    if (hasConnectionToken(*conn, "close")) req.keep_alive = false;
    if (req.version == "HTTP/1.0") req.keep_alive = hasConnectionToken(*conn, "keep-alive");
  } else if (req.version == "HTTP/1.0") {
    req.keep_alive = false;
  }

  const size_t body_start = head_end + 4;
  if (buf.size() - body_start < content_length) {
    ParseResult r;
    r.headers_complete = true;
    r.expect_continue = req.header("expect") != nullptr;
    r.request = std::move(req);
    return r;
  }
  req.body = std::string(buf.substr(body_start, content_length));
  ParseResult r;
  r.state = ParseState::kComplete;
  r.consumed = body_start + content_length;
  r.request = std::move(req);
  return r;
}

}  // namespace tools::central
