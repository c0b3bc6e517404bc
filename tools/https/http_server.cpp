#include "tools/https/http_server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/resource.h>
#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdarg>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

#include "dvb/mjd_time.h"
#include "tools/https/client_cert.h"

namespace tools::https {

// One TCP connection, from the library's "started" to its "closed".
struct HttpServer::Connection {
  std::string ip;    // the peer address, the per-peer limit's key
  std::string peer;  // "ip:port"
  std::string cn;
  int fd = -1;  // the library's; valid while the connection is in open_
  std::chrono::steady_clock::time_point accepted;
  // A request came, and (box API) its certificate verified. Atomic: the
  // deadline watch reads it from its own thread.
  std::atomic<bool> verified{false};
  bool refused = false;  // refused (and counted) for its certificate
};

// One request, from its request line (the library's URI callback) to its end.
struct HttpServer::Request {
  std::string target;  // as sent
  bool started = false;
  bool answered = false;
  HttpRequest request;
};

namespace {

// TLS 1.2 or 1.3, and no session tickets: every connection verifies its
// client certificate in full (the library keeps no session cache either).
const char kTlsPriorities[] = "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:%NO_TICKETS";

bool readFile(const std::string& path, std::string* text, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  if (!in || s.str().empty()) {
    *error = path + ": cannot be read, or empty";
    return false;
  }
  *text = s.str();
  return true;
}

std::string ipOf(const sockaddr* addr) {
  char ip[INET6_ADDRSTRLEN] = "?";
  if (addr && addr->sa_family == AF_INET)
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(addr)->sin_addr, ip, sizeof ip);
  else if (addr && addr->sa_family == AF_INET6)
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(addr)->sin6_addr, ip, sizeof ip);
  return ip;
}

unsigned portOf(const sockaddr* addr) {
  if (addr && addr->sa_family == AF_INET)
    return ntohs(reinterpret_cast<const sockaddr_in*>(addr)->sin_port);
  if (addr && addr->sa_family == AF_INET6)
    return ntohs(reinterpret_cast<const sockaddr_in6*>(addr)->sin6_port);
  return 0;
}

HttpServer* serverOf(void* cls) {
  return static_cast<HttpServer*>(cls);
}

MHD_Result acceptPolicy(void* cls, const sockaddr* addr, socklen_t) {
  return serverOf(cls)->acceptPeer(ipOf(addr)) ? MHD_YES : MHD_NO;
}

void notifyConnection(void* cls, MHD_Connection* c, void** socket_context,
                      MHD_ConnectionNotificationCode code) {
  if (code == MHD_CONNECTION_NOTIFY_STARTED)
    serverOf(cls)->connectionStarted(c, socket_context);
  else
    serverOf(cls)->connectionClosed(socket_context);
}

// The request line has been read: its target as sent starts the request.
void* uriLog(void*, const char* uri, MHD_Connection*) {
  auto* r = new HttpServer::Request();
  r->target = uri ? uri : "";
  return r;
}

void requestCompleted(void*, MHD_Connection*, void** req_cls, MHD_RequestTerminationCode) {
  delete static_cast<HttpServer::Request*>(*req_cls);
  *req_cls = nullptr;
}

MHD_Result accessHandler(void* cls, MHD_Connection* c, const char*, const char* method,
                         const char* version, const char* upload_data, size_t* upload_data_size,
                         void** req_cls) {
  auto* r = static_cast<HttpServer::Request*>(*req_cls);
  if (!r) return MHD_NO;
  return serverOf(cls)->onRequest(c, r, method, version, upload_data, upload_data_size) ? MHD_YES
                                                                                        : MHD_NO;
}

void libraryLogger(void* cls, const char* format, va_list ap) {
  char text[512];
  std::vsnprintf(text, sizeof text, format, ap);
  std::string s = text;
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  serverOf(cls)->onLibraryMessage(s);
}

