#include "platform/central_client.h"

#include <curl/curl.h>
#include <poll.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <cstring>
#include <ctime>

namespace platform {

struct CentralClient::Transfer {
  CURL* easy = nullptr;
  curl_slist* headers = nullptr;
  std::string body;  // must outlive the transfer (CURLOPT_POSTFIELDS)
  std::string response;
  std::optional<int64_t> retry_after_ms;
  char error[CURL_ERROR_SIZE] = {};
  Done done;
  ~Transfer() {
    curl_slist_free_all(headers);
    if (easy) curl_easy_cleanup(easy);
  }
};

namespace {

// The API's answers are a few hundred bytes; a server that sends more is
// not read on (a box has little memory): the transfer fails and the report
// stays waiting.
constexpr size_t kMaxAnswerBytes = 64 * 1024;
const char kAnswerTooLong[] = "the answer is longer than 64 KiB; not read";

size_t onBody(char* data, size_t size, size_t n, void* userp) {
  auto* t = static_cast<std::string*>(userp);
  if (t->size() + size * n > kMaxAnswerBytes) return 0;  // curl fails with CURLE_WRITE_ERROR
  t->append(data, size * n);
  return size * n;
}

// Retry-After: delay-seconds or an HTTP-date.
std::optional<int64_t> parseRetryAfter(std::string value) {
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) value.pop_back();
  size_t i = 0;
  while (i < value.size() && std::isspace(static_cast<unsigned char>(value[i]))) ++i;
  value = value.substr(i);
  if (value.empty()) return std::nullopt;
  bool digits = true;
  for (char c : value) digits = digits && std::isdigit(static_cast<unsigned char>(c));
  if (digits) {
    if (value.size() > 9) return int64_t{999'999'999} * 1000;
    return static_cast<int64_t>(std::stoll(value)) * 1000;
  }
  const time_t when = curl_getdate(value.c_str(), nullptr);
  if (when < 0) return std::nullopt;
  const int64_t delta = static_cast<int64_t>(when) - static_cast<int64_t>(std::time(nullptr));
  return delta > 0 ? delta * 1000 : 0;
}

size_t onHeader(char* data, size_t size, size_t n, void* userp) {
  auto* retry = static_cast<std::optional<int64_t>*>(userp);
  const std::string line(data, size * n);
  const std::string name = "retry-after:";
  if (line.size() > name.size()) {
    std::string head = line.substr(0, name.size());
    for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (head == name) *retry = parseRetryAfter(line.substr(name.size()));
  }
  return size * n;
}

// The starts of two reasons that collect() refines for a box without a
// client certificate.
const char kRefusedClient[] = "TLS: the server refused the box's client certificate";
const char kClosedAfterHandshake[] =
    "TLS: the server closed the connection right after the handshake";

bool contains(const std::string& text, const char* what) {
  return text.find(what) != std::string::npos;
}

bool readable(const std::string& path, const char* what, std::string* error) {
  if (::access(path.c_str(), R_OK) == 0) return true;
  if (error)
    *error = std::string("central client: ") + what + " " + path + ": " + std::strerror(errno);
  return false;
}

}  // namespace

