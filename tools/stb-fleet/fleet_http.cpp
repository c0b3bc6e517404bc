#include "tools/stb-fleet/fleet_http.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>

namespace tools::fleet {
namespace {

size_t onBody(char* data, size_t size, size_t n, void* userp) {
  static_cast<std::string*>(userp)->append(data, size * n);
  return size * n;
}

// stb-central answers Retry-After in seconds (docs/central-api.md).
size_t onHeader(char* data, size_t size, size_t n, void* userp) {
  auto* retry = static_cast<std::optional<int64_t>*>(userp);
  std::string line(data, size * n);
  const std::string name = "retry-after:";
  std::string head = line.substr(0, std::min(line.size(), name.size()));
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (head == name) {
    const std::string value = line.substr(name.size());
    int64_t seconds = 0;
    bool digits = false;
    for (char c : value) {
      if (std::isdigit(static_cast<unsigned char>(c))) {
        seconds = seconds * 10 + (c - '0');
        digits = true;
      }
    }
    if (digits) *retry = seconds * 1000;
  }
  return size * n;
}

}  // namespace

struct FleetHttp::Transfer {
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  std::string body, answer;
  std::optional<int64_t> retry_after_ms;
  char error[CURL_ERROR_SIZE] = {};
  stb::CentralApi::Done done;
  stb::CentralResponse response;
  std::chrono::steady_clock::time_point started;
  ~Transfer() {
    if (headers) curl_slist_free_all(headers);
    if (easy) curl_easy_cleanup(easy);
  }
};

std::unique_ptr<FleetHttp> FleetHttp::create(std::string* error) {
  curl_global_init(CURL_GLOBAL_DEFAULT);
  std::unique_ptr<FleetHttp> http(new FleetHttp());
  http->multi_ = curl_multi_init();
  if (!http->multi_) {
    if (error) *error = "fleet http: curl_multi_init failed";
    return nullptr;
  }
  return http;
}

FleetHttp::~FleetHttp() {
  for (auto& t : transfers_) curl_multi_remove_handle(static_cast<CURLM*>(multi_), t->easy);
  transfers_.clear();
  if (multi_) curl_multi_cleanup(static_cast<CURLM*>(multi_));
}

void FleetHttp::start(Request request) {
  auto t = std::make_unique<Transfer>();
  t->easy = curl_easy_init();
  t->body = std::move(request.body);
  t->done = std::move(request.done);
  CURL* e = t->easy;
  curl_easy_setopt(e, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "https");
  curl_easy_setopt(e, CURLOPT_PROXY, "");
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(e, CURLOPT_CAINFO, request.ca_file.c_str());
  curl_easy_setopt(e, CURLOPT_CAPATH, nullptr);
  curl_easy_setopt(e, CURLOPT_SSLCERT, request.cert_file.c_str());
  curl_easy_setopt(e, CURLOPT_SSLKEY, request.key_file.c_str());
  // A box that reports rarely opens a connection for each exchange.
  curl_easy_setopt(e, CURLOPT_FORBID_REUSE, 1L);
  const std::string source = "host!" + request.source_address;
  curl_easy_setopt(e, CURLOPT_INTERFACE, source.c_str());
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, 10'000L);
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, 30'000L);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->error);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &onBody);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &t->answer);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &onHeader);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, &t->retry_after_ms);
  t->headers = curl_slist_append(t->headers, "Accept: application/json");
  if (!t->body.empty()) {
    t->headers = curl_slist_append(t->headers, "Content-Type: application/json");
    t->headers = curl_slist_append(t->headers, "Expect:");
    curl_easy_setopt(e, CURLOPT_POST, 1L);
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, t->body.c_str());
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(t->body.size()));
  }
  for (const auto& h : request.headers) t->headers = curl_slist_append(t->headers, h.c_str());
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);
  t->started = std::chrono::steady_clock::now();
  curl_multi_add_handle(static_cast<CURLM*>(multi_), e);
  transfers_.push_back(std::move(t));
}

void FleetHttp::pump(int max_wait_ms) {
  auto* multi = static_cast<CURLM*>(multi_);
  int running = 0;
  curl_multi_perform(multi, &running);
  if (running > 0 && max_wait_ms > 0) {
    curl_multi_poll(multi, nullptr, 0, max_wait_ms, nullptr);
    curl_multi_perform(multi, &running);
  }
  // Take every finished transfer out first: a DONE may start new ones.
  std::vector<std::unique_ptr<Transfer>> finished;
  int left = 0;
  while (CURLMsg* m = curl_multi_info_read(multi, &left)) {
    if (m->msg != CURLMSG_DONE) continue;
    auto it = std::find_if(transfers_.begin(), transfers_.end(),
                           [m](const auto& t) { return t->easy == m->easy_handle; });
    if (it == transfers_.end()) continue;
    stb::CentralResponse& r = (*it)->response;
    r.curl_code = m->data.result;
    if (r.curl_code == CURLE_OK) {
      curl_easy_getinfo(m->easy_handle, CURLINFO_RESPONSE_CODE, &r.http_status);
      r.body = (*it)->answer;
      r.retry_after_ms = (*it)->retry_after_ms;
    } else {
      r.curl_error = (*it)->error[0] ? (*it)->error : curl_easy_strerror(m->data.result);
    }
    curl_multi_remove_handle(multi, m->easy_handle);
    const auto now = std::chrono::steady_clock::now();
    exchanges_.push_back({r.http_status,
                          std::chrono::duration<double, std::milli>(now - (*it)->started).count(),
                          now});
    finished.push_back(std::move(*it));
    transfers_.erase(it);
  }
  for (auto& t : finished) t->done(t->response);
}

void BoxLink::request(const std::string& path, const std::string& body,
                      const std::vector<std::string>& headers, Done done) {
  http_->start({config_.base_url + path, config_.ca_file, config_.cert_file, config_.key_file,
                config_.source_address, body, headers, std::move(done)});
}

std::string loopbackAddress(size_t index) {
  const size_t a = index / (254 * 254), b = (index / 254) % 254, c = index % 254 + 1;
  return "127." + std::to_string(a + 1) + "." + std::to_string(b) + "." + std::to_string(c);
}

}  // namespace tools::fleet