MHD_Result collectHeader(void* cls, MHD_ValueKind, const char* key, const char* value) {
  auto* headers = static_cast<std::vector<std::pair<std::string, std::string>>*>(cls);
  std::string name = key ? key : "";
  for (char& ch : name) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  headers->emplace_back(std::move(name), value ? value : "");
  return MHD_YES;
}

// Visible ASCII, as origin-form targets need (no spaces, no controls, no '#').
bool isTarget(const std::string& t) {
  if (t.empty() || t[0] != '/') return false;
  for (char ch : t)
    if (ch <= 0x20 || ch >= 0x7f || ch == '#') return false;
  return true;
}

// TEXT for a log line: at most MAX bytes, anything but visible ASCII as '?'.
std::string printable(const std::string& text, size_t max) {
  std::string out = text.substr(0, max);
  for (char& ch : out)
    if (ch <= 0x20 || ch >= 0x7f) ch = '?';
  if (text.size() > max) out += "...";
  return out;
}

HttpResponse closing(HttpResponse r) {
  r.close = true;
  return r;
}

}  // namespace

bool parseListenAddress(const std::string& text, std::string* host, uint16_t* port) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos || colon + 1 == text.size() || text.size() - colon > 6)
    return false;
  const std::string h = text.substr(0, colon);
  in_addr addr{};
  if (inet_pton(AF_INET, h.c_str(), &addr) != 1) return false;
  unsigned long p = 0;
  for (size_t i = colon + 1; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return false;
    p = p * 10 + static_cast<unsigned long>(text[i] - '0');
  }
  if (p > 65535) return false;
  *host = h;
  *port = static_cast<uint16_t>(p);
  return true;
}

bool raiseOpenFileLimit(std::string* error) {
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) != 0 ||
      (limit.rlim_cur < limit.rlim_max &&
       (limit.rlim_cur = limit.rlim_max, setrlimit(RLIMIT_NOFILE, &limit) != 0))) {
    if (error) *error = std::string("open-file limit: ") + std::strerror(errno);
    return false;
  }
  return true;
}

std::unique_ptr<HttpServer> HttpServer::start(const HttpServerConfig& config,
                                              RequestHandler handler, std::FILE* log,
                                              std::string* error) {
  std::unique_ptr<HttpServer> s(new HttpServer());
  s->config_ = config;
  s->handler_ = std::move(handler);
  s->log_ = log;
  std::string why;
  if (!readFile(config.cert_file, &s->cert_pem_, &why) ||
      !readFile(config.key_file, &s->key_pem_, &why) ||
      (!config.ca_file.empty() && !readFile(config.ca_file, &s->ca_pem_, &why))) {
    if (error) *error = why;
    return nullptr;
  }
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(config.port);
  if (inet_pton(AF_INET, config.host.c_str(), &addr.sin_addr) != 1) {
    if (error) *error = "not an IPv4 address: " + config.host;
    return nullptr;
  }
  // Each connection's memory: the library's own bound on a request head (it
  // answers 431 or 414 beyond it); the head's exact limits are checked on it.
  const size_t memory = 2 * config.limits.max_header_bytes;
  // Options that are there or not: the client CA (box API), a thread pool.
  MHD_OptionItem optional[] = {
      {MHD_OPTION_HTTPS_MEM_TRUST, 0, const_cast<char*>(s->ca_pem_.c_str())},
      {MHD_OPTION_THREAD_POOL_SIZE, static_cast<intptr_t>(config.threads), nullptr},
      {MHD_OPTION_END, 0, nullptr}};
  if (config.threads <= 1) optional[1].option = MHD_OPTION_END;
  // poll(), not MHD_USE_EPOLL: 0.9.75's epoll loop spins while a TLS
  // handshake waits for the client (about 66 wake-ups and 84 empty reads a
  // handshake, twice the CPU of a new connection); with MHD_USE_TURBO it
  // spins on a handshake that has not begun and never times it out.
  s->daemon_ = MHD_start_daemon(
      MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_POLL | MHD_USE_TLS | MHD_USE_ERROR_LOG, config.port,
      &acceptPolicy, s.get(), &accessHandler, s.get(),
      // The logger first: the options after it report through it.
      MHD_OPTION_EXTERNAL_LOGGER, &libraryLogger, s.get(), MHD_OPTION_SOCK_ADDR, &addr,
      MHD_OPTION_HTTPS_MEM_CERT, s->cert_pem_.c_str(), MHD_OPTION_HTTPS_MEM_KEY,
      s->key_pem_.c_str(), MHD_OPTION_HTTPS_PRIORITIES, kTlsPriorities, MHD_OPTION_ARRAY,
      config.ca_file.empty() ? &optional[1] : optional, MHD_OPTION_CONNECTION_TIMEOUT,
      config.first_request_timeout_s, MHD_OPTION_CONNECTION_LIMIT, config.max_connections,
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, memory, MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024u,
      MHD_OPTION_STRICT_FOR_CLIENT, 1, MHD_OPTION_NOTIFY_CONNECTION, &notifyConnection, s.get(),
      MHD_OPTION_URI_LOG_CALLBACK, &uriLog, s.get(), MHD_OPTION_NOTIFY_COMPLETED, &requestCompleted,
      s.get(), MHD_OPTION_END);
  if (!s->daemon_) {
    std::lock_guard<std::mutex> lock(s->start_mutex_);
    if (error)
      *error = "cannot serve on " + config.host + ":" + std::to_string(config.port) +
               (s->start_messages_.empty() ? "" : ": " + s->start_messages_);
    return nullptr;
  }
  s->started_ = true;
  const MHD_DaemonInfo* info = MHD_get_daemon_info(s->daemon_, MHD_DAEMON_INFO_BIND_PORT);
  s->port_ = info ? info->port : config.port;
  s->summary_thread_ = std::thread([p = s.get()] { p->watchLoop(); });
  return s;
}