std::string CentralClient::explain(int curl_code, long verify_result,
                                   const std::string& curl_message) {
  std::string meaning;
  switch (curl_code) {
    case CURLE_PEER_FAILED_VERIFICATION:
      switch (verify_result) {
        case 10:  // X509_V_ERR_CERT_HAS_EXPIRED
          meaning = "TLS: the server's certificate has expired";
          break;
        case 9:  // X509_V_ERR_CERT_NOT_YET_VALID
          meaning = "TLS: the server's certificate is not valid yet (is the box's clock right?)";
          break;
        case 2:   // UNABLE_TO_GET_ISSUER_CERT
        case 7:   // CERT_SIGNATURE_FAILURE
        case 18:  // DEPTH_ZERO_SELF_SIGNED_CERT
        case 19:  // SELF_SIGNED_CERT_IN_CHAIN
        case 20:  // UNABLE_TO_GET_ISSUER_CERT_LOCALLY
        case 21:  // UNABLE_TO_VERIFY_LEAF_SIGNATURE
          meaning =
              "TLS: the server's certificate is not from the configured CA (wrong CA or "
              "self-signed)";
          break;
        case 26:  // INVALID_PURPOSE
          meaning = "TLS: the server's certificate is not for a TLS server";
          break;
        case 62:  // HOSTNAME_MISMATCH
        case 64:  // IP_ADDRESS_MISMATCH
          meaning = "TLS: the server's certificate does not name this host (wrong host name)";
          break;
        default:
          if (contains(curl_message, "subject name") || contains(curl_message, "host name"))
            meaning = "TLS: the server's certificate does not name this host (wrong host name)";
          else
            meaning = "TLS: the server's certificate was not accepted";
      }
      break;
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
      if (contains(curl_message, "certificate required") || contains(curl_message, "unknown ca") ||
          contains(curl_message, "bad certificate") ||
          contains(curl_message, "certificate unknown") ||
          contains(curl_message, "handshake failure") ||
          contains(curl_message, "certificate expired") ||
          contains(curl_message, "unsupported certificate"))
        meaning = std::string(kRefusedClient) + " (missing, or not from the operator's CA)";
      else if (curl_code == CURLE_SSL_CONNECT_ERROR)
        meaning = "TLS: handshake failed";
      else
        meaning = "connection to the central system broken";
      break;
    case CURLE_COULDNT_CONNECT:
      meaning = "cannot connect to the central system (refused or unreachable)";
      break;
    case CURLE_COULDNT_RESOLVE_HOST:
      meaning = "cannot resolve the central system's host name";
      break;
    case CURLE_OPERATION_TIMEDOUT:
      meaning = "the central system did not answer in time";
      break;
    case CURLE_SSL_CERTPROBLEM:
      meaning = "TLS: the box's own certificate or key cannot be used";
      break;
    case CURLE_SSL_CACERT_BADFILE:
      meaning = "TLS: the configured CA file cannot be used";
      break;
    case CURLE_UNSUPPORTED_PROTOCOL:
      meaning = "refused: the central system's URL is not https";
      break;
    case CURLE_GOT_NOTHING:
      meaning = "the central system closed the connection without an answer";
      break;
    default:
      meaning = "transfer failed";
  }
  return meaning + " (" +
         (curl_message.empty() ? curl_easy_strerror(CURLcode(curl_code)) : curl_message) +
         "; curl " + std::to_string(curl_code) + ")";
}

CentralClient::CentralClient(EventLoop* loop, CentralClientConfig config)
    : loop_(loop), config_(std::move(config)), alive_(std::make_shared<bool>(true)) {}

std::unique_ptr<CentralClient> CentralClient::create(EventLoop* loop, CentralClientConfig config,
                                                     std::string* error) {
  if (config.base_url.compare(0, 8, "https://") != 0) {
    if (error) *error = "central client: " + config.base_url + " is not an https:// URL";
    return nullptr;
  }
  while (!config.base_url.empty() && config.base_url.back() == '/') config.base_url.pop_back();
  if (!readable(config.ca_file, "CA file", error)) return nullptr;
  if (config.cert_file.empty() != config.key_file.empty()) {
    if (error) *error = "central client: a client certificate needs its key and vice versa";
    return nullptr;
  }
  if (!config.cert_file.empty() && (!readable(config.cert_file, "certificate", error) ||
                                    !readable(config.key_file, "key", error)))
    return nullptr;
  static const CURLcode global = curl_global_init(CURL_GLOBAL_DEFAULT);
  if (global != CURLE_OK) {
    if (error)
      *error = std::string("central client: curl_global_init: ") + curl_easy_strerror(global);
    return nullptr;
  }
  std::unique_ptr<CentralClient> client(new CentralClient(loop, std::move(config)));
  CURLM* multi = curl_multi_init();
  if (!multi) {
    if (error) *error = "central client: curl_multi_init failed";
    return nullptr;
  }
  client->multi_ = multi;
  curl_multi_setopt(multi, CURLMOPT_SOCKETFUNCTION, &CentralClient::onSocket);
  curl_multi_setopt(multi, CURLMOPT_SOCKETDATA, client.get());
  curl_multi_setopt(multi, CURLMOPT_TIMERFUNCTION, &CentralClient::onTimer);
  curl_multi_setopt(multi, CURLMOPT_TIMERDATA, client.get());
  return client;
}

CentralClient::~CentralClient() {
  *alive_ = false;
  auto* multi = static_cast<CURLM*>(multi_);
  for (auto& [easy, t] : transfers_) curl_multi_remove_handle(multi, t->easy);
  transfers_.clear();
  if (multi) curl_multi_cleanup(multi);
  for (auto& [fd, id] : watches_) loop_->cancel(id);
  if (timer_) loop_->cancel(timer_);
}

