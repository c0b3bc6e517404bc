#pragma once
// HTTPS for a simulated fleet: every box's requests on one libcurl multi
// handle, driven by the simulation's loop (pump), with each box's own client
// certificate and its own loopback source address (127.0.0.0/8), so the
// central system sees many peers, as it would see many boxes, and its
// per-peer connection limit means what it means in the field.
//
// Why not platform/central_client.h: it owns one multi handle per client on
// the daemon's EventLoop and keeps its connection open, which is right for
// one box; a few thousand of them would hold a few thousand idle TLS
// connections from one address. The transfer options (HTTPS only, peer and
// host verified, the operator's CA only, no proxy, no 100-continue) are the
// same.
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "stb/ports/central_api.h"

namespace tools::fleet {

// One finished exchange, as the fleet's figures count it.
struct Exchange {
  long http_status = 0;  // 0: no HTTP answer
  double latency_ms = 0;
  std::chrono::steady_clock::time_point finished;
};

class FleetHttp {
 public:
  static std::unique_ptr<FleetHttp> create(std::string* error);
  ~FleetHttp();
  FleetHttp(const FleetHttp&) = delete;
  FleetHttp& operator=(const FleetHttp&) = delete;

  struct Request {
    std::string url, ca_file, cert_file, key_file, source_address;
    std::string body;  // empty: GET
    std::vector<std::string> headers;
    stb::CentralApi::Done done;
  };
  void start(Request request);
  size_t inFlight() const { return transfers_.size(); }
  // Moves the transfers on, waiting at most MAX_WAIT_MS for the network,
  // then calls DONE of each one that finished (which may start others).
  void pump(int max_wait_ms);
  // Every finished exchange so far, in order.
  const std::vector<Exchange>& exchanges() const { return exchanges_; }

 private:
  struct Transfer;
  FleetHttp() = default;
  void* multi_ = nullptr;  // CURLM*
  std::vector<std::unique_ptr<Transfer>> transfers_;
  std::vector<Exchange> exchanges_;
};

// One box's CentralApi on the shared FleetHttp.
class BoxLink : public stb::CentralApi {
 public:
  struct Config {
    std::string base_url, ca_file, cert_file, key_file;
    std::string source_address;  // "127.0.1.7"
  };
  BoxLink(FleetHttp* http, Config config) : http_(http), config_(std::move(config)) {}
  void request(const std::string& path, const std::string& body,
               const std::vector<std::string>& headers, Done done) override;

 private:
  FleetHttp* http_;
  Config config_;
};

// The loopback address of box INDEX (0-based): 127.A.B.C, never .0 or .255.
std::string loopbackAddress(size_t index);

}  // namespace tools::fleet