HttpServer::~HttpServer() {
  if (daemon_) MHD_stop_daemon(daemon_);
  {
    std::lock_guard<std::mutex> lock(stop_mutex_);
    stopping_ = true;
  }
  stop_cv_.notify_all();
  if (summary_thread_.joinable()) summary_thread_.join();
}

void HttpServer::watchLoop() {
  using Clock = std::chrono::steady_clock;
  const auto interval = std::chrono::milliseconds(config_.summary_interval_ms);
  auto next_summary = Clock::now() + interval;
  std::unique_lock<std::mutex> lock(stop_mutex_);
  for (bool last = false; !last;) {
    last = stop_cv_.wait_until(lock, std::min(next_summary, Clock::now() + std::chrono::seconds(1)),
                               [this] { return stopping_; });
    if (!last) cutOffLate();
    if (!last && Clock::now() < next_summary) continue;
    next_summary = Clock::now() + interval;
    const std::string summary = refusals_.takeSummary();
    if (!summary.empty()) logLine(config_.name + ": " + summary);
    std::lock_guard<std::mutex> messages(start_mutex_);
    if (library_messages_ > 0)
      logLine(config_.name + ": the HTTP library said " + std::to_string(library_messages_) +
              (library_messages_ == 1 ? " thing" : " things") + "; last: " + last_library_message_);
    library_messages_ = 0;
  }
}

void HttpServer::cutOffLate() {
  const auto too_old =
      std::chrono::steady_clock::now() - std::chrono::seconds(config_.first_request_deadline_s);
  // The library closes a socket only after telling connectionClosed(), which
  // takes this lock: every fd in open_ is still that connection's. shutdown()
  // makes its next read fail, and the library closes it in its own thread.
  std::lock_guard<std::mutex> lock(peers_mutex_);
  for (Connection* c : open_)
    if (!c->verified && c->accepted < too_old && c->fd >= 0) {
      shutdown(c->fd, SHUT_RDWR);
      c->fd = -1;  // once
    }
}

void HttpServer::logLine(const std::string& text) {
  // One write per line: lines of several threads never interleave.
  const std::string line =
      dvb::formatIso8601(static_cast<dvb::UtcSeconds>(std::time(nullptr))) + " " + text + "\n";
  std::fputs(line.c_str(), log_);
  std::fflush(log_);
}

