// Notice protocol costs on a box. Prints figures; asserts nothing about time.
//
//   build/release/bin/stb-bench-notice [--subscribers 2000000] [--buckets 2048]
//
// 1. Decode + verify rate: distinct signed notices through ObjectVerifier,
//    Ed25519 and ECDSA P-256.
// 2. Finding one's own fee record in a full fee carousel: every subscriber's
//    record, bucketed and signed, as one cycle of TS packets in memory; a box
//    reads the whole cycle through the framer and SiDemux, gathers only the
//    table whose extension is its bucket, verifies it and looks itself up.
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "dvb/framing/ts_framer.h"
#include "dvb/notice/body_codec.h"
#include "dvb/notice/object_signer.h"
#include "dvb/notice/object_verifier.h"
#include "dvb/section_packetizer.h"
#include "dvb/si_demux.h"
#include "platform/arg_cursor.h"
#include "platform/arg_values.h"

namespace {

using namespace dvb::notice;

double cpuSeconds() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return static_cast<double>(u.ru_utime.tv_sec + u.ru_stime.tv_sec) +
         static_cast<double>(u.ru_utime.tv_usec + u.ru_stime.tv_usec) / 1e6;
}

dvb::DvbText text(const std::string& s, dvb::text::Charset c) {
  dvb::DvbText t;
  std::string error;
  dvb::DvbText::fromUtf8(s, c, &t, &error);
  return t;
}

PrivateKey makeKey(SignatureAlgorithm a) {
  std::string error;
  return std::move(*PrivateKey::generate(a, &error));
}

