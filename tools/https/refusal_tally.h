#pragma once
// Connections the HTTP server refused, counted rather than logged one by one
// (anyone who can reach the port can make thousands): the server adds each
// refusal, and a periodic log line says how many, from how many peers, why.
// Thread-safe: the server's threads add, its summary thread takes.
#include <cstddef>
#include <mutex>
#include <set>
#include <string>

namespace tools::https {

enum class Refusal {
  kPerPeerLimit,       // the peer already had its share of connections
  kServerFull,         // the server's connection cap was reached
  kNoRequest,          // closed before a whole request: TLS handshake failed, timed out, or silent
  kNoValidClientCert,  // box API: no client certificate, or one that does not verify
};

class RefusalTally {
 public:
  // PEER is the address without the port ("" when the library did not say).
  void add(Refusal why, const std::string& peer, const std::string& detail = "");
  // "refused N connections from M peers: ..." for what was added since the
  // last call, and the counts reset; "" when nothing was refused.
  std::string takeSummary();

 private:
  std::mutex mutex_;
  size_t counts_[4] = {0, 0, 0, 0};
  std::set<std::string> peers_;  // bounded: see add()
  bool peers_capped_ = false;
  std::string last_;
};

}  // namespace tools::https
