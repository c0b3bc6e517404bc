// The box API's admission gate (tools/stb-central/admission.h) on a clock the
// test moves: who waits, who is turned away, what Retry-After says, and that
// every way out of a request gives its place back.
#include "tools/stb-central/admission.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <string>
#include <vector>

namespace {

using tools::central::AdmissionGate;
using tools::central::AdmissionOptions;

constexpr int64_t kMs = 1000;
constexpr int64_t kS = 1'000'000;

struct Fixture {
  explicit Fixture(AdmissionOptions options)
      : gate(
            options, [this] { return now; },
            [this](const std::string& line) { log.push_back(line); }) {}
  int64_t now = 1'000 * kS;
  std::vector<std::string> log;
  AdmissionGate gate;
};

AdmissionOptions options(int max_pending) {
  AdmissionOptions o;
  o.max_pending = max_pending;
  o.first_service_us = 10 * kMs;
  return o;
}

TEST(AdmissionGate, AdmitsUpToMaxPendingWaitersThenSheds) {
  Fixture f(options(2));
  AdmissionGate::Decision at_store = f.gate.admit();
  ASSERT_TRUE(at_store.pass);
  at_store.pass->serving();
  AdmissionGate::Decision first = f.gate.admit(), second = f.gate.admit();
  ASSERT_TRUE(first.pass);
  ASSERT_TRUE(second.pass);
  EXPECT_EQ(f.gate.waiting(), 2);
  // A third would wait behind two: one too many.
  AdmissionGate::Decision third = f.gate.admit();
  EXPECT_FALSE(third.pass);
  EXPECT_GE(third.retry_after_s, 1);
  EXPECT_EQ(f.gate.shedTotal(), 1u);
  EXPECT_EQ(f.gate.waiting(), 2);  // the refused one never counted
  // The store's turn passes on: one place is free again.
  at_store.pass.reset();
  first.pass->serving();
  EXPECT_TRUE(f.gate.admit().pass);
}

TEST(AdmissionGate, NoneWaitingAllowedStillServesOneAtATime) {
  Fixture f(options(0));
  AdmissionGate::Decision a = f.gate.admit();
  ASSERT_TRUE(a.pass);  // the store is free: nobody waits
  a.pass->serving();
  EXPECT_FALSE(f.gate.admit().pass);
  a.pass.reset();
  EXPECT_TRUE(f.gate.admit().pass);
}

TEST(AdmissionGate, EveryPathOutReleasesItsPlace) {
  Fixture f(options(1));
  {
    AdmissionGate::Decision waiting = f.gate.admit();  // dropped before its turn
    ASSERT_TRUE(waiting.pass);
    EXPECT_EQ(f.gate.waiting(), 1);
  }
  EXPECT_EQ(f.gate.waiting(), 0);
  {
    AdmissionGate::Decision served = f.gate.admit();
    served.pass->serving();
    served.pass->serving();  // twice: counted once
    EXPECT_EQ(f.gate.waiting(), 0);
    // An exception out of the handler unwinds the pass like a return.
    try {
      AdmissionGate::Decision d = f.gate.admit();
      ASSERT_TRUE(d.pass);
      throw std::runtime_error("store failed");
    } catch (const std::runtime_error&) {
    }
    EXPECT_EQ(f.gate.waiting(), 0);
  }
  // A moved pass leaves once, from where it went.
  {
    AdmissionGate::Decision d = f.gate.admit();
    AdmissionGate::Pass moved = std::move(*d.pass);
    d.pass.reset();
    EXPECT_EQ(f.gate.waiting(), 1);
  }
  EXPECT_EQ(f.gate.waiting(), 0);
  // Nobody at the store, nobody waiting: admitted again and again.
  for (int i = 0; i < 5; ++i) {
    AdmissionGate::Decision d = f.gate.admit();
    ASSERT_TRUE(d.pass);
    d.pass->serving();
  }
  EXPECT_EQ(f.gate.shedTotal(), 0u);
}

TEST(AdmissionGate, MeasuresTheTimeAtTheStore) {
  Fixture f(options(1));
  for (int i = 0; i < 64; ++i) {
    AdmissionGate::Decision d = f.gate.admit();
    d.pass->serving();
    f.now += 40 * kMs;
  }
  EXPECT_NEAR(static_cast<double>(f.gate.serviceMicros()), 40.0 * kMs, 1.0 * kMs);
}

// With the store held and its queue full, each refused box is given a later
// return than the one before (a slot every 2 service times), so the boxes
// shed together do not all return together; the cap ends the growth.
TEST(AdmissionGate, RetryAfterGrowsWithTheBacklogUpToTheCap) {
  AdmissionOptions o = options(1);
  o.first_service_us = 100 * kMs;
  o.retry_cap_s = 30;
  Fixture f(o);
  AdmissionGate::Decision at_store = f.gate.admit();
  at_store.pass->serving();
  AdmissionGate::Decision waiter = f.gate.admit();
  ASSERT_TRUE(waiter.pass);
  std::vector<int> told;
  for (int i = 0; i < 400; ++i) {
    AdmissionGate::Decision d = f.gate.admit();
    ASSERT_FALSE(d.pass);
    told.push_back(d.retry_after_s);
  }
  // Floor 1 s, plus the waiter ahead (0.1 s): the first is told 2 s.
  EXPECT_EQ(told.front(), 2);
  for (size_t i = 1; i < told.size(); ++i) ASSERT_GE(told[i], told[i - 1]) << i;
  // 0.2 s a slot: five boxes a second, so the 50th is about 10 s out.
  EXPECT_EQ(told[50], 12);
  EXPECT_EQ(told.back(), 30);
  EXPECT_EQ(f.gate.shedTotal(), 400u);
}

TEST(AdmissionGate, TheScheduleEmptiesAsTimePasses) {
  AdmissionOptions o = options(0);
  o.first_service_us = 500 * kMs;
  Fixture f(o);
  AdmissionGate::Decision at_store = f.gate.admit();
  at_store.pass->serving();
  int last = 0;
  for (int i = 0; i < 20; ++i) last = f.gate.admit().retry_after_s;
  EXPECT_EQ(last, 20);  // 1 s + 19 slots of 1 s
  // A minute later those 20 have come back; the store is busy again (with
  // one that has just started): a box shed now is told to come back soon.
  at_store.pass.reset();
  f.now += 60 * kS;
  AdmissionGate::Decision next = f.gate.admit();
  next.pass->serving();
  AdmissionGate::Decision shed = f.gate.admit();
  ASSERT_FALSE(shed.pass);
  EXPECT_EQ(shed.retry_after_s, 1);
}

TEST(AdmissionGate, AStoreStuckLongerThanItsAverageSaysSo) {
  AdmissionOptions o = options(0);
  o.first_service_us = 1 * kMs;
  Fixture f(o);
  AdmissionGate::Decision at_store = f.gate.admit();
  at_store.pass->serving();
  f.now += 4 * kS;  // one request at the store for 4 s (another writer's lock)
  EXPECT_EQ(f.gate.admit().retry_after_s, 1);  // the first shed: the floor
  EXPECT_EQ(f.gate.admit().retry_after_s, 9);  // then 2 x 4 s later
}

TEST(AdmissionGate, LogsEachEpisodeOnceWithItsCount) {
  Fixture f(options(0));
  AdmissionGate::Decision at_store = f.gate.admit();
  at_store.pass->serving();
  for (int i = 0; i < 25; ++i) EXPECT_FALSE(f.gate.admit().pass);
  ASSERT_EQ(f.log.size(), 1u);
  EXPECT_NE(f.log[0].find("shedding load"), std::string::npos) << f.log[0];
  at_store.pass.reset();
  // Admitted at once after the last refusal: the episode goes on.
  f.now += 200 * kMs;
  f.gate.admit().pass->serving();
  EXPECT_EQ(f.log.size(), 1u);
  // A quiet second later: it ends, with its count.
  f.now += 2 * kS;
  f.gate.admit().pass->serving();
  ASSERT_EQ(f.log.size(), 2u);
  EXPECT_NE(f.log[1].find("stopped shedding load after 0.0 s: 25 requests answered 503"),
            std::string::npos)
      << f.log[1];
  f.gate.finish();
  EXPECT_EQ(f.log.size(), 2u);
  // An episode still open at shutdown is closed by finish().
  AdmissionGate::Decision again = f.gate.admit();
  again.pass->serving();
  EXPECT_FALSE(f.gate.admit().pass);
  f.gate.finish();
  ASSERT_EQ(f.log.size(), 4u);
  EXPECT_NE(f.log[3].find("1 requests answered 503"), std::string::npos) << f.log[3];
}

}  // namespace
