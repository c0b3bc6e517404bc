// stb-central's command lines: what each command takes, and the usage error
// (exit 2) for anything else, before any database or certificate is opened.
#include "tools/stb-central/cli.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "tests/tools/stb_central/stb_central_test_util.h"
#include "tools/stb-central/report_validation.h"
#include "tools/stb-central/ticket_store.h"

namespace tools::central {
namespace {

struct Outcome {
  int status = -1;
  std::string err;  // the first line only: the usage text follows it
  std::string out;
};

Outcome run(const std::vector<std::string>& args) {
  char* text = nullptr;
  size_t size = 0;
  char* out_text = nullptr;
  size_t out_size = 0;
  std::FILE* err = open_memstream(&text, &size);
  std::FILE* out = open_memstream(&out_text, &out_size);
  Outcome o;
  o.status = runCli(args, out, err);
  std::fclose(err);
  std::fclose(out);
  const std::string all(text, size);
  std::free(text);
  o.out.assign(out_text, out_size);
  std::free(out_text);
  o.err = all.substr(0, all.find('\n'));
  return o;
}

TEST(CentralCli, UsageErrorsNameTheArgument) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{}, "stb-central: no command"},
      {{"bogus"}, "stb-central: unknown command bogus"},
      {{"serve"}, "stb-central: --db is required"},
      {{"serve", "--db", "x.db", "--cert", "c.pem"}, "stb-central: --key is required"},
      {{"serve", "--db", "x.db", "--db", "y.db"}, "stb-central: --db given twice"},
      {{"serve", "--db"}, "stb-central: --db needs a value"},
      {{"serve", "--bogus"}, "stb-central: unknown option --bogus"},
      {{"serve", "extra", "--bogus"}, "stb-central: unknown option --bogus"},
      {{"serve", "extra", "--db", "x.db"}, "stb-central: unexpected argument extra"},
      {{"serve", "--db", "x", "--cert", "c", "--key", "k", "--ca", "a", "--listen", "1.2.3"},
       "stb-central: --listen must be IPV4:PORT, e.g. 127.0.0.1:8443"},
      {{"serve", "--db", "x", "--cert", "c", "--key", "k", "--ca", "a", "--hotline", "call"},
       "stb-central: --hotline must be a phone number"},
      {{"serve", "--db", "x", "--cert", "c", "--key", "k", "--ca", "a", "--refuse-with-retry-after",
        "soon"},
       "stb-central: --refuse-with-retry-after needs a number of seconds"},
      {{"tickets", "--db", "x.db", "extra"}, "stb-central: unexpected argument extra"},
      {{"return-visits", "--db", "x.db", "--bogus"}, "stb-central: unknown option --bogus"},
      {{"report", "--db", "x.db", "--json", "T1"}, "stb-central: unknown option --json"},
      {{"report", "--db", "x.db"}, "stb-central: report needs one TICKET"},
      {{"set-status", "--db", "x.db", "T1"}, "stb-central: set-status needs TICKET STATUS"},
      {{"set-status", "--db", "x.db", "T1", "bogus"}, "stb-central: unknown status bogus"},
      {{"events", "--db", "x.db"}, "stb-central: events needs one TICKET"},
      {{"assign", "--db", "x.db", "T1"}, "stb-central: assign needs TICKET WORKER"},
      {{"dashboard", "--db", "x.db", "--from", "2026-12-01T00:00:00Z"},
       "stb-central: dashboard needs --from TIME and --to TIME"},
      {{"dashboard", "--db", "x.db", "--from", "2026-12-02T00:00:00Z", "--to",
        "2026-12-01T00:00:00Z"},
       "stb-central: --from and --to must be UTC times, from before to"},
      {{"dashboard", "--db", "x.db", "--from", "yesterday", "--to", "2026-12-01T00:00:00Z"},
       "stb-central: --from and --to must be UTC times, from before to"},
      {{"serve", "--db", "x", "--cert", "c", "--key", "k", "--ca", "a", "--incident-window", "0"},
       "stb-central: --incident-window needs a number of seconds (1 to 604800)"},
      {{"serve", "--db", "x", "--cert", "c", "--key", "k", "--ca", "a", "--incident-min-reports",
        "three"},
       "stb-central: --incident-min-reports needs a number of reports (0: no incidents)"},
      {{"incidents", "--db", "x.db", "extra"}, "stb-central: unexpected argument extra"},
      {{"incidents"}, "stb-central: --db FILE is required"},
      {{"incident-resolve", "--db", "x.db", "--actor", "wang"},
       "stb-central: incident-resolve needs --id N"},
      {{"incident-dismiss", "--db", "x.db", "--id", "0", "--actor", "wang"},
       "stb-central: --id must be an incident number"},
      {{"incident-resolve", "--db", "x.db", "--id", "1"},
       "stb-central: incident-resolve needs --actor LOGIN"},
      {{"incident-confirm", "--db", "x.db", "--id", "1", "--actor", "wang"},
       "stb-central: incident-confirm needs --restore TIME (UTC)"},
      {{"incident-confirm", "--db", "x.db", "--id", "1", "--actor", "wang", "--restore", "soon"},
       "stb-central: --restore must be a UTC time, e.g. 2026-12-05T14:00:00Z"},
      {{"incident-resolve", "--db", "x.db", "--id", "1", "--actor", "wang", "--restore",
        "2026-12-05T14:00:00Z"},
       "stb-central: unknown option --restore"},
  };
  for (const auto& [args, want] : cases) {
    const Outcome o = run(args);
    std::string line;
    for (const std::string& a : args) line += a + " ";
    EXPECT_EQ(o.status, kExitUsage) << line;
    EXPECT_EQ(o.err, want) << line;
  }
}

