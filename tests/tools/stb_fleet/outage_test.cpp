// The regional outage at a reduced size: the boxes of one area against the
// built stb-central over HTTPS; its incident confirmed at minute 10 and the
// signed outage notice taken in by each box's real intake; resolved and
// withdrawn at hour 3, each attached box then asked its return visit.
#include "tools/stb-fleet/outage.h"

#include <gtest/gtest.h>

#include "tests/support/central_server.h"
#include "tests/support/files.h"
#include "tools/stb-central/outage_notice.h"
#include "tools/stb-fleet/cli.h"

namespace {

using testing_support::ScratchDir;
using testing_support::TestPki;

tools::fleet::OutageConfig reduced(const TestPki& pki, const ScratchDir& work) {
  tools::fleet::OutageConfig c;
  c.boxes = 600;
  c.report_share = 0.25;
  c.central_binary = testing_support::centralBinary();
  c.pki_dir = pki.dir();
  c.work_dir = work.path();
  return c;
}

void expectTheLoopClosed(const tools::fleet::OutageResult& r) {
  EXPECT_GT(r.viewers, 100u);
  // Nothing lost, nothing doubled.
  EXPECT_EQ(r.delivered, r.filed);
  EXPECT_EQ(r.refused, 0u);
  EXPECT_EQ(r.tickets.tickets, r.filed);
  EXPECT_EQ(r.tickets.distinct_reports, r.filed);
  // One incident, every report attached to it.
  EXPECT_EQ(r.incidents, 1u);
  EXPECT_NE(r.incident_id, 0);
  EXPECT_TRUE(r.all_attached);
  EXPECT_EQ(r.attached, r.delivered);
  // stb-central published the incident's own notice.
  EXPECT_EQ(r.notice_object_id, tools::central::outageObjectId(r.incident_id).value_or(0));
  // Before their box showed the notice every viewer reported; after it, the
  // known-outage page answered most of them.
  EXPECT_GT(r.viewers_unaware, 10u);
  EXPECT_GT(r.viewers_aware, 50u);
  EXPECT_EQ(r.filed_unaware, r.viewers_unaware);
  EXPECT_LT(r.filed_anyway * 3, r.viewers_aware);
  EXPECT_LT(r.filed, r.viewers);
  // Every box showed it within one carousel interval of the publication.
  EXPECT_GE(r.first_known_ms, r.published_ms);
  EXPECT_LT(r.last_known_ms - r.published_ms, 5'000);
  EXPECT_GT(r.boxes_shown, r.viewers / 2);
  // Withdrawn: nothing shown; every attached box asked and answered.
  EXPECT_EQ(r.shown_after_withdrawal, 0u);
  EXPECT_EQ(r.return_visit_boxes, r.delivered);
  EXPECT_EQ(r.return_visits_asked, r.return_visit_boxes);
  EXPECT_EQ(r.return_visits_answered, r.return_visit_boxes);
  EXPECT_GT(r.last_return_visit_ms, r.resolved_ms);
  EXPECT_EQ(r.early, 0u);
  EXPECT_EQ(r.before_retry_after, 0u);
  EXPECT_TRUE(tools::fleet::held(r));
}

TEST(FleetOutage, OneIncidentEveryReportAttachedFewerDuplicatesAndEveryReturnVisitAnswered) {
  TestPki pki;
  ASSERT_TRUE(pki.ok()) << pki.output();
  ScratchDir work("stb-fleet-outage");
  const tools::fleet::OutageConfig c = reduced(pki, work);
  tools::fleet::OutageResult r;
  std::string error;
  ASSERT_TRUE(tools::fleet::runOutage(c, &r, &error)) << error;
  SCOPED_TRACE(tools::fleet::describe(c, r));
  expectTheLoopClosed(r);
}

TEST(FleetOutage, CommandLineChecksItsOptions) {
  EXPECT_EQ(tools::fleet::runCli({"outage", "--boxes", "10"}), 2);
  EXPECT_EQ(tools::fleet::runCli({"outage", "--central-bin", "x", "--pki", "y", "--work", "z",
                                  "--resolve-at-min", "5"}),
            2);
  EXPECT_EQ(tools::fleet::runCli(
                {"outage", "--central-bin", "x", "--pki", "y", "--work", "z", "--instances", "2"}),
            2);
}

}  // namespace
