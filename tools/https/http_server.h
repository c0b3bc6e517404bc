#pragma once
// The HTTPS listeners of stb-central and stb-headend's console, on libmicrohttpd (GnuTLS): poll()
// loops in the library's own threads, so an idle connection costs a socket and a little memory,
// never a thread (docs/architecture.md says why this library, and why poll rather than its epoll
// mode).
//
// With a CA file (the box API) every client must present a certificate that
// chains to it, for TLS clients, with one subject CN: the box id handed to the
// handler. Without one (the staff console) no certificate is asked for.
// A client without a valid certificate never reaches the handler: it gets a
// TLS alert and the connection is closed, at its first request.
//
// Slow and idle clients: a connection has `first_request_timeout_s` of
// silence for its TLS handshake and its first request, and
// `first_request_deadline_s` in all (a client that trickles a byte now and
// then is cut off too); once a request has come in (and, on the box API, its
// certificate verified) it may idle for `idle_timeout_s` between requests. Each peer address holds
// at most `max_per_peer` connections, the server `max_connections`. Refused and unfinished
// connections are counted and summarised in one log line every `summary_interval_ms`
// (refusal_tally.h), never one line each; every answered request gets its own line.
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "tools/https/http_request.h"
#include "tools/https/http_response.h"
#include "tools/https/refusal_tally.h"

struct MHD_Daemon;
struct MHD_Connection;

namespace tools::https {

struct HttpServerConfig {
  std::string name = "box api";    // starts its summary lines
  std::string host = "127.0.0.1";  // IPv4 address to bind
  uint16_t port = 8443;            // 0: any free port
  std::string cert_file;           // server certificate chain (PEM)
  std::string key_file;            // its private key (PEM)
  std::string ca_file;             // CA(s) that sign client certificates (PEM); "": none asked
  HttpLimits limits;
  unsigned first_request_timeout_s = 3;
  unsigned first_request_deadline_s = 10;
  unsigned idle_timeout_s = 30;
  unsigned max_connections = 2048;
  unsigned max_per_peer = 32;
  unsigned threads = 2;  // the library's poll threads
  int summary_interval_ms = 10000;
};

struct ClientInfo {
  std::string cn;    // verified certificate's subject CN (the box id); "" without one
  std::string peer;  // "ip:port"
};

// Called once per whole request, from any of the server's threads (and the
// threads of other servers): a handler that is not thread-safe must lock.
using RequestHandler = std::function<HttpResponse(const HttpRequest&, const ClientInfo&)>;

// "HOST:PORT" with an IPv4 address; false on anything else.
bool parseListenAddress(const std::string& text, std::string* host, uint16_t* port);

// Raises this process's open-file limit to its hard limit (each connection is
// a descriptor). False and *error when it could not.
bool raiseOpenFileLimit(std::string* error);

class HttpServer {
 public:
  // Loads the certificates, binds and serves HANDLER at once; log lines go to
  // LOG. nullptr and *error otherwise.
  static std::unique_ptr<HttpServer> start(const HttpServerConfig& config, RequestHandler handler,
                                           std::FILE* log, std::string* error);
  // Stops: open connections are closed, the last summary is written.
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  uint16_t port() const { return port_; }

  // The library's callbacks (public so that its C callbacks can reach them).
  struct Connection;
  struct Request;
  bool acceptPeer(const std::string& ip);
  void connectionStarted(MHD_Connection* c, void** socket_context);
  void connectionClosed(void** socket_context);
  int onRequest(MHD_Connection* c, Request* r, const char* method, const char* version,
                const char* upload_data, size_t* upload_data_size);
  void onLibraryMessage(const std::string& text);

 private:
  HttpServer() = default;
  // The first call for a request R: checks the client and the head; false
  // when the connection is to close without an answer.
  bool startRequest(MHD_Connection* c, Connection& conn, Request& r, const char* method,
                    const char* version);
  void answer(MHD_Connection* c, const Connection& conn, Request& r, const HttpResponse& response);
  void logLine(const std::string& text);
  // Every second: cuts off connections past their first-request deadline;
  // every summary_interval_ms: the refusal summary.
  void watchLoop();
  void cutOffLate();

  HttpServerConfig config_;
  RequestHandler handler_;
  std::FILE* log_ = nullptr;
  std::string cert_pem_, key_pem_, ca_pem_;
  MHD_Daemon* daemon_ = nullptr;
  uint16_t port_ = 0;
  RefusalTally refusals_;

  std::mutex peers_mutex_;
  std::map<std::string, unsigned> peers_;  // open connections per peer address
  std::set<Connection*> open_;             // all of them, for the deadline

  std::atomic<bool> started_{false};  // false while the library starts: its messages are errors
  std::mutex start_mutex_;
  std::string start_messages_;
  size_t library_messages_ = 0;  // since the last summary (under start_mutex_)
  std::string last_library_message_;

  std::mutex stop_mutex_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
  std::thread summary_thread_;
};

}  // namespace tools::https
