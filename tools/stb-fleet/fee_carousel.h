#pragma once
// The fee carousel for a whole subscriber base (`stb-fleet fee-carousel`,
// docs/scale.md): fee batches built the way the operator builds them
// (stb-notice's fee_records input, signed), read back by stb-headend's spool
// reader, and priced with stb-headend's own budget code, so the figures are
// those the headend itself would check at start.
//
// Above `build_limit` subscribers only a sample of whole buckets is built
// (every subscriber is hashed, only those of the first buckets are kept) and
// the measured batches are scaled by bucket_count / sampled buckets; the
// output says so.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "dvb/notice/signature.h"
#include "tools/stb-headend/spool.h"

namespace tools::fleet {

// Subscriber I's id: 16 digits, as a smartcard number ("8610" + 12 digits).
std::string feeSubscriberId(uint64_t i);

// The smallest power of two that holds at most 1000 records per bucket on
// average (docs/protocol.md 2.2 sizes 2 M subscribers with 2048).
uint16_t defaultBucketCount(uint64_t subscribers);

struct FeeBatches {
  uint16_t bucket_count = 0;
  uint32_t buckets_built = 0;                 // buckets 0..buckets_built-1
  uint64_t subscribers_built = 0;             // records in those buckets
  size_t max_records = 0;                     // the fullest batch built
  std::vector<headend::SpoolObject> objects;  // as stb-headend reads them
};

// Signs one fee batch per bucket < keep_buckets for subscribers 0..n-1
// (every one listed: the worst case, all due), each record 16-digit id,
// a paid-until date, amount, CNY and a 3-character GB2312 package name.
// nullopt with *error when stb-notice refuses the input or a signature fails.
std::optional<FeeBatches> buildFeeBatches(uint64_t subscribers, uint16_t bucket_count,
                                          uint32_t keep_buckets, const dvb::notice::PrivateKey& key,
                                          std::string* error);

struct FeeCarouselConfig {
  uint64_t subscribers = 2'000'000;
  uint16_t bucket_count = 0;         // 0: defaultBucketCount
  uint64_t build_limit = 2'000'000;  // above it, a sample of buckets is built (3.2 GB at 2 M)
  std::vector<uint32_t> cycles_s = {300, 900, 1800, 3600};
  std::optional<uint64_t> bitrate_kbps;  // also: the cycle reached at this bitrate
  std::string spool_dir;  // set: the whole build also goes to SPOOL_DIR/fees.bin for stb-headend
};

struct FeeCycleRow {
  uint32_t cycle_ms = 0;
  uint64_t bps = 0;  // what stb-headend's budget counts for the fee batches
};

struct FeeCarouselFigures {
  uint64_t subscribers = 0;
  uint16_t bucket_count = 0;
  bool sampled = false;
  uint32_t sample_buckets = 0;  // built and measured
  uint64_t sample_subscribers = 0;
  size_t max_records = 0;  // fullest batch built
  // One repetition of every batch (measured, or scaled from the sample).
  uint64_t batches = 0, sections = 0, section_bytes = 0, packets = 0;
  std::vector<FeeCycleRow> rows;
  std::optional<uint64_t> bitrate_kbps;
  std::optional<uint32_t> cycle_at_bitrate_ms;  // shortest fee cycle whose budget fits
};

// The fee batches' load on the notice PID for a fee cycle: stb-headend's
// computeBudget on the objects alone (no PSI, no TDT), fee_cycle = cycle_ms.
uint64_t feeBitsPerSecond(const std::vector<headend::SpoolObject>& objects, uint32_t cycle_ms);

// The shortest fee cycle (whole milliseconds) whose fee load, times `scale`,
// fits `bps`; nullopt when not even a day does.
std::optional<uint32_t> feeCycleAt(const std::vector<headend::SpoolObject>& objects, double scale,
                                   uint64_t bps);

// Figures for already built batches (config.subscribers is the whole base).
FeeCarouselFigures feeFigures(const FeeCarouselConfig& config, const FeeBatches& batches);

// Builds (or samples) and measures, with a fresh Ed25519 test key.
std::optional<FeeCarouselFigures> runFeeCarousel(const FeeCarouselConfig& config,
                                                 std::string* error);

std::string describe(const FeeCarouselFigures& figures);

// `stb-fleet fee-carousel --subscribers N [--cycle-s S,S,...] [--bitrate-kbps K]
// [--bucket-count B] [--build-limit L] [--spool DIR]`: prints the figures; 2 on bad
// options, 1 when the batches cannot be built.
int feeCarouselCommand(const std::vector<std::string>& args);

}  // namespace tools::fleet
