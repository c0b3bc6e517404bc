#pragma once
// The HTTPS front of stb-central: one thread, one poll loop, non-blocking
// sockets and OpenSSL. Every client must present a certificate that chains to
// the configured CA (SSL_VERIFY_PEER | SSL_VERIFY_FAIL_IF_NO_PEER_CERT, purpose
// TLS client); its subject CN is the box id handed to the request handler.
// HTTP/1.1 keep-alive, one request at a time per connection; limits from
// HttpLimits; a malformed request gets its error status and the connection
// is closed. One log line per request and per refused handshake.
#include <cstdint>
#include <cstdio>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "tools/stb-central/http_request.h"
#include "tools/stb-central/http_response.h"

struct ssl_ctx_st;

namespace tools::central {

struct TlsServerConfig {
  std::string host = "127.0.0.1";  // IPv4 address to bind
  uint16_t port = 8443;            // 0: any free port
  std::string cert_file;           // server certificate chain (PEM)
  std::string key_file;            // its private key (PEM)
  std::string ca_file;             // CA(s) that sign box certificates (PEM)
  HttpLimits limits;
  int handshake_timeout_ms = 10000;
  int idle_timeout_ms = 30000;  // between requests, and while a request arrives
  size_t max_connections = 128;
};

struct ClientInfo {
  std::string cn;    // verified certificate's subject CN (the box id)
  std::string peer;  // "ip:port"
};

using RequestHandler = std::function<HttpResponse(const HttpRequest&, const ClientInfo&)>;

// "HOST:PORT" with an IPv4 address; false on anything else.
bool parseListenAddress(const std::string& text, std::string* host, uint16_t* port);

class TlsServer {
 public:
  // Loads the certificates and binds the socket. nullptr and *error otherwise.
  static std::unique_ptr<TlsServer> create(const TlsServerConfig& config, std::string* error);
  ~TlsServer();
  TlsServer(const TlsServer&) = delete;
  TlsServer& operator=(const TlsServer&) = delete;

  uint16_t port() const { return port_; }
  // Serves until requestStop() (or a signal after stopOnSignals()). Log lines go to `log`.
  bool run(const RequestHandler& handler, std::FILE* log, std::string* error);
  // Async-signal-safe.
  void requestStop();
  // SIGTERM and SIGINT stop the server; SIGPIPE is ignored. One server per process.
  void stopOnSignals();

 private:
  struct Connection;
  TlsServer() = default;
  void accept(std::FILE* log);
  // Runs C's phases (handshake, read, write, drain) until the socket would block.
  void drive(Connection& c, const RequestHandler& handler, std::FILE* log);
  bool handshake(Connection& c, std::FILE* log);
  bool readRequest(Connection& c, const RequestHandler& handler, std::FILE* log);
  bool writeResponse(Connection& c, std::FILE* log);
  bool drain(Connection& c, std::FILE* log);
  // Queues BYTES to send, then close or read the next request.
  void startWriting(Connection& c, std::string bytes, bool close_after);
  // After an SSL call returned RC: true when it only waits for the socket
  // (recorded in c.wants_write); else logs WHAT failed, closes C, false.
  bool waitOrFail(Connection& c, int rc, const char* what, std::FILE* log);
  void closeConnection(Connection& c);

  TlsServerConfig config_;
  ssl_ctx_st* ctx_ = nullptr;
  int listen_fd_ = -1;
  int stop_pipe_[2] = {-1, -1};
  uint16_t port_ = 0;
  std::vector<std::unique_ptr<Connection>> connections_;
};

}  // namespace tools::central
