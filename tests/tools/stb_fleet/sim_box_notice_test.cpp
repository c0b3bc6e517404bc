// The simulated box's notice side: the signed outage notice from a spool
// file through the box's real intake, and the menu's known-outage decision;
// a box of another area, an untrusted key and the cancellation show nothing.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "stb/replay_clock.h"
#include "tests/support/files.h"
#include "tools/stb-central/outage_notice.h"
#include "tools/stb-fleet/outage_spool.h"
#include "tools/stb-fleet/sim_box.h"

namespace {

using testing_support::ScratchDir;
using tools::fleet::SimBox;

constexpr dvb::UtcSeconds kNow = 1'796'000'000;

struct Fleet {
  ScratchDir dir{"sim-box-notice"};
  std::unique_ptr<tools::fleet::FleetHttp> http = tools::fleet::FleetHttp::create(nullptr);
  stb::ReplayClock clock;
  stb::NullLog log;
  dvb::notice::KeyRing keys;
  std::string key_path, spool = dir / "spool";

  Fleet() {
    ::mkdir(spool.c_str(), 0755);
    std::string error;
    key_path = tools::fleet::makeOperatorKey(dir / "keys", &keys, &error);
    EXPECT_FALSE(key_path.empty()) << error;
  }
  std::unique_ptr<SimBox> box(const std::string& id, const std::string& area) {
    auto b = std::make_unique<SimBox>(id, 1, http.get(), tools::fleet::BoxLink::Config{}, &clock,
                                      &log, SimBox::Hooks{});
    b->setAreaCode(area);
    return b;
  }
  // Incident 1's notice (or its cancellation) as stb-central publishes it.
  std::vector<std::vector<dvb::Section>> publish(bool cancel) {
    std::string error;
    const auto publisher = tools::central::OutagePublisher::open(spool, key_path, &error);
    EXPECT_TRUE(publisher) << error;
    if (!publisher) return {};
    tools::central::OutageFacts facts;
    facts.incident_id = 1;
    facts.area_code = "360102";
    facts.start = kNow - 60;
    facts.expected_restore = kNow + 3600;
    facts.utc_offset_minutes = 480;
    const auto done = cancel ? publisher->withdraw(facts, 1, kNow, &error)
                             : publisher->publish(facts, 1, kNow - 60, &error);
    EXPECT_TRUE(done) << error;
    std::vector<std::vector<dvb::Section>> tables;
    EXPECT_TRUE(tools::fleet::readSpool(spool, &tables, &error)) << error;
    EXPECT_EQ(tables.size(), 1u);
    return tables;
  }
};

std::string localEnd() {
  const int64_t minute = ((kNow + 3600 + 8 * 3600) % 86400) / 60;
  char text[8];
  std::snprintf(text, sizeof text, "%02d:%02d", static_cast<int>(minute / 60),
                static_cast<int>(minute % 60));
  return text;
}

TEST(SimBoxNotices, TheSignedOutageNoticeShowsAsTheKnownOutageInItsAreaOnly) {
  Fleet f;
  auto inside = f.box("AREA-1", "360102");
  auto outside = f.box("AREA-2", "360103");
  EXPECT_FALSE(inside->knownOutage(kNow));  // nothing received yet
  const auto tables = f.publish(false);
  ASSERT_EQ(tables.size(), 1u);
  for (const auto& t : tables) {
    inside->onNoticeTable(t, f.keys, kNow);
    outside->onNoticeTable(t, f.keys, kNow);
  }
  EXPECT_EQ(inside->knownOutage(kNow), localEnd());
  EXPECT_FALSE(outside->knownOutage(kNow));
  EXPECT_FALSE(inside->knownOutage(kNow + 3600));  // its end has come

  // The cancellation withdraws it.
  for (const auto& t : f.publish(true)) inside->onNoticeTable(t, f.keys, kNow + 1);
  EXPECT_FALSE(inside->knownOutage(kNow + 1));
}

TEST(SimBoxNotices, ANoticeSignedWithAKeyTheBoxDoesNotTrustShowsNothing) {
  Fleet f;
  const auto tables = f.publish(false);
  dvb::notice::KeyRing other;  // another operator's boxes
  std::string error;
  ASSERT_FALSE(tools::fleet::makeOperatorKey(f.dir / "other", &other, &error).empty()) << error;
  auto box = f.box("AREA-1", "360102");
  for (const auto& t : tables) box->onNoticeTable(t, other, kNow);
  EXPECT_TRUE(box->receivedNotices());
  EXPECT_FALSE(box->knownOutage(kNow));
}

}  // namespace
