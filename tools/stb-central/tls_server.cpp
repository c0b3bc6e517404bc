#include "tools/stb-central/tls_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <ctime>

#include "tools/stb-central/time_util.h"

namespace tools::central {
namespace {

volatile sig_atomic_t g_stop_fd = -1;

void onStopSignal(int) {
  const int saved = errno;
  const int fd = g_stop_fd;
  if (fd >= 0) {
    const ssize_t n = write(fd, "s", 1);
    (void)n;
  }
  errno = saved;
}

int64_t monotonicMs() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

// The oldest queued OpenSSL error as text (and the queue cleared).
std::string sslErrorText() {
  const unsigned long e = ERR_get_error();
  ERR_clear_error();
  if (e == 0) return "no OpenSSL error";
  char buf[256];
  ERR_error_string_n(e, buf, sizeof buf);
  return buf;
}

std::string peerAddress(const sockaddr_in& a) {
  char ip[INET_ADDRSTRLEN] = "?";
  inet_ntop(AF_INET, &a.sin_addr, ip, sizeof ip);
  return std::string(ip) + ":" + std::to_string(ntohs(a.sin_port));
}

// The verified peer certificate's single subject CN, printable ASCII only.
bool peerCommonName(SSL* ssl, std::string* cn, std::string* why) {
  if (SSL_get_verify_result(ssl) != X509_V_OK) {
    *why = "certificate not verified";
    return false;
  }
  X509* cert = SSL_get1_peer_certificate(ssl);
  if (!cert) {
    *why = "no client certificate";
    return false;
  }
  bool ok = false;
  X509_NAME* name = X509_get_subject_name(cert);
  const int idx = X509_NAME_get_index_by_NID(name, NID_commonName, -1);
  if (idx < 0 || X509_NAME_get_index_by_NID(name, NID_commonName, idx) >= 0) {
    *why = "client certificate needs exactly one subject CN";
  } else {
    unsigned char* utf8 = nullptr;
    const int len =
        ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, idx)));
    if (len > 0 && len <= 64) {
      cn->assign(reinterpret_cast<const char*>(utf8), static_cast<size_t>(len));
      ok = true;
      for (char c : *cn)
        if (c <= 0x20 || c >= 0x7f) ok = false;
      if (!ok) *why = "client certificate CN has characters outside printable ASCII";
    } else {
      *why = "client certificate CN is empty or too long";
    }
    OPENSSL_free(utf8);
  }
  X509_free(cert);
  return ok;
}

// One line of the request log, about CLIENT.
void logLine(std::FILE* log, const ClientInfo& client, const std::string& what) {
  std::fprintf(log, "%s %s cn=%s %s\n", dvb::formatIso8601(systemNow()).c_str(),
               client.peer.c_str(), client.cn.empty() ? "-" : client.cn.c_str(), what.c_str());
  std::fflush(log);
}

}  // namespace

struct TlsServer::Connection {
  enum class Phase { kHandshake, kReading, kWriting, kDraining, kClosed };
  int fd = -1;
  SSL* ssl = nullptr;
  ClientInfo client;
  Phase phase = Phase::kHandshake;
  bool wants_write = false;  // the last SSL call needs the socket writable
  std::string in;
  std::string out;
  size_t out_offset = 0;
  bool close_after_write = false;
  bool sent_continue = false;
  int64_t deadline_ms = 0;
};

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

