#include "tools/stb-headend/off_air_rate.h"

#include "dvb/ts_packet.h"

namespace tools::headend {

void OffAirRate::add(uint64_t stream_ms, uint64_t packets) {
  if (!first_ms_) first_ms_ = stream_ms;
  if (packets == 0) return;
  if (!counts_.empty() && counts_.back().first >= stream_ms)
    counts_.back().second += packets;  // same moment (or a clock step back): one bucket
  else
    counts_.emplace_back(stream_ms, packets);
  packets_ += packets;
}

std::optional<uint64_t> OffAirRate::bitsPerSecond(uint64_t now_ms) {
  if (!first_ms_ || now_ms < *first_ms_ + window_ms_) return std::nullopt;
  expire(now_ms);
  return packets_ * dvb::kTsPacketSize * 8 * 1000 / window_ms_;
}

void OffAirRate::expire(uint64_t now_ms) {
  while (!counts_.empty() && counts_.front().first + window_ms_ <= now_ms) {
    packets_ -= counts_.front().second;
    counts_.pop_front();
  }
}

}  // namespace tools::headend