void HttpServer::onLibraryMessage(const std::string& text) {
  if (!started_) {
    std::lock_guard<std::mutex> lock(start_mutex_);
    start_messages_ += (start_messages_.empty() ? "" : "; ") + text;
    return;
  }
  // Its messages about single connections come with every bad handshake
  // (the connection is counted when it closes): the cap is told apart, the
  // rest summarised with the refusals, never a line each.
  if (text.find("connection limit") != std::string::npos) {
    refusals_.add(Refusal::kServerFull, "");
    return;
  }
  // Our own refusals (the handler said no) and failed handshakes: counted.
  if (text.find("Application reported internal error") != std::string::npos ||
      text.find("handshake message out of context") != std::string::npos)
    return;
  std::lock_guard<std::mutex> lock(start_mutex_);
  ++library_messages_;
  last_library_message_ = text;
}

bool HttpServer::acceptPeer(const std::string& ip) {
  // Counted here, not when the connection starts: the library's threads
  // accept at the same time, and each must see the others' connections.
  // (Should the library then fail to set the connection up, out of memory,
  // the count stays one too high for that peer.)
  std::lock_guard<std::mutex> lock(peers_mutex_);
  unsigned& open = peers_[ip];
  if (open >= config_.max_per_peer) {
    refusals_.add(Refusal::kPerPeerLimit, ip);
    return false;
  }
  ++open;
  return true;
}

void HttpServer::connectionStarted(MHD_Connection* c, void** socket_context) {
  auto* conn = new Connection();
  const MHD_ConnectionInfo* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
  const sockaddr* addr = info ? info->client_addr : nullptr;
  conn->ip = ipOf(addr);
  conn->peer = conn->ip + ":" + std::to_string(portOf(addr));
  conn->accepted = std::chrono::steady_clock::now();
  *socket_context = conn;
  // An answer goes out as two TLS records (head, body): without this the
  // second waits for the client's delayed ACK of the first (40 ms).
  if (const MHD_ConnectionInfo* fd =
          MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD)) {
    const int one = 1;
    setsockopt(fd->connect_fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    conn->fd = fd->connect_fd;
  }
  std::lock_guard<std::mutex> lock(peers_mutex_);
  open_.insert(conn);
}

void HttpServer::connectionClosed(void** socket_context) {
  auto* conn = static_cast<Connection*>(*socket_context);
  if (!conn) return;
  *socket_context = nullptr;
  if (!conn->verified && !conn->refused) refusals_.add(Refusal::kNoRequest, conn->ip);
  {
    std::lock_guard<std::mutex> lock(peers_mutex_);
    const auto it = peers_.find(conn->ip);
    if (it != peers_.end() && --it->second == 0) peers_.erase(it);
    open_.erase(conn);
  }
  delete conn;
}

bool HttpServer::startRequest(MHD_Connection* c, Connection& conn, Request& r, const char* method,
                              const char* version) {
  if (!conn.verified && !ca_pem_.empty()) {
    const MHD_ConnectionInfo* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_GNUTLS_SESSION);
    std::string why;
    const ClientCertProblem problem =
        info ? verifyClientCertificate(info->tls_session, &conn.cn, &why)
             : ClientCertProblem::kMissing;
    if (problem != ClientCertProblem::kNone) {
      conn.refused = true;
      refusals_.add(Refusal::kNoValidClientCert, conn.ip, why);
      if (info) sendRefusalAlert(info->tls_session, problem);
      return false;
    }
  }
  if (!conn.verified) {
    conn.verified = true;
    MHD_set_connection_option(c, MHD_CONNECTION_OPTION_TIMEOUT, config_.idle_timeout_s);
  }
  HttpRequest& q = r.request;
  q.method = method ? method : "";
  q.version = version ? version : "";
  q.target = r.target;
  q.path = r.target.substr(0, r.target.find('?'));
  MHD_get_connection_values(c, MHD_HEADER_KIND, &collectHeader, &q.headers);
  q.keep_alive = keepsAlive(q.version, q.header("connection"));
  return true;
}