TEST(CentralCli, AMissingDatabaseIsAFailureNotAUsageError) {
  const Outcome o = run({"tickets", "--json", "--db", "/nonexistent/x.db"});
  EXPECT_EQ(o.status, kExitFailure);
  EXPECT_EQ(o.err, "stb-central: /nonexistent/x.db: no such database");
}

// The desk's admin commands on a real database: assign, the events it
// wrote with "cli" as the actor, the old resolve, and the dashboard's CSV.
TEST(CentralCli, AssignEventsAndDashboard) {
  stb_central_test::ScratchDir dir("cli");
  const std::string db = dir / "central.db";
  const UtcSeconds accepted = *dvb::parseIso8601("2026-12-01T08:00:00Z");
  {
    std::string error;
    auto store = TicketStore::open(db, &error);
    ASSERT_TRUE(store) << error;
    NewReport r;
    ValidationError problem;
    ASSERT_TRUE(parseReport(
        stb_central_test::reportJson("00000000-0000-4000-8000-000000000001", "STB-TEST-0001"), &r,
        &problem));
    SubmitResult result;
    ASSERT_TRUE(
        store->submit(r, SubmitTerms{Severity::kGeneral, "complaint", accepted + 72 * 3600, ""},
                      accepted, &result, &error))
        << error;
  }
  const std::string t = "T20261201-000001";
  Outcome o = run({"assign", "--db", db, t, "wang"});
  EXPECT_EQ(o.status, kExitOk) << o.err;
  EXPECT_EQ(o.out, t + " wang\n");
  EXPECT_EQ(run({"resolve", "--db", db, t}).status, kExitOk);
  o = run({"assign", "--db", db, t, "li"});
  EXPECT_EQ(o.status, kExitFailure);
  EXPECT_EQ(o.err, "stb-central: " + t + " is resolved; only an open ticket is assigned");
  EXPECT_EQ(run({"assign", "--db", db, "T20261201-000009", "li"}).err,
            "stb-central: no ticket T20261201-000009");
  o = run({"events", "--db", db, t});
  EXPECT_EQ(o.status, kExitOk) << o.err;
  const std::vector<std::string> want = {
      "2026-12-01T08:00:00Z  accepted         box:STB-TEST-0001  ",
      "  assigned         cli                   {\"assignee\":\"wang\",\"previous\":null}\n",
      "  resolved         cli                   {\"return_visit_due\":"};
  for (const std::string& w : want) EXPECT_NE(o.out.find(w), std::string::npos) << o.out;
  EXPECT_EQ(run({"events", "--db", db, "T20261201-000009"}).err,
            "stb-central: no ticket T20261201-000009");
  o = run({"tickets", "--db", db});
  EXPECT_NE(o.out.find("assignee wang\n"), std::string::npos) << o.out;
  // The complaint was accepted on Dec 1; nothing else is known yet.
  o = run(
      {"dashboard", "--db", db, "--from", "2026-12-01T00:00:00Z", "--to", "2026-12-02T00:00:00Z"});
  EXPECT_EQ(o.status, kExitOk) << o.err;
  EXPECT_NE(o.out.find("\r\n2026-12-01T00:00:00Z,2026-12-02T00:00:00Z,all,,"), std::string::npos)
      << o.out;
  EXPECT_NE(o.out.find(",area,A01,"), std::string::npos) << o.out;
  EXPECT_EQ(o.out.substr(o.out.size() - 4), ",1\r\n") << o.out;  // one complaint
}