int CentralClient::onSocket(void* /*easy*/, int fd, int what, void* userp, void* /*socketp*/) {
  auto* self = static_cast<CentralClient*>(userp);
  auto it = self->watches_.find(fd);
  if (it != self->watches_.end()) {
    self->loop_->cancel(it->second);
    self->watches_.erase(it);
  }
  if (what == CURL_POLL_REMOVE) return 0;
  short events = 0;
  if (what & CURL_POLL_IN) events |= POLLIN;
  if (what & CURL_POLL_OUT) events |= POLLOUT;
  self->watches_[fd] = self->loop_->watchFd(fd, events, [self, fd](short revents) {
    int mask = 0;
    if (revents & POLLIN) mask |= CURL_CSELECT_IN;
    if (revents & POLLOUT) mask |= CURL_CSELECT_OUT;
    if (revents & (POLLERR | POLLHUP | POLLNVAL)) mask |= CURL_CSELECT_ERR;
    self->action(fd, mask);
  });
  return 0;
}

int CentralClient::onTimer(void* /*multi*/, long timeout_ms, void* userp) {
  // curl must not be called from here: the loop calls it back instead.
  auto* self = static_cast<CentralClient*>(userp);
  if (self->timer_) {
    self->loop_->cancel(self->timer_);
    self->timer_ = 0;
  }
  if (timeout_ms < 0) return 0;
  self->timer_ = self->loop_->addTimer(self->loop_->clock().nowMs() + timeout_ms, [self] {
    self->timer_ = 0;
    self->action(CURL_SOCKET_TIMEOUT, 0);
  });
  return 0;
}

void CentralClient::action(int fd, int ev_bitmask) {
  int running = 0;
  curl_multi_socket_action(static_cast<CURLM*>(multi_), fd, ev_bitmask, &running);
  collect();
}

void CentralClient::collect() {
  // Finish every completed transfer first, then call back: a callback may
  // start a new request or destroy this client.
  std::vector<std::pair<Done, stb::CentralResponse>> finished;
  CURLMsg* msg;
  int left = 0;
  while ((msg = curl_multi_info_read(static_cast<CURLM*>(multi_), &left))) {
    if (msg->msg != CURLMSG_DONE) continue;
    CURL* easy = msg->easy_handle;
    const CURLcode code = msg->data.result;
    auto it = transfers_.find(easy);
    if (it == transfers_.end()) continue;
    Transfer& t = *it->second;
    stb::CentralResponse r;
    r.curl_code = code;
    if (code == CURLE_OK) {
      long status = 0;
      curl_easy_getinfo(easy, CURLINFO_RESPONSE_CODE, &status);
      r.http_status = status;
      r.body = std::move(t.response);
      r.retry_after_ms = t.retry_after_ms;
    } else {
      long verify = 0;
      curl_easy_getinfo(easy, CURLINFO_SSL_VERIFYRESULT, &verify);
      r.curl_error = explain(code, verify, t.error);
      if (code == CURLE_WRITE_ERROR) r.curl_error = kAnswerTooLong;  // only onBody refuses
      // Under TLS 1.3 the client finishes its handshake before the server
      // has judged the client certificate; a refusal then arrives as an
      // alert, or (a race) as a connection closed under our first write.
      curl_off_t appconnect_us = 0;
      curl_easy_getinfo(easy, CURLINFO_APPCONNECT_TIME_T, &appconnect_us);
      long header_bytes = 0;
      curl_easy_getinfo(easy, CURLINFO_HEADER_SIZE, &header_bytes);
      const std::string detail = std::string(t.error[0] ? t.error : curl_easy_strerror(code)) +
                                 "; curl " + std::to_string(code);
      if ((code == CURLE_SEND_ERROR || code == CURLE_RECV_ERROR || code == CURLE_GOT_NOTHING) &&
          appconnect_us > 0 && header_bytes == 0 && r.curl_error.compare(0, 5, "TLS: ") != 0)
        r.curl_error = std::string(kClosedAfterHandshake) +
                       " without an answer (it refused the box's client certificate, or dropped "
                       "the connection) (" +
                       detail + ")";
      // A box without a certificate of its own: that is the reason, however
      // the server's refusal looked on the wire (an alert, or a close).
      if (config_.cert_file.empty() && (r.curl_error.rfind(kRefusedClient, 0) == 0 ||
                                        r.curl_error.rfind(kClosedAfterHandshake, 0) == 0))
        r.curl_error =
            "TLS: the box has no client certificate ([central] client_cert and client_key are "
            "not set) and the central system requires one (" +
            detail + ")";
    }
    finished.emplace_back(std::move(t.done), std::move(r));
    curl_multi_remove_handle(static_cast<CURLM*>(multi_), easy);
    transfers_.erase(it);
  }
  std::weak_ptr<bool> alive = alive_;
  for (auto& [done, r] : finished) {
    if (alive.expired()) return;
    if (done) done(r);
  }
}