int HttpServer::onRequest(MHD_Connection* c, Request* r, const char* method, const char* version,
                          const char* upload_data, size_t* upload_data_size) {
  const MHD_ConnectionInfo* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
  auto* conn = info ? static_cast<Connection*>(info->socket_context) : nullptr;
  if (!conn) return MHD_NO;
  if (r->answered) {  // the rest of a body refused on its head: dropped
    *upload_data_size = 0;
    return MHD_YES;
  }
  const HttpLimits& limits = config_.limits;
  if (!r->started) {
    r->started = true;
    if (!startRequest(c, *conn, *r, method, version)) return MHD_NO;
    const HttpRequest& q = r->request;
    const MHD_ConnectionInfo* head =
        MHD_get_connection_info(c, MHD_CONNECTION_INFO_REQUEST_HEADER_SIZE);
    const std::string* length = q.header("content-length");
    const std::string* expect = q.header("expect");
    std::optional<HttpResponse> refusal;
    if (q.target.size() > limits.max_request_line)
      refusal = HttpResponse::error(414, "request_line_too_long", "request target too long");
    else if (!isTarget(q.target))
      refusal = HttpResponse::error(400, "bad_target", "request target must be an absolute path");
    else if (head && head->header_size > limits.max_header_bytes)
      refusal = HttpResponse::error(431, "headers_too_large",
                                    "request header section larger than the limit");
    else if (q.headers.size() > limits.max_header_count)
      refusal = HttpResponse::error(431, "too_many_headers", "more header fields than the limit");
    else if (q.header("transfer-encoding"))
      refusal = HttpResponse::error(
          411, "length_required",
          "Transfer-Encoding is not supported; send the body with Content-Length");
    else if (expect && !(expect->size() == 12 && strcasecmp(expect->c_str(), "100-continue") == 0))
      refusal =
          HttpResponse::error(417, "expectation_failed", "only Expect: 100-continue is supported");
    else if (length &&
             (length->size() > 18 || std::strtoull(length->c_str(), nullptr, 10) > limits.max_body))
      refusal = HttpResponse::error(
          413, "body_too_large",
          "request body larger than " + std::to_string(limits.max_body) + " bytes");
    if (refusal) answer(c, *conn, *r, closing(*refusal));
    return MHD_YES;
  }
  if (*upload_data_size != 0) {
    if (r->request.body.size() + *upload_data_size > limits.max_body) {
      answer(c, *conn, *r,
             closing(HttpResponse::error(
                 413, "body_too_large",
                 "request body larger than " + std::to_string(limits.max_body) + " bytes")));
    } else {
      r->request.body.append(upload_data, *upload_data_size);
    }
    *upload_data_size = 0;
    return MHD_YES;
  }
  answer(c, *conn, *r, handler_(r->request, ClientInfo{conn->cn, conn->peer}));
  return MHD_YES;
}

void HttpServer::answer(MHD_Connection* c, const Connection& conn, Request& r,
                        const HttpResponse& response) {
  r.answered = true;
  MHD_Response* m = MHD_create_response_from_buffer(
      response.body.size(), const_cast<char*>(response.body.data()), MHD_RESPMEM_MUST_COPY);
  if (!m) return;
  for (const auto& [name, value] : response.headers)
    MHD_add_response_header(m, name.c_str(), value.c_str());
  MHD_add_response_header(m, "Cache-Control", "no-store");
  if (response.close) MHD_add_response_header(m, MHD_HTTP_HEADER_CONNECTION, "close");
  MHD_queue_response(c, static_cast<unsigned>(response.status), m);
  MHD_destroy_response(m);
  logLine(conn.peer + " cn=" + (conn.cn.empty() ? "-" : conn.cn) + " " +
          printable(r.request.method, 16) + " " + printable(r.request.path, 160) + " " +
          std::to_string(response.status) +
          (response.log_note.empty() ? "" : " " + response.log_note));
}

}  // namespace tools::https