// The incident commands on a real database: the listing, the moves with
// their actor, and the refusals a move's status gives.
TEST(CentralCli, IncidentsListedConfirmedResolvedAndRefused) {
  stb_central_test::ScratchDir dir("cli-incidents");
  const std::string db = dir / "central.db";
  const UtcSeconds at = *dvb::parseIso8601("2026-12-01T08:00:00Z");
  {
    std::string error;
    auto store = TicketStore::open(db, &error);
    ASSERT_TRUE(store) << error;
    store->setIncidentRules(IncidentRules{});
    for (int n = 1; n <= 4; ++n) {
      char id[40];
      std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", n);
      NewReport r;
      ValidationError problem;
      ASSERT_TRUE(parseReport(stb_central_test::reportJson(id, "STB-TEST-0001"), &r, &problem));
      r.area_code = n == 4 ? "B02" : "A01";
      SubmitResult result;
      ASSERT_TRUE(store->submit(r, SubmitTerms{Severity::kMajor, "major_fault", at + 72 * 3600, ""},
                                at + n, &result, &error))
          << error;
    }
  }
  Outcome o = run({"incidents", "--db", db});
  EXPECT_EQ(o.status, kExitOk) << o.err;
  EXPECT_EQ(o.out.rfind("#1      area A01       suspected      3 report(s)  opened "
                        "2026-12-01T08:00:03Z  last 2026-12-01T08:00:03Z\n",
                        0),
            0u)
      << o.out;
  EXPECT_NE(o.out.find("\n1 incident(s)\n"), std::string::npos) << o.out;
  o = run({"tickets", "--db", db});
  EXPECT_NE(o.out.find("area A01       deadline 2026-12-04T08:00:00Z  incident 1\n"),
            std::string::npos)
      << o.out;
  EXPECT_EQ(run({"incident-dismiss", "--db", db, "--id", "2", "--actor", "wang"}).err,
            "stb-central: no incident 2");
  o = run({"incident-confirm", "--db", db, "--id", "1", "--restore", "2026-12-01T14:00:00Z",
           "--actor", "wang.boss"});
  EXPECT_EQ(o.status, kExitOk) << o.err;
  EXPECT_NE(o.out.find("incident 1 confirmed: #1 "), std::string::npos) << o.out;
  EXPECT_NE(o.out.find("restore 2026-12-01T14:00:00Z  confirmed by wang.boss\n"), std::string::npos)
      << o.out;
  o = run({"incident-dismiss", "--db", db, "--id", "1", "--actor", "wang.boss"});
  EXPECT_EQ(o.status, kExitFailure);
  EXPECT_EQ(o.err, "stb-central: incident 1 is confirmed; only a suspected incident is dismissed");
  o = run({"incident-resolve", "--db", db, "--id", "1", "--actor", "wang.boss"});
  EXPECT_EQ(o.status, kExitOk) << o.err;
  EXPECT_NE(o.out.find("resolved by wang.boss\n"), std::string::npos) << o.out;
  o = run({"incident-resolve", "--db", db, "--id", "1", "--actor", "wang.boss"});
  EXPECT_EQ(o.err,
            "stb-central: incident 1 is resolved; only a suspected or confirmed incident is "
            "resolved");
  o = run({"events", "--db", db, "T20261201-000002"});
  EXPECT_NE(o.out.find("  resolved         wang.boss             {\"incident\":1,"),
            std::string::npos)
      << o.out;
  EXPECT_EQ(run({"incidents", "--db", db, "--open"}).out, "0 incident(s)\n");
  o = run({"incidents", "--db", db, "--json"});
  const nlohmann::json list = nlohmann::json::parse(o.out, nullptr, false);
  ASSERT_TRUE(list.is_array() && list.size() == 1u) << o.out;
  EXPECT_EQ(list[0]["status"], "resolved");
  EXPECT_EQ(list[0]["reports"], 3);
  EXPECT_EQ(list[0]["expected_restore"], "2026-12-01T14:00:00Z");
  EXPECT_EQ(list[0]["confirmed_by"], "wang.boss");
  EXPECT_TRUE(list[0]["notice_object_id"].is_null());
}

}  // namespace
}  // namespace tools::central
