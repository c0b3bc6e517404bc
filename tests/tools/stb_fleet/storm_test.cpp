// The storm at a reduced size: 400 simulated boxes (their real outbox and
// report sender) against the built stb-central over HTTPS, which is stopped
// for 30 simulated minutes and then answers 503 with Retry-After for 5.
#include "tools/stb-fleet/storm.h"

#include <gtest/gtest.h>

#include "tests/support/central_server.h"
#include "tests/support/files.h"
#include "tools/stb-fleet/cli.h"

namespace {

using testing_support::ScratchDir;
using testing_support::TestPki;

TEST(FleetStorm, NoReportLostOrDoubledAndEveryRetryWaitsItsTurn) {
  TestPki pki;
  ASSERT_TRUE(pki.ok()) << pki.output();
  ScratchDir work("stb-fleet-storm");
  tools::fleet::StormConfig c;
  c.boxes = 400;
  c.report_share = 0.5;
  c.central_binary = testing_support::centralBinary();
  c.pki_dir = pki.dir();
  c.work_dir = work.path();
  tools::fleet::StormResult r;
  std::string error;
  ASSERT_TRUE(tools::fleet::runStorm(c, &r, &error)) << error;
  SCOPED_TRACE(tools::fleet::describe(c, r));

  EXPECT_GT(r.filed, 150u);
  // Nothing lost, nothing doubled: one ticket per report, by its key.
  EXPECT_EQ(r.delivered, r.filed);
  EXPECT_EQ(r.refused, 0u);
  EXPECT_EQ(r.tickets.tickets, r.filed);
  EXPECT_EQ(r.tickets.distinct_reports, r.filed);
  // The outage and the refusal really happened to the boxes...
  EXPECT_GT(r.attempts_max, 3);
  EXPECT_GT(r.retry_after_seen, 0u);
  EXPECT_GT(r.sends, r.filed);
  // ...and no box came back before its backoff or the server's Retry-After.
  EXPECT_EQ(r.early, 0u);
  EXPECT_EQ(r.before_retry_after, 0u);
  // Reports filed while it was down wait until it is back.
  EXPECT_GT(r.backlog_drained_ms, r.back_at_ms);
}

// The server sheds load by itself: never told to refuse, and no box request
// may wait for its store (--max-pending 0), while 200 reports come within
// 1 s (36-80 shed in runs here). Nothing is lost or doubled, every 503 is its
// own (logged as an episode), and no box comes back before its Retry-After.
TEST(FleetStorm, AServerSheddingByItselfLosesNothingAndIsObeyed) {
  TestPki pki;
  ASSERT_TRUE(pki.ok()) << pki.output();
  ScratchDir work("stb-fleet-storm-shed");
  tools::fleet::StormConfig c;
  c.boxes = 400;
  c.report_share = 0.5;
  c.filing_span_ms = 1'000;
  c.down_for_ms = 0;  // a restart at minute 10, no outage
  c.refuse_for_ms = 0;
  c.max_pending = 0;
  c.central_binary = testing_support::centralBinary();
  c.pki_dir = pki.dir();
  c.work_dir = work.path();
  tools::fleet::StormResult r;
  std::string error;
  ASSERT_TRUE(tools::fleet::runStorm(c, &r, &error)) << error;
  SCOPED_TRACE(tools::fleet::describe(c, r));

  EXPECT_GT(r.filed, 150u);
  EXPECT_EQ(r.delivered, r.filed);
  EXPECT_EQ(r.refused, 0u);
  EXPECT_EQ(r.tickets.tickets, r.filed);
  EXPECT_EQ(r.tickets.distinct_reports, r.filed);
  EXPECT_GT(r.answers_503, 0u);
  EXPECT_GT(r.shed_episodes, 0u);
  EXPECT_GE(r.retry_after_seen, 1u);
  EXPECT_EQ(r.early, 0u);
  EXPECT_EQ(r.before_retry_after, 0u);
}

TEST(FleetStorm, CommandLineRefusesAnUnknownScenario) {
  EXPECT_EQ(tools::fleet::runCli({"flood"}), 2);
  EXPECT_EQ(tools::fleet::runCli({"storm", "--boxes", "10"}), 2);
  EXPECT_EQ(tools::fleet::runCli(
                {"storm", "--central-bin", "x", "--pki", "p", "--work", "w", "--filing-min", "0"}),
            2);
}

}  // namespace