void verifyRate(SignatureAlgorithm algorithm, const char* name) {
  PrivateKey key = makeKey(algorithm);
  KeyRing ring;
  ring.addSigning(key.publicKey());
  std::vector<std::vector<dvb::Section>> tables;
  std::string error;
  for (uint32_t id = 1; id <= 2000; ++id) {
    Notice n;
    n.kind = NoticeKind::kPlannedMaintenance;
    n.start = 1796000000 + id * 3600;
    n.end = n.start + 4 * 3600;
    n.targeting.areas = {{"3601"}};
    n.texts.push_back(
        {"zho", text("线路维护", dvb::text::Charset::Gb2312),
         text("线路维护，届时暂停收看。编号 " + std::to_string(id), dvb::text::Charset::Gb2312)});
    n.texts.push_back({"spa", text("Mantenimiento", dvb::text::Charset::Iso6937),
                       text("Corte de servicio por mantenimiento.", dvb::text::Charset::Iso6937)});
    auto o =
        signObject({ObjectType::kNotice, id, 1, 1796000000}, *encodeBody(n, &error), key, &error);
    tables.push_back(*o->toSections(&error));
  }
  double best = 1e9;
  for (int pass = 0; pass < 3; ++pass) {
    ObjectVerifier verifier(ring);
    const auto t0 = std::chrono::steady_clock::now();
    for (const auto& t : tables)
      if (!verifier.verify(t, &error)) std::abort();
    best = std::min(best,
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
  }
  std::printf("decode+verify %-12s %8.0f notices/s (%zu notices, best of 3)\n", name,
              static_cast<double>(tables.size()) / best, tables.size());
}

// The box: SiDemux gathers only the table its filter passes.
struct OwnBucket : dvb::SiListener {
  uint16_t bucket = 0;
  uint64_t sections_examined = 0, own_sections = 0;
  std::vector<dvb::Section> table;
  explicit OwnBucket(uint16_t b) : bucket(b) {}
  // What a hardware section filter on (table_id, extension) does on a box.
  bool gathers(uint8_t table_id, uint16_t extension) {
    ++sections_examined;
    if (table_id != 0xC1 || extension != bucket) return false;
    ++own_sections;
    return true;
  }
  void onPrivateTable(uint16_t, const std::vector<dvb::Section>& t) override { table = t; }
};

void feeCarousel(uint32_t subscribers, uint16_t buckets) {
  PrivateKey key = makeKey(SignatureAlgorithm::Ed25519);
  std::string error;
  std::vector<FeeBatch> batches(buckets);
  for (uint16_t b = 0; b < buckets; ++b) {
    batches[b].bucket_count = buckets;
    batches[b].bucket = b;
  }
  const auto package = text("基本包", dvb::text::Charset::Gb2312);
  const double t_gen = cpuSeconds();
  for (uint32_t i = 0; i < subscribers; ++i) {
    FeeRecord r{"8610" + std::to_string(100000000000ull + i),
                dvb::utcOfMjd(dvb::mjdOfUtc(1796000000)), 2600, "CNY", package};
    batches[feeBucketOf(r.subscriber_id, buckets)].records.push_back(std::move(r));
  }
  std::vector<uint8_t> ts;
  dvb::SectionPacketizer packetizer(0x1F00);
  size_t max_records = 0, section_count = 0, section_bytes = 0;
  for (const FeeBatch& b : batches) {
    max_records = std::max(max_records, b.records.size());
    auto body = encodeBody(b, &error);
    if (!body) {
      std::fprintf(stderr, "bucket %u: %s\n", b.bucket, error.c_str());
      std::exit(1);
    }
    auto o = signObject({ObjectType::kFeeBatch, b.bucket, 1, 1796000000}, *body, key, &error);
    const auto sections = *o->toSections(&error);
    for (const auto& s : sections) section_bytes += s.bytes().size();
    section_count += sections.size();
    packetizer.packetize(sections, &ts);
  }
  std::printf(
      "fee carousel: %u subscribers, %u buckets (largest %zu records), %zu sections, "
      "%.1f MB of sections, %.1f MB of TS, built in %.1f s CPU\n",
      subscribers, buckets, max_records, section_count, section_bytes / 1e6, ts.size() / 1e6,
      cpuSeconds() - t_gen);
  std::printf("  bandwidth for one cycle every 15 min: %.2f Mbit/s; every hour: %.2f Mbit/s\n",
              ts.size() * 8 / 900.0 / 1e6, ts.size() * 8 / 3600.0 / 1e6);

  // The box: smartcard of subscriber #1234567.
  const std::string me = "8610" + std::to_string(100000000000ull + 1234567);
  OwnBucket listener(feeBucketOf(me, buckets));
  KeyRing ring;
  ring.addSigning(key.publicKey());
  ObjectVerifier verifier(ring);
  const double t0 = cpuSeconds();
  dvb::SiDemuxOptions options;
  options.gather = [&listener](uint16_t, uint8_t table_id, uint16_t extension) {
    return listener.gathers(table_id, extension);
  };
  dvb::SiDemux demux(listener, options);
  demux.addSectionPid(0x1F00);
  dvb::TsFramer framer;
  for (size_t off = 0; off < ts.size(); off += 1 << 20) {
    const size_t n = std::min<size_t>(1 << 20, ts.size() - off);
    framer.push(ts.data() + off, n, [&](const uint8_t* p) { demux.pushPacket(p); });
  }
  const double t_read = cpuSeconds() - t0;
  auto verified = verifier.verify(listener.table, &error);
  const auto* batch = verified ? std::get_if<FeeBatch>(&verified->body) : nullptr;
  const FeeRecord* mine = batch ? batch->find(me) : nullptr;
  const double t_total = cpuSeconds() - t0;
  std::printf(
      "  box: examined %llu sections, kept %llu of its bucket %u, record %s; CPU %.3f s "
      "for the whole cycle (%.3f s reading, %.4f s verify + lookup)\n",
      static_cast<unsigned long long>(listener.sections_examined),
      static_cast<unsigned long long>(listener.own_sections), listener.bucket,
      mine ? "found" : "NOT FOUND", t_total, t_read, t_total - t_read);
}

}  // namespace

int main(int argc, char** argv) {
  uint32_t subscribers = 2'000'000;
  uint16_t buckets = 2048;
  platform::ArgCursor a(argc, argv);
  while (!a.done()) {
    std::string v;
    std::optional<uint64_t> n;
    if (a.option("--subscribers", &v)) {
      n = platform::parseUnsigned(v, 1, 100'000'000);
      subscribers = static_cast<uint32_t>(n.value_or(0));
    } else if (a.option("--buckets", &v)) {
      n = platform::parseUnsigned(v, 1, 65535);
      buckets = static_cast<uint16_t>(n.value_or(0));
    }
    if (!n) {
      std::fprintf(stderr, "usage: stb-bench-notice [--subscribers N] [--buckets N]\n");
      return 2;
    }
  }
  verifyRate(SignatureAlgorithm::Ed25519, "Ed25519");
  verifyRate(SignatureAlgorithm::EcdsaP256Sha256, "ECDSA P-256");
  feeCarousel(subscribers, buckets);
  return 0;
}
