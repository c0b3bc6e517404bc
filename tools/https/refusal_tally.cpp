#include "tools/https/refusal_tally.h"

namespace tools::https {
namespace {

// Distinct peers remembered per summary; more are counted as "more than".
constexpr size_t kMaxPeers = 10000;

const char* reasonText(Refusal why) {
  switch (why) {
    case Refusal::kPerPeerLimit:
      return "over the per-peer connection limit";
    case Refusal::kServerFull:
      return "server at its connection cap";
    case Refusal::kNoRequest:
      return "closed before a request (TLS handshake failed or timed out, or nothing sent in time)";
    case Refusal::kNoValidClientCert:
      return "without a valid client certificate";
  }
  return "?";
}

}  // namespace

void RefusalTally::add(Refusal why, const std::string& peer, const std::string& detail) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++counts_[static_cast<size_t>(why)];
  if (!peer.empty()) {
    if (peers_.size() < kMaxPeers)
      peers_.insert(peer);
    else if (!peers_.count(peer))
      peers_capped_ = true;
  }
  last_ = (peer.empty() ? std::string("?") : peer) + " " + reasonText(why) +
          (detail.empty() ? "" : ": " + detail);
}

std::string RefusalTally::takeSummary() {
  std::lock_guard<std::mutex> lock(mutex_);
  size_t total = 0;
  for (size_t n : counts_) total += n;
  if (total == 0) return "";
  std::string text = "refused " + std::to_string(total) +
                     (total == 1 ? " connection" : " connections") + " from " +
                     (peers_capped_ ? "more than " : "") + std::to_string(peers_.size()) +
                     (peers_.size() == 1 && !peers_capped_ ? " peer" : " peers") + ":";
  const char* sep = " ";
  for (size_t i = 0; i < 4; ++i) {
    if (counts_[i] == 0) continue;
    text += sep + std::to_string(counts_[i]) + " " + reasonText(static_cast<Refusal>(i));
    sep = ", ";
  }
  text += "; last: " + last_;
  for (size_t& n : counts_) n = 0;
  peers_.clear();
  peers_capped_ = false;
  last_.clear();
  return text;
}

}  // namespace tools::https