std::unique_ptr<TlsServer> TlsServer::create(const TlsServerConfig& config, std::string* error) {
  std::unique_ptr<TlsServer> s(new TlsServer());
  s->config_ = config;
  auto fail = [&](const std::string& why) {
    if (error) *error = why;
    return nullptr;
  };
  SSL_CTX* ctx = SSL_CTX_new(TLS_server_method());
  if (!ctx) return fail("SSL_CTX_new: " + sslErrorText());
  s->ctx_ = ctx;
  SSL_CTX_set_min_proto_version(ctx, TLS1_2_VERSION);
  // Full verification on every connection: no resumption, no renegotiation.
  SSL_CTX_set_options(ctx, SSL_OP_NO_TICKET | SSL_OP_NO_RENEGOTIATION);
  SSL_CTX_set_session_cache_mode(ctx, SSL_SESS_CACHE_OFF);
  SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  if (SSL_CTX_use_certificate_chain_file(ctx, config.cert_file.c_str()) != 1)
    return fail(config.cert_file + ": " + sslErrorText());
  if (SSL_CTX_use_PrivateKey_file(ctx, config.key_file.c_str(), SSL_FILETYPE_PEM) != 1)
    return fail(config.key_file + ": " + sslErrorText());
  if (SSL_CTX_check_private_key(ctx) != 1)
    return fail(config.key_file + ": does not match " + config.cert_file);
  if (SSL_CTX_load_verify_locations(ctx, config.ca_file.c_str(), nullptr) != 1)
    return fail(config.ca_file + ": " + sslErrorText());
  STACK_OF(X509_NAME)* names = SSL_load_client_CA_file(config.ca_file.c_str());
  if (!names) return fail(config.ca_file + ": no CA certificate in it");
  SSL_CTX_set_client_CA_list(ctx, names);
  SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, nullptr);
  SSL_CTX_set_verify_depth(ctx, 4);
  SSL_CTX_set_purpose(ctx, X509_PURPOSE_SSL_CLIENT);

  if (pipe2(s->stop_pipe_, O_NONBLOCK | O_CLOEXEC) != 0)
    return fail(std::string("pipe: ") + std::strerror(errno));
  s->listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (s->listen_fd_ < 0) return fail(std::string("socket: ") + std::strerror(errno));
  const int one = 1;
  setsockopt(s->listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(config.port);
  if (inet_pton(AF_INET, config.host.c_str(), &addr.sin_addr) != 1)
    return fail("not an IPv4 address: " + config.host);
  if (bind(s->listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
    return fail("bind " + config.host + ":" + std::to_string(config.port) + ": " +
                std::strerror(errno));
  if (listen(s->listen_fd_, 64) != 0) return fail(std::string("listen: ") + std::strerror(errno));
  socklen_t len = sizeof addr;
  getsockname(s->listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  s->port_ = ntohs(addr.sin_port);
  return s;
}

TlsServer::~TlsServer() {
  for (auto& c : connections_) closeConnection(*c);
  if (g_stop_fd == stop_pipe_[1]) g_stop_fd = -1;
  if (listen_fd_ >= 0) close(listen_fd_);
  for (int fd : stop_pipe_)
    if (fd >= 0) close(fd);
  SSL_CTX_free(ctx_);
}

void TlsServer::requestStop() {
  const ssize_t n = write(stop_pipe_[1], "s", 1);
  (void)n;
}

void TlsServer::stopOnSignals() {
  g_stop_fd = stop_pipe_[1];
  struct sigaction sa {};
  sa.sa_handler = onStopSignal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGTERM, &sa, nullptr);
  sigaction(SIGINT, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);
}

void TlsServer::closeConnection(Connection& c) {
  if (c.phase == Connection::Phase::kClosed) return;
  if (c.ssl) {
    ERR_clear_error();
    SSL_free(c.ssl);
    c.ssl = nullptr;
  }
  if (c.fd >= 0) close(c.fd);
  c.fd = -1;
  c.phase = Connection::Phase::kClosed;
}

void TlsServer::accept(std::FILE* log) {
  while (connections_.size() < config_.max_connections) {
    sockaddr_in addr{};
    socklen_t len = sizeof addr;
    const int fd =
        accept4(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd < 0) {
      if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR && errno != ECONNABORTED)
        std::fprintf(log, "%s accept: %s\n", dvb::formatIso8601(systemNow()).c_str(),
                     std::strerror(errno));
      return;
    }
    auto c = std::make_unique<Connection>();
    c->fd = fd;
    c->client.peer = peerAddress(addr);
    c->ssl = SSL_new(ctx_);
    if (!c->ssl || SSL_set_fd(c->ssl, fd) != 1) {
      std::fprintf(log, "%s %s SSL_new: %s\n", dvb::formatIso8601(systemNow()).c_str(),
                   c->client.peer.c_str(), sslErrorText().c_str());
      closeConnection(*c);
      continue;
    }
    SSL_set_accept_state(c->ssl);
    c->deadline_ms = monotonicMs() + config_.handshake_timeout_ms;
    connections_.push_back(std::move(c));
  }
}

// Each step below runs the connection's current phase as far as it can go:
// true to run the next phase now, false to wait for the socket (or when the
// connection is closed).
void TlsServer::drive(Connection& c, const RequestHandler& handler, std::FILE* log) {
  using Phase = Connection::Phase;
  for (bool more = true; more;) {
    ERR_clear_error();
    switch (c.phase) {
      case Phase::kClosed:
        return;
      case Phase::kHandshake:
        more = handshake(c, log);
        break;
      case Phase::kReading:
        more = readRequest(c, handler, log);
        break;
      case Phase::kWriting:
        more = writeResponse(c, log);
        break;
      case Phase::kDraining:
        more = drain(c, log);
        break;
    }
  }
}

bool TlsServer::waitOrFail(Connection& c, int rc, const char* what, std::FILE* log) {
  using Phase = Connection::Phase;
  const int e = SSL_get_error(c.ssl, rc);
  if (e == SSL_ERROR_WANT_READ || e == SSL_ERROR_WANT_WRITE) {
    c.wants_write = e == SSL_ERROR_WANT_WRITE;
    ERR_clear_error();
    return true;
  }
  if (e == SSL_ERROR_ZERO_RETURN || (e == SSL_ERROR_SYSCALL && ERR_peek_error() == 0)) {
    if (c.phase == Phase::kReading && !c.in.empty())
      logLine(log, c.client, "closed during a request");
    if (c.phase == Phase::kHandshake)
      logLine(log, c.client, "tls handshake failed: connection closed");
  } else if (c.phase != Phase::kDraining) {
    std::string why = sslErrorText();
    const long verify = SSL_get_verify_result(c.ssl);
    if (verify != X509_V_OK) why += " (" + std::string(X509_verify_cert_error_string(verify)) + ")";
    logLine(log, c.client, std::string(what) + " failed: " + why);
  }
  closeConnection(c);
  return false;
}

bool TlsServer::handshake(Connection& c, std::FILE* log) {
  const int rc = SSL_do_handshake(c.ssl);
  if (rc != 1) {
    waitOrFail(c, rc, "tls handshake", log);
    return false;
  }
  std::string why;
  if (!peerCommonName(c.ssl, &c.client.cn, &why)) {
    logLine(log, c.client, "tls refused: " + why);
    closeConnection(c);
    return false;
  }
  c.phase = Connection::Phase::kReading;
  c.deadline_ms = monotonicMs() + config_.idle_timeout_ms;
  return true;
}

bool TlsServer::readRequest(Connection& c, const RequestHandler& handler, std::FILE* log) {
  ParseResult p = parseHttpRequest(c.in, config_.limits);
  if (p.state == ParseState::kComplete) {
    c.in.erase(0, p.consumed);
    c.sent_continue = false;
    const HttpResponse r = handler(p.request, c.client);
    logLine(log, c.client,
            p.request.method + " " + p.request.path + " " + std::to_string(r.status) +
                (r.log_note.empty() ? "" : " " + r.log_note));
    startWriting(c, serializeResponse(r, p.request.keep_alive), !p.request.keep_alive || r.close);
    return true;
  }
  if (p.state == ParseState::kError) {
    HttpResponse r = HttpResponse::error(p.error_status, p.error_code, p.error_message);
    r.close = true;
    logLine(log, c.client, "- - " + std::to_string(r.status) + " " + p.error_code);
    c.in.clear();
    startWriting(c, serializeResponse(r, false), true);
    return true;
  }
  if (p.headers_complete && p.expect_continue && !c.sent_continue) {
    c.sent_continue = true;
    startWriting(c, "HTTP/1.1 100 Continue\r\n\r\n", false);
    return true;
  }
  char buf[16384];
  const int n = SSL_read(c.ssl, buf, sizeof buf);
  if (n <= 0) {
    waitOrFail(c, n, "read", log);
    return false;
  }
  c.in.append(buf, static_cast<size_t>(n));
  c.deadline_ms = monotonicMs() + config_.idle_timeout_ms;
  return true;
}

void TlsServer::startWriting(Connection& c, std::string bytes, bool close_after) {
  c.out = std::move(bytes);
  c.close_after_write = close_after;
  c.phase = Connection::Phase::kWriting;
}

bool TlsServer::writeResponse(Connection& c, std::FILE* log) {
  const int n =
      SSL_write(c.ssl, c.out.data() + c.out_offset, static_cast<int>(c.out.size() - c.out_offset));
  if (n <= 0) {
    waitOrFail(c, n, "write", log);
    return false;
  }
  c.out_offset += static_cast<size_t>(n);
  if (c.out_offset < c.out.size()) return true;
  c.out.clear();
  c.out_offset = 0;
  if (c.close_after_write) {
    // close_notify, then read and drop what the client still sends (for a
    // moment) so that it sees our answer rather than a reset.
    SSL_shutdown(c.ssl);
    c.phase = Connection::Phase::kDraining;
    c.deadline_ms = monotonicMs() + 2000;
  } else {
    c.phase = Connection::Phase::kReading;
    c.deadline_ms = monotonicMs() + config_.idle_timeout_ms;
  }
  return true;
}

bool TlsServer::drain(Connection& c, std::FILE* log) {
  char buf[16384];
  const int n = SSL_read(c.ssl, buf, sizeof buf);
  if (n <= 0) {
    waitOrFail(c, n, "drain", log);
    return false;
  }
  return true;
}

bool TlsServer::run(const RequestHandler& handler, std::FILE* log, std::string* error) {
  std::vector<pollfd> fds;
  for (;;) {
    fds.clear();
    fds.push_back(pollfd{stop_pipe_[0], POLLIN, 0});
    fds.push_back(
        pollfd{listen_fd_,
               static_cast<short>(connections_.size() < config_.max_connections ? POLLIN : 0), 0});
    int64_t now = monotonicMs();
    int64_t next_deadline = now + 1000;
    for (const auto& c : connections_) {
      fds.push_back(pollfd{c->fd, static_cast<short>(c->wants_write ? POLLOUT : POLLIN), 0});
      next_deadline = std::min(next_deadline, c->deadline_ms);
    }
    const int timeout = static_cast<int>(std::max<int64_t>(0, next_deadline - now));
    if (poll(fds.data(), fds.size(), timeout) < 0 && errno != EINTR) {
      if (error) *error = std::string("poll: ") + std::strerror(errno);
      return false;
    }
    if (fds[0].revents) break;
    // Connections first (their pollfds follow the two fixed ones, in order).
    for (size_t i = 0; i < connections_.size(); ++i)
      if (fds[i + 2].revents) drive(*connections_[i], handler, log);
    if (fds[1].revents & POLLIN) {
      const size_t before = connections_.size();
      accept(log);
      for (size_t i = before; i < connections_.size(); ++i) drive(*connections_[i], handler, log);
    }
    now = monotonicMs();
    for (auto& c : connections_) {
      if (c->phase != Connection::Phase::kClosed && now >= c->deadline_ms) {
        if (c->phase != Connection::Phase::kDraining &&
            (c->phase != Connection::Phase::kReading || !c->in.empty()))
          std::fprintf(log, "%s %s cn=%s timed out\n", dvb::formatIso8601(systemNow()).c_str(),
                       c->client.peer.c_str(), c->client.cn.empty() ? "-" : c->client.cn.c_str());
        closeConnection(*c);
      }
    }
    connections_.erase(std::remove_if(connections_.begin(), connections_.end(),
                                      [](const std::unique_ptr<Connection>& c) {
                                        return c->phase == Connection::Phase::kClosed;
                                      }),
                       connections_.end());
  }
  for (auto& c : connections_) {
    if (c->phase == Connection::Phase::kReading || c->phase == Connection::Phase::kWriting) {
      ERR_clear_error();
      SSL_shutdown(c->ssl);
    }
    closeConnection(*c);
  }
  connections_.clear();
  return true;
}

}  // namespace tools::central
