// The fee carousel at a reduced size, for real: the batches stb-fleet builds
// and prices are played by stb-headend's playout at the bitrate the command
// says a fee cycle needs, and every subscriber's own box intake finds its
// record within that cycle; the packets and bitrate on the notice PID are
// the command's; each record gives its reminder; a sample of buckets scales
// to the whole build.
#include "tools/stb-fleet/fee_carousel.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <map>

#include "dvb/notice/key_ring.h"
#include "stb/fee_reminder.h"
#include "stb/memory_state_store.h"
#include "stb/notice_intake.h"
#include "tests/tools/stb_headend/headend_test_util.h"
#include "tools/stb-headend/budget.h"
#include "tools/stb-headend/playout.h"

namespace tools::fleet {
namespace {

constexpr uint8_t kFeeTable = 0xC1;

dvb::notice::PrivateKey testKey() {
  std::string error;
  auto key = dvb::notice::PrivateKey::generate(dvb::notice::SignatureAlgorithm::Ed25519, &error);
  EXPECT_TRUE(key) << error;
  return std::move(*key);
}

// A fee batch as it completed on air: its sections and the stream time its
// last section ended.
struct Heard {
  uint64_t ms = 0;
  uint16_t bucket = 0;
  std::vector<dvb::Section> sections;
};

// Every complete repetition of a fee batch, in the order they completed.
std::vector<Heard> feeTables(const headend_test::HeardStream& stream) {
  std::vector<Heard> out;
  std::map<uint16_t, std::vector<dvb::Section>> open;
  for (const headend_test::Heard& h : stream.sections) {
    if (h.table_id != kFeeTable) continue;
    std::string error;
    auto section = dvb::Section::fromBytes(h.bytes, &error);
    if (!section) continue;
    std::vector<dvb::Section>& parts = open[h.extension];
    if (section->number() == 0) parts.clear();
    if (section->number() != parts.size()) continue;  // a gap: wait for the next start
    parts.push_back(*section);
    if (section->number() == section->lastNumber()) {
      out.push_back({h.ms, h.extension, parts});
      parts.clear();
    }
  }
  return out;
}

TEST(FeeCarousel, EveryBoxFindsItsRecordWithinTheCycleTheCommandPricedOnTheHeadendsOutput) {
  const uint64_t kSubscribers = 3000;
  const uint32_t kCycleMs = 20'000;
  const dvb::notice::PrivateKey key = testKey();
  std::string error;
  auto batches =
      buildFeeBatches(kSubscribers, defaultBucketCount(kSubscribers), 0xFFFF, key, &error);
  ASSERT_TRUE(batches) << error;
  ASSERT_EQ(batches->bucket_count, 4u);
  ASSERT_EQ(batches->objects.size(), 4u);
  EXPECT_EQ(batches->subscribers_built, kSubscribers);
  FeeCarouselConfig config;
  config.subscribers = kSubscribers;
  config.cycles_s = {kCycleMs / 1000};
  const FeeCarouselFigures figures = feeFigures(config, *batches);
  ASSERT_FALSE(figures.sampled);
  ASSERT_EQ(figures.rows.size(), 1u);
  const uint64_t needed_bps = figures.rows[0].bps;

  // The headend's spool, played with exactly the budget the command says
  // (rounded up to its kbit/s), the notice PID alone.
  headend_test::ScratchDir dir("fee-carousel");
  std::filesystem::create_directories(dir / "spool");
  std::vector<dvb::Section> sections;
  for (const headend::SpoolObject& o : batches->objects)
    sections.insert(sections.end(), o.sections.begin(), o.sections.end());
  headend_test::spool(dir, "fees", sections);
  headend::HeadendConfig c = headend_test::config(dir);
  c.with_psi = false;
  c.intervals.fee_cycle = kCycleMs;
  c.budget_kbps = (needed_bps + 999) / 1000;
  c.bitrate_kbps = c.budget_kbps + 50;

  // One kbit/s less and the headend refuses it: the figure is its own.
  {
    headend::HeadendConfig tight = c;
    tight.budget_kbps -= 1;
    headend::StatusBoard board;
    headend::Playout refused(tight, &board, [](const std::string&) {});
    std::vector<uint8_t> none;
    EXPECT_FALSE(refused.start(*tight.clock.start,
                               std::make_unique<headend_test::MemoryOutput>(&none), &error));
  }

  headend::StatusBoard board;
  headend::Playout playout(c, &board, [](const std::string&) {});
  std::vector<uint8_t> bytes;
  ASSERT_TRUE(
      playout.start(*c.clock.start, std::make_unique<headend_test::MemoryOutput>(&bytes), &error))
      << error;
  EXPECT_EQ(playout.budget().used_bps, needed_bps);
  // Three aimed periods: every batch goes out exactly three times.
  const uint64_t period_ms = headend::aimedIntervalMs(kCycleMs);
  ASSERT_TRUE(playout.run(3 * period_ms, std::nullopt, nullptr, &error)) << error;
  const headend_test::HeardStream stream = headend_test::listen(bytes, c.bitrate_kbps * 1000);
  EXPECT_EQ(stream.cc_errors, 0u);
  EXPECT_EQ(stream.crc_errors, 0u);

  // What went out on the notice PID is what the command counted.
  // Packets by their slot's stream time (as listen() counts it), within the
  // three periods: the run may end a slot into the next repetition.
  uint64_t pid_packets = 0;
  for (size_t i = 0; i + dvb::kTsPacketSize <= bytes.size(); i += dvb::kTsPacketSize) {
    const uint64_t ms = i * 8 * 1000 / (c.bitrate_kbps * 1000);
    auto header = dvb::parseTsHeader(&bytes[i]);
    if (ms < 3 * period_ms && header && header->pid == c.pid) ++pid_packets;
  }
  EXPECT_EQ(pid_packets, 3 * figures.packets);
  const double measured_bps = pid_packets * dvb::kTsPacketSize * 8 * 1000.0 / (3 * period_ms);
  EXPECT_NEAR(measured_bps, static_cast<double>(needed_bps), needed_bps * 0.002)
      << "measured on the output " << measured_bps << " bit/s, the command " << needed_bps;

  // Each batch repeats within the cycle, so a box tuning in at any moment
  // has its own within one cycle.
  const std::vector<Heard> tables = feeTables(stream);
  std::map<uint16_t, std::vector<uint64_t>> by_bucket;
  for (const Heard& h : tables) by_bucket[h.bucket].push_back(h.ms);
  ASSERT_EQ(by_bucket.size(), 4u);
  for (const auto& [bucket, times] : by_bucket) {
    ASSERT_EQ(times.size(), 3u) << "bucket " << bucket;
    EXPECT_LE(times.front(), kCycleMs) << "bucket " << bucket;
    for (size_t i = 1; i < times.size(); ++i)
      EXPECT_LE(times[i] - times[i - 1], kCycleMs) << "bucket " << bucket;
  }

  // Every subscriber's box, tuned in at 0, verifies its batch and holds its record.
  dvb::notice::KeyRing ring;
  ring.addSigning(key.publicKey());
  stb::NullLog log;
  const dvb::UtcSeconds now = *dvb::parseIso8601("2026-11-29T00:00:00Z");
  const stb::FeePolicy fee_policy;
  size_t found = 0;
  uint64_t latest_ms = 0;
  for (uint64_t i = 0; i < kSubscribers; ++i) {
    stb::MemoryStateStore store;
    dvb::notice::BoxIdentity box{"360100", 1, "box-" + std::to_string(i), feeSubscriberId(i)};
    stb::NoticeIntake intake(ring, store, box, log);
    intake.restore(now);
    for (const Heard& h : tables) {
      if (!intake.wantsTable(kFeeTable, h.bucket)) continue;
      intake.onTable(h.sections, now);
      if (auto record = intake.feeRecord()) {
        EXPECT_EQ(record->amount_due, 2600 + (i % 5) * 100) << feeSubscriberId(i);
        // The reminder the box would crawl three days before the last paid day.
        const dvb::UtcSeconds before = record->paid_until - 3 * 86400 + 4 * 3600;
        EXPECT_TRUE(stb::isReminderDay(fee_policy, stb::feeDaysLeft(*record, before, 480)));
        const stb::CrawlRequest reminder =
            stb::feeRequest(fee_policy, *record, stb::Language::kEng, "96123", before, 480);
        EXPECT_NE(reminder.view.text.find("基本包"), std::string::npos) << reminder.view.text;
        EXPECT_NE(reminder.view.text.find(std::to_string(record->amount_due / 100) + "."),
                  std::string::npos)
            << reminder.view.text;
        latest_ms = std::max(latest_ms, h.ms);
        ++found;
        break;
      }
    }
  }
  EXPECT_EQ(found, kSubscribers);
  EXPECT_LE(latest_ms, kCycleMs);
  std::printf(
      "fee carousel: %zu of %llu boxes held their record, the last at %.1f s; notice PID "
      "%.0f bit/s on the output, %llu priced\n",
      found, static_cast<unsigned long long>(kSubscribers), latest_ms / 1000.0, measured_bps,
      static_cast<unsigned long long>(needed_bps));
}

TEST(FeeCarousel, ASampleOfBucketsScalesToTheWholeBuild) {
  const dvb::notice::PrivateKey key = testKey();
  std::string error;
  FeeCarouselConfig config;
  config.subscribers = 20'000;
  config.cycles_s = {60, 900};
  config.bitrate_kbps = 100;
  auto whole = buildFeeBatches(config.subscribers, 32, 32, key, &error);
  ASSERT_TRUE(whole) << error;
  auto sample = buildFeeBatches(config.subscribers, 32, 8, key, &error);
  ASSERT_TRUE(sample) << error;
  EXPECT_EQ(sample->objects.size(), 8u);
  const FeeCarouselFigures w = feeFigures(config, *whole), s = feeFigures(config, *sample);
  EXPECT_FALSE(w.sampled);
  EXPECT_TRUE(s.sampled);
  EXPECT_EQ(w.batches, s.batches);
  const auto near = [](double a, double b) { return std::abs(a - b) <= 0.02 * b; };
  EXPECT_TRUE(near(s.section_bytes, w.section_bytes)) << s.section_bytes << " " << w.section_bytes;
  EXPECT_TRUE(near(s.packets, w.packets)) << s.packets << " " << w.packets;
  for (size_t i = 0; i < w.rows.size(); ++i)
    EXPECT_TRUE(near(s.rows[i].bps, w.rows[i].bps)) << s.rows[i].bps << " " << w.rows[i].bps;
  ASSERT_TRUE(w.cycle_at_bitrate_ms && s.cycle_at_bitrate_ms);
  EXPECT_TRUE(near(*s.cycle_at_bitrate_ms, *w.cycle_at_bitrate_ms));
  // The cycle found is the shortest whose budget fits the bitrate.
  EXPECT_LE(feeBitsPerSecond(whole->objects, *w.cycle_at_bitrate_ms), 100'000u);
  EXPECT_GT(feeBitsPerSecond(whole->objects, *w.cycle_at_bitrate_ms - 1), 100'000u);
  EXPECT_NE(describe(s).find("MODEL: built and measured 8 of 32 batches"), std::string::npos)
      << describe(s);
}

TEST(FeeCarousel, CommandRefusesBadOptionsByName) {
  testing::internal::CaptureStderr();
  EXPECT_EQ(feeCarouselCommand({"fee-carousel"}), 2);
  EXPECT_EQ(feeCarouselCommand({"fee-carousel", "--subscribers", "0"}), 2);
  EXPECT_EQ(feeCarouselCommand({"fee-carousel", "--subscribers", "10", "--cycle-s", "60,x"}), 2);
  EXPECT_EQ(feeCarouselCommand({"fee-carousel", "--subscribers", "10", "--speed", "2"}), 2);
  EXPECT_EQ(feeCarouselCommand({"fee-carousel", "--subscribers", "10", "--build-limit", "9000000"}),
            2);
  // Too few buckets is refused before anything is built.
  EXPECT_EQ(feeCarouselCommand({"fee-carousel", "--subscribers", "3001", "--bucket-count", "2"}),
            1);
  const std::string err = testing::internal::GetCapturedStderr();
  EXPECT_NE(err.find("--subscribers is required"), std::string::npos) << err;
  EXPECT_NE(err.find("--cycle-s takes seconds"), std::string::npos) << err;
  EXPECT_NE(err.find("unknown option --speed"), std::string::npos) << err;
  EXPECT_NE(err.find("--build-limit is out of range"), std::string::npos) << err;
  EXPECT_NE(err.find("2 buckets cannot hold 3001 subscribers"), std::string::npos) << err;
  testing::internal::CaptureStdout();
  EXPECT_EQ(feeCarouselCommand({"fee-carousel", "--subscribers", "2000", "--cycle-s", "60",
                                "--bitrate-kbps", "50"}),
            0);
  const std::string out = testing::internal::GetCapturedStdout();
  EXPECT_NE(out.find("MEASURED: every batch built"), std::string::npos) << out;
  EXPECT_NE(out.find("at 50 kbit/s: a fee cycle of"), std::string::npos) << out;

  // --spool writes the headend's input, but only a whole build.
  headend_test::ScratchDir dir("fee-carousel-spool");
  testing::internal::CaptureStdout();
  testing::internal::CaptureStderr();
  EXPECT_EQ(feeCarouselCommand({"fee-carousel", "--subscribers", "2000", "--build-limit", "1000",
                                "--spool", dir.path()}),
            1);
  EXPECT_NE(testing::internal::GetCapturedStderr().find("--spool needs every batch built"),
            std::string::npos);
  EXPECT_EQ(feeCarouselCommand({"fee-carousel", "--subscribers", "2000", "--spool", dir.path()}),
            0);
  testing::internal::GetCapturedStdout();
  headend::SpoolWatcher spool(dir.path());
  EXPECT_TRUE(spool.scan().bad.empty());
  const std::vector<headend::SpoolObject> objects = spool.objects();
  ASSERT_EQ(objects.size(), 2u);  // 2000 subscribers: 2 buckets
  EXPECT_EQ(objects[0].kind, "fee_batch");
}

}  // namespace
}  // namespace tools::fleet
