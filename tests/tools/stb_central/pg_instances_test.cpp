// Two `stb-central serve` processes on one PostgreSQL database, as behind a
// load balancer: the same report posted to both at once, round after
// round, gets exactly one ticket, and both answer with it; outage reports
// posted to both at once make one incident, and its resolution is what the
// boxes see on either.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/support/central_server.h"
#include "tests/support/command.h"
#include "tests/tools/stb_central/pg_test_db.h"
#include "tests/tools/stb_central/stb_central_test_util.h"
#include "tools/stb-central/ticket_store.h"

namespace {

using nlohmann::json;
using stb_central_test::reportJson;
using stb_central_test::ScratchDir;
using testing_support::CentralServer;
using testing_support::readTextFile;
using testing_support::runCommand;
using testing_support::TestPki;
using testing_support::writeTextFile;

// curl as box STB-TEST-0001, writing the HTTP status after the body.
std::string boxCurl(const TestPki& pki) {
  return "curl -sS --max-time 15 --cacert " + pki.pem("ca") + " --cert " +
         pki.pem("box-STB-TEST-0001") + " --key " + pki.key("box-STB-TEST-0001") +
         " -H 'Content-Type: application/json' -w '%{http_code}'";
}

TEST(PostgresInstances, TheSameReportPostedToTwoInstancesAtOnceGivesOneTicket) {
  ASSERT_EQ(runCommand("command -v curl >/dev/null 2>&1").status, 0) << "curl is required";
  TestPki pki;
  ASSERT_TRUE(pki.ok()) << pki.output();
  std::string error;
  const std::string db = stb_central_test::freshPostgresSchema(&error);
  ASSERT_FALSE(db.empty()) << error;
  ScratchDir dir("pg-instances");
  CentralServer servers[2];
  for (int i = 0; i < 2; ++i) {
    testing_support::CentralServerOptions o;
    o.db = db;
    o.log_path = dir / ("server" + std::to_string(i) + ".log");
    ASSERT_TRUE(servers[i].start(pki, o, &error)) << error;
  }
  // Each round: both curls started together, then waited for.
  constexpr int kRounds = 25;
  std::string script;
  const std::string curl = boxCurl(pki);
  for (int r = 0; r < kRounds; ++r) {
    char id[40];
    std::snprintf(id, sizeof id, "7e57a11d-0000-4000-8000-%012d", r);
    const std::string body = dir / ("report" + std::to_string(r) + ".json");
    writeTextFile(body, reportJson(id, "STB-TEST-0001"));
    for (int i = 0; i < 2; ++i) {
      const std::string out = dir / ("r" + std::to_string(r) + "-" + std::to_string(i));
      script += curl + " -H 'Idempotency-Key: " + id + "' --data-binary @" + body + " -o " + out +
                ".json " + servers[i].url() + "/v1/reports >" + out + ".code 2>&1 & ";
    }
    script += "wait\n";
  }
  writeTextFile(dir / "race.sh", script);
  const auto ran = runCommand("sh " + dir / "race.sh");
  ASSERT_EQ(ran.status, 0) << ran.out;
  int created_by_first = 0;
  for (int r = 0; r < kRounds; ++r) {
    std::string codes, tickets[2];
    for (int i = 0; i < 2; ++i) {
      const std::string out = dir / ("r" + std::to_string(r) + "-" + std::to_string(i));
      const std::string code = readTextFile(out + ".code");
      codes += code + " ";
      const json answer = json::parse(readTextFile(out + ".json"), nullptr, false);
      if (answer.is_object() && answer.contains("ticket")) tickets[i] = answer["ticket"];
      if (i == 0 && code == "201") ++created_by_first;
    }
    // One created it (201), the other found it (200), both name it.
    EXPECT_TRUE(codes == "201 200 " || codes == "200 201 ")
        << "round " << r << ": " << codes << servers[0].log() << servers[1].log();
    EXPECT_FALSE(tickets[0].empty()) << "round " << r;
    EXPECT_EQ(tickets[0], tickets[1]) << "round " << r;
  }
  std::printf("instance 1 created %d of %d tickets, instance 2 the others\n", created_by_first,
              kRounds);
  EXPECT_EQ(servers[0].stop(), 0) << servers[0].log();
  EXPECT_EQ(servers[1].stop(), 0) << servers[1].log();
  auto store = tools::central::TicketStore::open(db, &error);
  ASSERT_TRUE(store) << error;
  std::vector<tools::central::Ticket> all;
  ASSERT_TRUE(store->listTickets(&all, &error)) << error;
  EXPECT_EQ(all.size(), static_cast<size_t>(kRounds));
}

TEST(PostgresInstances, OutageReportsPostedToTwoInstancesAtOnceMakeOneIncident) {
  ASSERT_EQ(runCommand("command -v curl >/dev/null 2>&1").status, 0) << "curl is required";
  TestPki pki;
  ASSERT_TRUE(pki.ok()) << pki.output();
  std::string error;
  const std::string db = stb_central_test::freshPostgresSchema(&error);
  ASSERT_FALSE(db.empty()) << error;
  ScratchDir dir("pg-incident");
  CentralServer servers[2];
  for (int i = 0; i < 2; ++i) {
    testing_support::CentralServerOptions o;
    o.db = db;
    o.log_path = dir / ("server" + std::to_string(i) + ".log");
    o.extra = {"--incident-window", "3600", "--incident-min-reports", "3"};
    ASSERT_TRUE(servers[i].start(pki, o, &error)) << error;
  }
  EXPECT_NE(servers[0].log().find("an incident opens at 3 outage reports of an area within 3600 s"),
            std::string::npos)
      << servers[0].log();
  // Each round: two different no_picture reports of area A01, one to each
  // instance, at once.
  constexpr int kRounds = 15;
  const std::string curl = boxCurl(pki);
  std::string script;
  for (int r = 0; r < kRounds; ++r) {
    for (int i = 0; i < 2; ++i) {
      char id[40];
      std::snprintf(id, sizeof id, "1c1de17d-0000-4000-8000-%012d", 2 * r + i);
      const std::string out = dir / ("r" + std::to_string(r) + "-" + std::to_string(i));
      writeTextFile(out + ".body", reportJson(id, "STB-TEST-0001"));
      script += curl + " -H 'Idempotency-Key: " + id + "' --data-binary @" + out + ".body -o " +
                out + ".json " + servers[i].url() + "/v1/reports >" + out + ".code 2>&1 & ";
    }
    script += "wait\n";
  }
  writeTextFile(dir / "race.sh", script);
  const auto ran = runCommand("sh " + dir / "race.sh");
  ASSERT_EQ(ran.status, 0) << ran.out;
  std::vector<std::string> tickets;
  for (int r = 0; r < kRounds; ++r)
    for (int i = 0; i < 2; ++i) {
      const std::string out = dir / ("r" + std::to_string(r) + "-" + std::to_string(i));
      EXPECT_EQ(readTextFile(out + ".code"), "201") << servers[0].log() << servers[1].log();
      const json answer = json::parse(readTextFile(out + ".json"), nullptr, false);
      ASSERT_TRUE(answer.is_object() && answer.contains("ticket")) << readTextFile(out + ".json");
      EXPECT_EQ(answer["status"], "accepted");
      tickets.push_back(answer["ticket"]);
    }
  // The admin commands on the same database (its spec holds spaces and
  // single quotes).
  const auto admin = [&](const std::string& args) {
    return runCommand(testing_support::centralBinary() + " " + args + " --db \"" + db + "\" 2>&1");
  };
  // One incident with every report, whichever instance took it.
  const auto listed = admin("incidents --json");
  ASSERT_EQ(listed.status, 0) << listed.out;
  const json incidents = json::parse(listed.out, nullptr, false);
  ASSERT_TRUE(incidents.is_array() && incidents.size() == 1u) << listed.out;
  EXPECT_EQ(incidents[0]["area_code"], "A01");
  EXPECT_EQ(incidents[0]["reports"], 2 * kRounds);
  EXPECT_EQ(incidents[0]["status"], "suspected");
  // Resolved from the command line; each box polls its ticket on either
  // instance and sees it resolved.
  const auto resolved = admin("incident-resolve --id 1 --actor wang.boss");
  ASSERT_EQ(resolved.status, 0) << resolved.out;
  std::string polls;
  for (size_t n = 0; n < tickets.size(); ++n)
    polls += curl + " -o " + dir / ("poll" + std::to_string(n)) + " " + servers[n % 2].url() +
             "/v1/tickets/" + tickets[n] + " >/dev/null\n";
  writeTextFile(dir / "poll.sh", polls);
  ASSERT_EQ(runCommand("sh " + dir / "poll.sh").status, 0);
  for (size_t n = 0; n < tickets.size(); ++n) {
    const json t = json::parse(readTextFile(dir / ("poll" + std::to_string(n))), nullptr, false);
    EXPECT_TRUE(t.is_object() && t["status"] == "resolved") << tickets[n] << ": " << t.dump();
  }
  EXPECT_EQ(servers[0].stop(), 0) << servers[0].log();
  EXPECT_EQ(servers[1].stop(), 0) << servers[1].log();
}

}  // namespace
