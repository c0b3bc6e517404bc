#pragma once
// HTTPS to the central system (docs/central-api.md) with libcurl's multi
// interface on the daemon's EventLoop: curl's sockets become loop watchers,
// its timeout a loop timer, so a request never blocks the loop (DNS runs in
// curl's resolver thread).
//
// Security is not configurable: HTTPS only (http:// is refused at create and
// by CURLOPT_PROTOCOLS_STR), the server verified against the configured CA
// file only (no system store), host name checked (VERIFYPEER=1,
// VERIFYHOST=2), the box's client certificate and key always sent, proxies
// from the environment ignored. There is no option to relax any of it.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "platform/event_loop.h"
#include "stb/ports/central_api.h"

namespace platform {

struct CentralClientConfig {
  std::string base_url;  // https://host[:port], no trailing path
  // The box's certificate (PEM; its CN is the box id) and private key. Empty
  // only on a box not provisioned yet: requests are still tried (and the
  // server refuses the handshake, which the log then says).
  std::string cert_file;
  std::string key_file;
  std::string ca_file;  // the operator's CA (PEM): the only trust anchor
  long connect_timeout_ms = 10'000;
  long total_timeout_ms = 30'000;
};

class CentralClient : public stb::CentralApi {
 public:
  // nullptr and *error for a URL that is not https:// or files that cannot
  // be read, or when libcurl cannot be set up.
  static std::unique_ptr<CentralClient> create(EventLoop* loop, CentralClientConfig config,
                                               std::string* error);
  ~CentralClient() override;  // requests in flight are dropped, their callbacks not called
  CentralClient(const CentralClient&) = delete;
  CentralClient& operator=(const CentralClient&) = delete;

  // stb::CentralApi. DONE runs from the loop, after this returns.
  void request(const std::string& path, const std::string& body,
               const std::vector<std::string>& headers, Done done) override;

  size_t inFlight() const { return transfers_.size(); }

  // The log-worthy reason for a failed transfer: what it means for the box
  // first, then libcurl's own words (CURLOPT_ERRORBUFFER), e.g.
  // "TLS: the server's certificate has expired (SSL certificate problem:
  // certificate has expired; curl 60)". Public for the tests. (A send or
  // receive error after a completed handshake with no answer at all is
  // reported as a probable client-certificate refusal: under TLS 1.3 that
  // is how it can look.)
  static std::string explain(int curl_code, long verify_result, const std::string& curl_message);

 private:
  struct Transfer;
  CentralClient(EventLoop* loop, CentralClientConfig config);
  static int onSocket(void* easy, int fd, int what, void* userp, void* socketp);
  static int onTimer(void* multi, long timeout_ms, void* userp);
  void action(int fd, int ev_bitmask);
  void collect();

  EventLoop* loop_;
  CentralClientConfig config_;
  void* multi_ = nullptr;  // CURLM*
  std::map<int, EventLoop::Id> watches_;
  EventLoop::Id timer_ = 0;
  std::map<void*, std::unique_ptr<Transfer>> transfers_;  // by CURL*
  std::shared_ptr<bool> alive_;
};

}  // namespace platform
