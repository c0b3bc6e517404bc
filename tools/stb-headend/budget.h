#pragma once
// The carousel's bitrate: each object's TS packets (one packetizing per
// section, as the playout sends them) times 8 bits over its kind's interval,
// plus PAT/PMT every 100 ms and TDT/TOT every second when they are on.
// Checked against budget_kbps at start and before every live change.
#include <cstdint>
#include <string>
#include <vector>

#include "tools/stb-headend/config.h"
#include "tools/stb-headend/spool.h"

namespace tools::headend {

constexpr uint32_t kPsiIntervalMs = 100;    // PAT/PMT (EN 300 468 allows up to 100 ms)
constexpr uint32_t kTimeIntervalMs = 1000;  // TDT/TOT, in stream time

// The interval of a kind ("emergency", "notice", ..., "fee_batch": fee_cycle).
uint32_t intervalFor(const std::string& kind, const Intervals& intervals);
// 0 for key lists (a box needs them before what they sign), then emergency,
// notice, directory, calendar, fee_batch.
int rankOf(const std::string& kind);

// TS packets the sections take when each starts its own packet.
uint64_t packetsFor(uint16_t pid, const std::vector<dvb::Section>& sections);

struct KindLoad {
  std::string kind;  // an object kind, or "psi", "tdt_tot"
  uint64_t objects = 0;
  uint64_t packets = 0;  // per repetition, all objects of the kind
  uint64_t bps = 0;
};

struct BudgetReport {
  std::vector<KindLoad> kinds;
  uint64_t used_bps = 0, budget_bps = 0, bitrate_bps = 0;
  bool fits() const { return used_bps <= budget_bps; }
  // "notice: 2 objects, 6 packets, 1.8 kbit/s" per line, then the total
  // against the budget and the bitrate.
  std::string describe() const;
};

BudgetReport computeBudget(const std::vector<SpoolObject>& objects, const HeadendConfig& config);

}  // namespace tools::headend
