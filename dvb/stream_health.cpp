#include "dvb/stream_health.h"

namespace dvb {
namespace {

constexpr uint64_t kPcrWrap = (uint64_t{1} << 33) * 300;  // 33-bit base * 300
constexpr uint64_t kTicksPerMs = 27000;

}  // namespace

StreamHealth::StreamHealth() : pids_(kPidCount), cc_(kPidCount) {
  pat_.stats.limit_ms = 500;    // TR 101 290 1.3 PAT_error
  tdt_.stats.limit_ms = 30000;  // EN 300 468 5.2.5: at least every 30 s
}

void StreamHealth::onPacket(const TsHeader& h) {
  PidHealth& health = pids_[h.pid];
  ++health.packets;
  // A TEI packet still takes part in the continuity check: its header is
  // usually intact (test-030's are), and skipping it would turn one damaged
  // packet into a counted gap.
  if (h.transport_error) ++health.tei_packets;
  if (h.scrambling != 0) ++health.scrambled_packets;
  if (h.pid != kNullPid) checkContinuity(h, health);
  if (h.pcr) updateClock(h);
}

// TR 101 290 1.4: the counter advances by one on packets with payload, stays
// on packets without; one duplicate is allowed; a discontinuity_indicator
// resets the expectation.
void StreamHealth::checkContinuity(const TsHeader& h, PidHealth& health) {
  CcState& s = cc_[h.pid];
  const uint8_t cc = h.continuity_counter;
  if (s.last != 0xFF && !h.discontinuity) {
    if (!h.has_payload) {
      if (cc != s.last) ++health.continuity_errors;
    } else if (cc == s.last) {
      if (s.duplicate_seen) ++health.continuity_errors;
      s.duplicate_seen = true;
      return;
    } else if (cc != ((s.last + 1) & 0x0F)) {
      ++health.continuity_errors;
    }
  }
  s.last = cc;
  s.duplicate_seen = false;
}

void StreamHealth::updateClock(const TsHeader& h) {
  if (!pcr_pid_) pcr_pid_ = h.pid;
  if (h.pid != *pcr_pid_) return;
  if (!have_pcr_) {
    pcr_base_ = pcr_last_ = *h.pcr;
    have_pcr_ = true;
    return;
  }
  if (*h.pcr + kPcrWrap / 2 < pcr_last_) ++pcr_wraps_;  // big step back: the counter wrapped
  pcr_last_ = *h.pcr;
}

std::optional<uint64_t> StreamHealth::streamTime27MHz() const {
  if (!have_pcr_) return std::nullopt;
  const uint64_t now = pcr_last_ + pcr_wraps_ * kPcrWrap;
  return now >= pcr_base_ ? now - pcr_base_ : 0;
}

void StreamHealth::onTable(RepeatedTable kind, uint16_t pid) {
  Arrival* a = &pat_;
  if (kind == RepeatedTable::kTdt) a = &tdt_;
  if (kind == RepeatedTable::kPmt) {
    a = &pmt_[pid];
    a->stats.limit_ms = 500;  // TR 101 290 1.5 PMT_error
  }
  ++a->stats.arrivals;
  const auto now = streamTime27MHz();
  if (now && a->last_time && *now >= *a->last_time) {
    const uint64_t gap = (*now - *a->last_time) / kTicksPerMs;
    if (!a->stats.max_gap_ms || gap > *a->stats.max_gap_ms) a->stats.max_gap_ms = gap;
    if (gap > a->stats.limit_ms) ++a->stats.gaps_over_limit;
  }
  if (now) a->last_time = now;
}

RepetitionStats StreamHealth::repetition(RepeatedTable kind) const {
  if (kind == RepeatedTable::kPat) return pat_.stats;
  if (kind == RepeatedTable::kTdt) return tdt_.stats;
  RepetitionStats worst;
  worst.limit_ms = 500;
  for (const auto& entry : pmt_) {
    const RepetitionStats& s = entry.second.stats;
    worst.arrivals += s.arrivals;
    worst.gaps_over_limit += s.gaps_over_limit;
    if (s.max_gap_ms && (!worst.max_gap_ms || *s.max_gap_ms > *worst.max_gap_ms))
      worst.max_gap_ms = s.max_gap_ms;
  }
  return worst;
}

std::vector<uint16_t> StreamHealth::seenPids() const {
  std::vector<uint16_t> out;
  for (uint16_t pid = 0; pid < kPidCount; ++pid)
    if (pids_[pid].packets) out.push_back(pid);
  return out;
}

PidHealth StreamHealth::total() const {
  PidHealth t;
  for (const PidHealth& p : pids_) {
    t.packets += p.packets;
    t.continuity_errors += p.continuity_errors;
    t.tei_packets += p.tei_packets;
    t.scrambled_packets += p.scrambled_packets;
  }
  return t;
}

}  // namespace dvb
