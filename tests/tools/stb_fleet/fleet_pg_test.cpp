// The storm and the outage at a reduced size on PostgreSQL with two
// stb-central instances on one database, the boxes split between them as a
// TCP load balancer would: still one ticket per report, every retry waits
// for Retry-After, and the outage's reports make one incident.
#include <gtest/gtest.h>

#include "tests/support/central_server.h"
#include "tests/support/files.h"
#include "tests/tools/stb_central/pg_test_db.h"
#include "tools/stb-fleet/outage.h"
#include "tools/stb-fleet/storm.h"

namespace {

using testing_support::ScratchDir;
using testing_support::TestPki;

TEST(FleetStormPostgres, TwoInstancesGiveOneTicketPerReportAndRetriesObeyRetryAfter) {
  TestPki pki;
  ASSERT_TRUE(pki.ok()) << pki.output();
  std::string error;
  const std::string db = stb_central_test::freshPostgresSchema(&error);
  ASSERT_FALSE(db.empty()) << error;
  ScratchDir work("stb-fleet-storm-pg");
  tools::fleet::StormConfig c;
  c.boxes = 300;
  c.report_share = 0.5;
  c.db = db;
  c.instances = 2;
  c.central_binary = testing_support::centralBinary();
  c.pki_dir = pki.dir();
  c.work_dir = work.path();
  tools::fleet::StormResult r;
  ASSERT_TRUE(tools::fleet::runStorm(c, &r, &error)) << error;
  SCOPED_TRACE(tools::fleet::describe(c, r));

  EXPECT_GT(r.filed, 100u);
  EXPECT_EQ(r.delivered, r.filed);
  EXPECT_EQ(r.refused, 0u);
  EXPECT_EQ(r.tickets.tickets, r.filed);
  EXPECT_EQ(r.tickets.distinct_reports, r.filed);
  // Both instances served boxes (each logs a line per request).
  for (const char* log : {"central.log", "central-1.log"})
    EXPECT_NE(testing_support::readTextFile(work / log).find("/v1/reports"), std::string::npos)
        << log;
  EXPECT_GT(r.retry_after_seen, 0u);
  EXPECT_EQ(r.early, 0u);
  EXPECT_EQ(r.before_retry_after, 0u);
}

// The outage on the same two instances: reports of one area reaching both
// at once still group into one incident, each report one ticket attached to
// it, and every attached box gets its return visit.
TEST(FleetOutagePostgres, TwoInstancesOpenOneIncidentAndAttachEveryReport) {
  TestPki pki;
  ASSERT_TRUE(pki.ok()) << pki.output();
  std::string error;
  const std::string db = stb_central_test::freshPostgresSchema(&error);
  ASSERT_FALSE(db.empty()) << error;
  ScratchDir work("stb-fleet-outage-pg");
  tools::fleet::OutageConfig c;
  c.boxes = 800;
  c.report_share = 0.25;
  c.db = db;
  c.instances = 2;
  c.central_binary = testing_support::centralBinary();
  c.pki_dir = pki.dir();
  c.work_dir = work.path();
  tools::fleet::OutageResult r;
  ASSERT_TRUE(tools::fleet::runOutage(c, &r, &error)) << error;
  SCOPED_TRACE(tools::fleet::describe(c, r));
  EXPECT_GT(r.filed, 30u);
  EXPECT_EQ(r.delivered, r.filed);
  EXPECT_EQ(r.tickets.tickets, r.filed);
  EXPECT_EQ(r.tickets.distinct_reports, r.filed);
  EXPECT_EQ(r.incidents, 1u);
  EXPECT_TRUE(r.all_attached);
  EXPECT_EQ(r.return_visits_answered, r.return_visit_boxes);
  EXPECT_EQ(r.shown_after_withdrawal, 0u);
  EXPECT_TRUE(tools::fleet::held(r));
  for (const char* log : {"central.log", "central-1.log"})
    EXPECT_NE(testing_support::readTextFile(work / log).find("/v1/reports"), std::string::npos)
        << log;
}

TEST(FleetStormPostgres, SeveralInstancesNeedPostgres) {
  ScratchDir work("stb-fleet-storm-sqlite2");
  tools::fleet::StormConfig c;
  c.boxes = 2;
  c.instances = 2;
  c.central_binary = testing_support::centralBinary();
  c.pki_dir = work.path();
  c.work_dir = work.path();
  tools::fleet::StormResult r;
  std::string error;
  EXPECT_FALSE(tools::fleet::runStorm(c, &r, &error));
  EXPECT_NE(error.find("PostgreSQL"), std::string::npos) << error;
}

}  // namespace
