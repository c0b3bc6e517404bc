#include "tools/stb-fleet/fee_carousel.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "dvb/mjd_time.h"
#include "dvb/notice/fee_batch.h"
#include "dvb/notice/limits.h"
#include "tools/stb-headend/budget.h"
#include "tools/stb-headend/config.h"
#include "tools/stb-notice/input.h"
#include "tools/stb-notice/sign_objects.h"

namespace tools::fleet {
namespace {

constexpr uint16_t kNoticePid = 0x1F00;           // stb-notice's and stb-headend's default
constexpr uint32_t kLongestCycleMs = 86'400'000;  // a day: beyond it a reminder is useless
constexpr const char* kIssued = "2026-12-01T00:00:00Z";
// Building holds the whole input document: about 1.6 KB per subscriber
// (3.2 GB at 2 M), so more than 4 M would not fit a 24 GB machine's share.
constexpr uint64_t kMaxBuildLimit = 4'000'000;

// One record as an operator's billing export would give it to stb-notice.
void appendRecord(uint64_t i, std::string* json) {
  char text[200];
  std::snprintf(text, sizeof text,
                R"(%s{"subscriber_id":"%s","paid_until":"2026-12-%02u","amount_due":%u,)"
                R"("currency":"CNY","package":"基本包","charset":"gb2312"})",
                json->back() == '[' ? "" : ",", feeSubscriberId(i).c_str(),
                static_cast<unsigned>(1 + i % 28), static_cast<unsigned>(2600 + (i % 5) * 100));
  *json += text;
}

std::string kbit(uint64_t bps) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f", static_cast<double>(bps) / 1000);
  return text;
}

std::string duration(uint32_t ms) {
  char text[32];
  if (ms % 60'000 == 0)
    std::snprintf(text, sizeof text, "%u min", ms / 60'000);
  else
    std::snprintf(text, sizeof text, "%.1f s", ms / 1000.0);
  return text;
}

}  // namespace

std::string feeSubscriberId(uint64_t i) {
  char id[32];
  std::snprintf(id, sizeof id, "8610%012llu", static_cast<unsigned long long>(i));
  return id;
}

uint16_t defaultBucketCount(uint64_t subscribers) {
  uint32_t n = 1;
  while (n < 32768 && (subscribers + n - 1) / n > 1000) n *= 2;
  return static_cast<uint16_t>(n);
}

std::optional<FeeBatches> buildFeeBatches(uint64_t subscribers, uint16_t bucket_count,
                                          uint32_t keep_buckets, const dvb::notice::PrivateKey& key,
                                          std::string* error) {
  FeeBatches out;
  out.bucket_count = bucket_count;
  out.buckets_built = std::min<uint32_t>(keep_buckets, bucket_count);
  std::string json = R"({"fee_records":{"revision":1,"bucket_count":)" +
                     std::to_string(bucket_count) + R"(,"records":[)";
  std::vector<size_t> per_bucket(out.buckets_built);
  for (uint64_t i = 0; i < subscribers; ++i) {
    const uint16_t bucket = dvb::notice::feeBucketOf(feeSubscriberId(i), bucket_count);
    if (bucket >= out.buckets_built) continue;
    out.max_records = std::max(out.max_records, ++per_bucket[bucket]);
    appendRecord(i, &json);
    ++out.subscribers_built;
  }
  json += "]}}";
  if (out.subscribers_built == 0) {
    *error = "no subscriber falls in the sampled buckets";
    return std::nullopt;
  }
  std::vector<std::string> problems;
  auto inputs = notice::readInputText("fees.json", json, &problems);
  json = std::string();  // the document is the biggest thing held; free it before signing
  if (!inputs) {
    *error = problems.empty() ? "stb-notice refused the fee input" : problems.front();
    return std::nullopt;
  }
  // Only the sampled buckets are signed and measured (stb-notice also
  // emits the empty rest, which the sample does not stand for).
  std::vector<notice::ObjectInput> kept;
  for (auto& in : *inputs)
    if (in.header.object_id < out.buckets_built) kept.push_back(std::move(in));
  inputs.reset();
  auto signed_objects = notice::signInputs(kept, key, nullptr, *dvb::parseIso8601(kIssued), error);
  if (!signed_objects) return std::nullopt;
  kept.clear();
  // Read back as the playout reads its spool, so kind and sections are the headend's.
  for (const notice::SignedInput& s : *signed_objects) {
    std::vector<uint8_t> bytes;
    for (const dvb::Section& section : s.sections)
      bytes.insert(bytes.end(), section.bytes().begin(), section.bytes().end());
    std::string why;
    if (!headend::readSpoolBytes(bytes, "fees.bin", &out.objects, &why)) {
      *error = s.where + ": stb-headend cannot read it: " + why;
      return std::nullopt;
    }
  }
  return out;
}

uint64_t feeBitsPerSecond(const std::vector<headend::SpoolObject>& objects, uint32_t cycle_ms) {
  headend::HeadendConfig c;
  c.pid = kNoticePid;
  c.with_psi = false;
  c.tdt.enabled = false;
  c.intervals.fee_cycle = cycle_ms;
  const headend::BudgetReport r = headend::computeBudget(objects, c);
  return r.used_bps;
}

std::optional<uint32_t> feeCycleAt(const std::vector<headend::SpoolObject>& objects, double scale,
                                   uint64_t bps) {
  const auto fits = [&](uint32_t cycle_ms) {
    return std::llround(static_cast<double>(feeBitsPerSecond(objects, cycle_ms)) * scale) <=
           static_cast<long long>(bps);
  };
  if (!fits(kLongestCycleMs)) return std::nullopt;
  // The load only falls as the cycle grows: the shortest cycle that fits.
  uint32_t lo = 100, hi = kLongestCycleMs;
  if (fits(lo)) return lo;
  while (hi - lo > 1) {
    const uint32_t mid = lo + (hi - lo) / 2;
    (fits(mid) ? hi : lo) = mid;
  }
  return hi;
}

FeeCarouselFigures feeFigures(const FeeCarouselConfig& config, const FeeBatches& b) {
  FeeCarouselFigures f;
  f.subscribers = config.subscribers;
  f.bucket_count = b.bucket_count;
  f.sampled = b.buckets_built < b.bucket_count;
  f.sample_buckets = b.buckets_built;
  f.sample_subscribers = b.subscribers_built;
  f.max_records = b.max_records;
  for (const headend::SpoolObject& o : b.objects) {
    f.sections += o.sections.size();
    for (const dvb::Section& s : o.sections) f.section_bytes += s.bytes().size();
    f.packets += headend::packetsFor(kNoticePid, o.sections);
  }
  f.batches = b.objects.size();
  const double scale = static_cast<double>(b.bucket_count) / b.buckets_built;
  if (f.sampled) {
    const auto scaled = [scale](uint64_t v) {
      return static_cast<uint64_t>(std::llround(static_cast<double>(v) * scale));
    };
    f.batches = b.bucket_count;
    f.sections = scaled(f.sections);
    f.section_bytes = scaled(f.section_bytes);
    f.packets = scaled(f.packets);
  }
  for (uint32_t s : config.cycles_s) {
    const uint64_t bps = feeBitsPerSecond(b.objects, s * 1000);
    f.rows.push_back({s * 1000, static_cast<uint64_t>(std::llround(bps * scale))});
  }
  if (config.bitrate_kbps) {
    f.bitrate_kbps = config.bitrate_kbps;
    f.cycle_at_bitrate_ms = feeCycleAt(b.objects, scale, *config.bitrate_kbps * 1000);
  }
  return f;
}

std::optional<FeeCarouselFigures> runFeeCarousel(const FeeCarouselConfig& config,
                                                 std::string* error) {
  auto key = dvb::notice::PrivateKey::generate(dvb::notice::SignatureAlgorithm::Ed25519, error);
  if (!key) return std::nullopt;
  const uint16_t buckets =
      config.bucket_count ? config.bucket_count : defaultBucketCount(config.subscribers);
  if (config.subscribers > static_cast<uint64_t>(buckets) * dvb::notice::limits::kMaxFeeRecords) {
    *error = std::to_string(buckets) + " buckets cannot hold " +
             std::to_string(config.subscribers) + " subscribers (at most " +
             std::to_string(dvb::notice::limits::kMaxFeeRecords) + " each): raise --bucket-count";
    return std::nullopt;
  }
  uint32_t keep = buckets;
  if (config.subscribers > config.build_limit) {
    // Whole buckets, as many as the limit's share of the base.
    const double share = static_cast<double>(config.build_limit) / config.subscribers;
    keep = std::max<uint32_t>(1, static_cast<uint32_t>(buckets * share));
  }
  if (keep < buckets && !config.spool_dir.empty()) {
    *error = "--spool needs every batch built: raise --build-limit to " +
             std::to_string(config.subscribers);
    return std::nullopt;
  }
  auto batches = buildFeeBatches(config.subscribers, buckets, keep, *key, error);
  if (!batches) return std::nullopt;
  if (!config.spool_dir.empty()) {
    // The headend's input, to play the same batches with stb-headend itself.
    std::vector<dvb::Section> sections;
    for (const headend::SpoolObject& o : batches->objects)
      sections.insert(sections.end(), o.sections.begin(), o.sections.end());
    if (!headend::writeSpoolFile(config.spool_dir, "fees", sections, error)) return std::nullopt;
  }
  return feeFigures(config, *batches);
}

std::string describe(const FeeCarouselFigures& f) {
  std::string out;
  char line[256];
  std::snprintf(line, sizeof line,
                "fee carousel: %llu subscribers (all with a record), %u buckets, fullest batch "
                "built %zu records\n",
                static_cast<unsigned long long>(f.subscribers), f.bucket_count, f.max_records);
  out += line;
  if (f.sampled) {
    std::snprintf(line, sizeof line,
                  "  MODEL: built and measured %u of %u batches (%llu subscribers, signed);\n"
                  "  the rest scaled linearly by %u/%u\n",
                  f.sample_buckets, f.bucket_count,
                  static_cast<unsigned long long>(f.sample_subscribers), f.bucket_count,
                  f.sample_buckets);
  } else {
    std::snprintf(line, sizeof line, "  MEASURED: every batch built, signed and packetized\n");
  }
  out += line;
  std::snprintf(line, sizeof line,
                "  one cycle: %llu batches, %llu sections, %llu section bytes (%.1f MB), %llu TS "
                "packets (%.1f MB)\n",
                static_cast<unsigned long long>(f.batches),
                static_cast<unsigned long long>(f.sections),
                static_cast<unsigned long long>(f.section_bytes), f.section_bytes / 1e6,
                static_cast<unsigned long long>(f.packets), f.packets * 188 / 1e6);
  out += line;
  out += "  cycle      bitrate (stb-headend budget, fee batches only)\n";
  for (const FeeCycleRow& r : f.rows) {
    std::snprintf(line, sizeof line, "  %-10s %s kbit/s\n", duration(r.cycle_ms).c_str(),
                  kbit(r.bps).c_str());
    out += line;
  }
  if (f.bitrate_kbps) {
    if (f.cycle_at_bitrate_ms)
      std::snprintf(line, sizeof line, "  at %llu kbit/s: a fee cycle of %s (%u ms)\n",
                    static_cast<unsigned long long>(*f.bitrate_kbps),
                    duration(*f.cycle_at_bitrate_ms).c_str(), *f.cycle_at_bitrate_ms);
    else
      std::snprintf(line, sizeof line, "  at %llu kbit/s: not even a cycle of a day fits\n",
                    static_cast<unsigned long long>(*f.bitrate_kbps));
    out += line;
  }
  return out;
}

namespace {

const char kFeeUsage[] =
    "usage: stb-fleet fee-carousel --subscribers N [--cycle-s S[,S...]] [--bitrate-kbps K]\n"
    "                 [--bucket-count B] [--build-limit L] [--spool DIR]\n"
    "  Builds and signs the fee batches for N subscribers as stb-notice does, and prices\n"
    "  them with stb-headend's budget: the bitrate each fee cycle S (seconds; default\n"
    "  300,900,1800,3600) needs, and the cycle reached at K kbit/s. Above L subscribers\n"
    "  (default 2000000) a sample of whole buckets is built and scaled. B: default the\n"
    "  smallest power of two with at most 1000 subscribers per bucket. DIR: also write\n"
    "  the batches to DIR/fees.bin, stb-headend's spool (every batch must be built).\n";

int feeUsage(const std::string& why) {
  std::fprintf(stderr, "stb-fleet: %s\n%s", why.c_str(), kFeeUsage);
  return 2;
}

// A whole positive number, or nullopt.
std::optional<uint64_t> wholeNumber(const std::string& s) {
  if (s.empty() || s.size() > 12 || s.find_first_not_of("0123456789") != std::string::npos)
    return std::nullopt;
  const uint64_t v = std::stoull(s);
  return v ? std::optional<uint64_t>(v) : std::nullopt;
}

}  // namespace

int feeCarouselCommand(const std::vector<std::string>& args) {
  FeeCarouselConfig c;
  bool have_subscribers = false;
  for (size_t i = 1; i < args.size(); i += 2) {
    const std::string& name = args[i];
    if (name.rfind("--", 0) != 0 || i + 1 >= args.size())
      return feeUsage("option " + name + " needs a value");
    const std::string& value = args[i + 1];
    if (name == "--spool") {
      c.spool_dir = value;
      continue;
    }
    if (name == "--cycle-s") {
      c.cycles_s.clear();
      size_t from = 0;
      while (from <= value.size()) {
        const size_t comma = std::min(value.find(',', from), value.size());
        const auto s = wholeNumber(value.substr(from, comma - from));
        if (!s || *s > kLongestCycleMs / 1000)
          return feeUsage("--cycle-s takes seconds, 1..86400, separated by commas");
        c.cycles_s.push_back(static_cast<uint32_t>(*s));
        from = comma + 1;
      }
      continue;
    }
    const auto v = wholeNumber(value);
    if (!v) return feeUsage(name + " takes a whole number above 0");
    if (name == "--subscribers" && *v <= 16'000'000) {
      c.subscribers = *v;
      have_subscribers = true;
    } else if (name == "--bitrate-kbps" && *v <= 1'000'000) {
      c.bitrate_kbps = *v;
    } else if (name == "--bucket-count" && *v <= 0xFFFF) {
      c.bucket_count = static_cast<uint16_t>(*v);
    } else if (name == "--build-limit" && *v <= kMaxBuildLimit) {
      c.build_limit = *v;
    } else if (name == "--subscribers" || name == "--bitrate-kbps" || name == "--bucket-count" ||
               name == "--build-limit") {
      return feeUsage(name +
                      " is out of range (subscribers up to 16000000, bitrate up to 1000000 "
                      "kbit/s, bucket count up to 65535, build limit up to 4000000)");
    } else {
      return feeUsage("unknown option " + name);
    }
  }
  if (!have_subscribers) return feeUsage("--subscribers is required");
  std::string error;
  auto figures = runFeeCarousel(c, &error);
  if (!figures) {
    std::fprintf(stderr, "stb-fleet: fee carousel: %s\n", error.c_str());
    return 1;
  }
  std::fputs(describe(*figures).c_str(), stdout);
  return 0;
}

}  // namespace tools::fleet