void CentralClient::request(const std::string& path, const std::string& body,
                            const std::vector<std::string>& headers, Done done) {
  auto t = std::make_unique<Transfer>();
  t->done = std::move(done);
  t->body = body;
  t->easy = curl_easy_init();
  const auto failNow = [this](std::unique_ptr<Transfer> failed, const std::string& why) {
    std::weak_ptr<bool> alive = alive_;
    auto shared = std::shared_ptr<Transfer>(std::move(failed));
    loop_->addTimer(loop_->clock().nowMs(), [alive, shared, why] {
      if (alive.expired()) return;
      stb::CentralResponse r;
      r.curl_code = CURLE_FAILED_INIT;
      r.curl_error = why;
      if (shared->done) shared->done(r);
    });
  };
  if (!t->easy) return failNow(std::move(t), "central client: curl_easy_init failed");
  CURL* e = t->easy;
  const std::string url = config_.base_url + path;
  curl_easy_setopt(e, CURLOPT_URL, url.c_str());
  curl_easy_setopt(e, CURLOPT_PROTOCOLS_STR, "https");
  curl_easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "https");
  curl_easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
  curl_easy_setopt(e, CURLOPT_PROXY, "");  // never an environment proxy
  curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(e, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1);
  // Trust: the operator's CA only; peer and host name always verified.
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 1L);
  curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 2L);
  curl_easy_setopt(e, CURLOPT_CAINFO, config_.ca_file.c_str());
  curl_easy_setopt(e, CURLOPT_CAPATH, nullptr);
  curl_easy_setopt(e, CURLOPT_SSLVERSION, CURL_SSLVERSION_TLSv1_2);
  if (!config_.cert_file.empty()) {
    curl_easy_setopt(e, CURLOPT_SSLCERT, config_.cert_file.c_str());
    curl_easy_setopt(e, CURLOPT_SSLCERTTYPE, "PEM");
    curl_easy_setopt(e, CURLOPT_SSLKEY, config_.key_file.c_str());
    curl_easy_setopt(e, CURLOPT_SSLKEYTYPE, "PEM");
  }
  curl_easy_setopt(e, CURLOPT_CONNECTTIMEOUT_MS, config_.connect_timeout_ms);
  curl_easy_setopt(e, CURLOPT_TIMEOUT_MS, config_.total_timeout_ms);
  curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->error);
  curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &onBody);
  curl_easy_setopt(e, CURLOPT_WRITEDATA, &t->response);
  curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &onHeader);
  curl_easy_setopt(e, CURLOPT_HEADERDATA, &t->retry_after_ms);
  curl_easy_setopt(e, CURLOPT_PRIVATE, t.get());

  t->headers = curl_slist_append(t->headers, "Accept: application/json");
  if (!body.empty()) {
    t->headers = curl_slist_append(t->headers, "Content-Type: application/json");
    t->headers = curl_slist_append(t->headers, "Expect:");  // no 100-continue round trip
    curl_easy_setopt(e, CURLOPT_POST, 1L);
    curl_easy_setopt(e, CURLOPT_POSTFIELDS, t->body.c_str());
    curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(t->body.size()));
  } else {
    curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
  }
  for (const auto& h : headers) t->headers = curl_slist_append(t->headers, h.c_str());
  curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->headers);

  transfers_[e] = std::move(t);
  const CURLMcode added = curl_multi_add_handle(static_cast<CURLM*>(multi_), e);
  if (added != CURLM_OK) {
    auto it = transfers_.find(e);
    std::unique_ptr<Transfer> failed = std::move(it->second);
    transfers_.erase(it);
    return failNow(std::move(failed), std::string("central client: curl_multi_add_handle: ") +
                                          curl_multi_strerror(added));
  }
}

}  // namespace platform
