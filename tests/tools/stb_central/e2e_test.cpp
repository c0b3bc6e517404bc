// stb-central end to end: the built binary on 127.0.0.1:0 with a fresh PKI from
// scripts/make-test-pki, driven with the curl command line as a box would be,
// and checked through the admin commands.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "tests/support/central_server.h"
#include "tests/support/command.h"
#include "tests/support/files.h"
#include "tests/tools/stb_central/stb_central_test_util.h"
#include "tools/stb-central/time_util.h"

namespace {

using nlohmann::json;
using stb_central_test::reportJson;
using stb_central_test::ScratchDir;
using testing_support::CentralServer;
using testing_support::readTextFile;
using testing_support::runCommand;
using testing_support::TestPki;
using testing_support::writeTextFile;

const char kId1[] = "3f1c2a4e-8b7d-4e2a-9c1f-0a1b2c3d4e5f";
const char kId2[] = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d";
const char kBox1[] = "STB-TEST-0001";

bool haveTool(const char* name) {
  return runCommand(std::string("command -v ") + name + " >/dev/null 2>&1").status == 0;
}

struct CurlResult {
  int exit = -1;  // curl's exit status (0: a response arrived)
  int http = 0;   // status code; 0 when none
  std::string body;
  std::string headers;
  std::string stderr_text;
};

class CentralE2e : public testing::Test {
 protected:
  static void SetUpTestSuite() {
    have_curl_ = haveTool("curl");
    pki_ = new TestPki();
  }
  static void TearDownTestSuite() {
    delete pki_;
    pki_ = nullptr;
  }

  void SetUp() override {
    ASSERT_TRUE(have_curl_) << "the curl command line is required by these tests and was not found";
    ASSERT_TRUE(pki_->ok()) << pki_->output();
  }

  void TearDown() override {
    if (server_) {
      EXPECT_EQ(server_->stop(), 0) << "serve did not exit cleanly on SIGTERM\n" << log();
    }
  }

  static std::string pki(const std::string& name) { return pki_->dir() + "/" + name; }

  void startServer(const std::vector<std::string>& extra = {}, const std::string& cert = "server") {
    testing_support::CentralServerOptions o;
    o.db = db();
    o.cert = cert;
    o.extra = extra;
    o.log_path = dir_ / "server.log";
    server_ = std::make_unique<CentralServer>();
    std::string error;
    ASSERT_TRUE(server_->start(*pki_, o, &error)) << error;
  }

  std::string db() const { return dir_ / "central.db"; }
  std::string log() const { return readTextFile(dir_ / "server.log"); }
  std::string url(const std::string& path, const std::string& host = "127.0.0.1") const {
    return "https://" + host + ":" + std::to_string(server_->port()) + path;
  }

  // `client`: "box-STB-TEST-0001", "other-ca-box-STB-TEST-0001", or "" for no certificate.
  CurlResult curl(const std::string& client, const std::string& args) {
    const std::string body = dir_ / "curl.body", headers = dir_ / "curl.headers",
                      err = dir_ / "curl.err";
    std::remove(body.c_str());
    std::remove(headers.c_str());
    std::string line = "curl -sS --max-time 15 --cacert " + pki("ca.pem");
    if (!client.empty())
      line += " --cert " + pki(client + ".pem") + " --key " + pki(client + ".key");
    line += " -o " + body + " -D " + headers + " -w '%{http_code}' " + args + " 2>" + err;
    const auto r = runCommand(line);
    CurlResult c;
    c.exit = r.status;
    c.http = r.out.empty() ? 0 : std::atoi(r.out.c_str());
    c.body = readTextFile(body);
    c.headers = readTextFile(headers);
    c.stderr_text = readTextFile(err);
    return c;
  }

  CurlResult postReport(const std::string& client, const std::string& key,
                        const std::string& report) {
    const std::string file = dir_ / "report.json";
    writeTextFile(file, report);
    return curl(client, "-H 'Content-Type: application/json' -H 'Idempotency-Key: " + key +
                            "' --data-binary @" + file + " " + url("/v1/reports"));
  }

  CurlResult postJson(const std::string& client, const std::string& path, const std::string& body) {
    const std::string file = dir_ / "post.json";
    writeTextFile(file, body);
    return curl(client,
                "-H 'Content-Type: application/json' --data-binary @" + file + " " + url(path));
  }

  // The admin command on the test's database.
  testing_support::CommandResult admin(const std::string& args) {
    return runCommand(testing_support::centralBinary() + " " + args + " 2>&1");
  }

  json tickets() {
    const auto r = admin("tickets --db " + db() + " --json");
    EXPECT_EQ(r.status, 0) << r.out;
    const json j = json::parse(r.out, nullptr, false);
    EXPECT_TRUE(j.is_array()) << r.out;
    return j.is_array() ? j : json::array();
  }

  static inline TestPki* pki_ = nullptr;
  static inline bool have_curl_ = false;
  ScratchDir dir_{std::string("e2e-") +
                  testing::UnitTest::GetInstance()->current_test_info()->name()};
  std::unique_ptr<CentralServer> server_;
};

TEST_F(CentralE2e, ReportGetsOneTicketHoweverOftenItIsSent) {
  startServer();
  const dvb::UtcSeconds before = tools::central::systemNow();
  const CurlResult created = postReport("box-STB-TEST-0001", kId1, reportJson(kId1, kBox1));
  const dvb::UtcSeconds after = tools::central::systemNow();
  ASSERT_EQ(created.http, 201) << created.stderr_text << created.body << log();
  const json c = json::parse(created.body);
  const std::string ticket = c["ticket"];
  EXPECT_EQ(ticket.size(), 16u);
  EXPECT_EQ(ticket[0], 'T');
  EXPECT_EQ(c["status"], "accepted");
  EXPECT_EQ(c["severity"], "major");
  EXPECT_EQ(c["charter_category"], "major_fault");
  // 72 h from acceptance, the server's time of receipt (not the box's created).
  const auto deadline = dvb::parseIso8601(c["deadline"].get<std::string>());
  ASSERT_TRUE(deadline) << c["deadline"];
  EXPECT_GE(*deadline, before + 72 * 3600);
  EXPECT_LE(*deadline, after + 72 * 3600);
  EXPECT_EQ(c["hotline"], "96123");

  const CurlResult again = postReport("box-STB-TEST-0001", kId1, reportJson(kId1, kBox1));
  EXPECT_EQ(again.http, 200) << again.body;
  EXPECT_EQ(json::parse(again.body)["ticket"], ticket);

  const CurlResult changed =
      postReport("box-STB-TEST-0001", kId1, reportJson(kId1, kBox1, "no_sound"));
  EXPECT_EQ(changed.http, 409) << changed.body;
  EXPECT_EQ(json::parse(changed.body)["error"], "idempotency_conflict");

  const json all = tickets();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(all[0]["ticket"], ticket);
  EXPECT_EQ(all[0]["report_id"], kId1);
  EXPECT_EQ(all[0]["category"], "no_picture");

  // The stored report, diagnostics included, exactly as the box sent it.
  const auto report = admin("report --db " + db() + " " + ticket);
  EXPECT_EQ(report.status, 0);
  EXPECT_EQ(report.out, reportJson(kId1, kBox1) + "\n");
  // One log line per request: method, path, status, box CN.
  EXPECT_NE(log().find("cn=STB-TEST-0001 POST /v1/reports 201 " + ticket), std::string::npos)
      << log();
  EXPECT_NE(log().find("cn=STB-TEST-0001 POST /v1/reports 409"), std::string::npos);
}

// The certificate is judged at the first request (the TLS library asks for
// it but lets the handshake finish): no HTTP answer, a TLS alert, the
// connection closed; counted in the periodic refusal line.
TEST_F(CentralE2e, NoClientCertificateNoAnswerNothingStored) {
  startServer();
  const CurlResult r = postReport("", kId1, reportJson(kId1, kBox1));
  EXPECT_NE(r.exit, 0) << "a response arrived without a client certificate: " << r.http;
  EXPECT_EQ(r.http, 0);
  EXPECT_NE(r.stderr_text.find("certificate required"), std::string::npos) << r.stderr_text;
  EXPECT_TRUE(tickets().empty());
  EXPECT_EQ(server_->stop(), 0);
  server_.reset();
  EXPECT_NE(log().find("box api: refused 1 connection from 1 peer: 1 without a valid client "
                       "certificate; last: 127.0.0.1 without a valid client certificate: no "
                       "client certificate"),
            std::string::npos)
      << log();
}

TEST_F(CentralE2e, ClientCertificateFromAnotherCaIsRefused) {
  startServer();
  const CurlResult r = postReport("other-ca-box-STB-TEST-0001", kId1, reportJson(kId1, kBox1));
  EXPECT_NE(r.exit, 0);
  EXPECT_EQ(r.http, 0);
  EXPECT_NE(r.stderr_text.find("bad certificate"), std::string::npos) << r.stderr_text;
  EXPECT_TRUE(tickets().empty());
}

// --console-listen: a second listener with the same server certificate that
// asks for no client certificate and serves the console's pages; the box API
// still asks for one.
TEST_F(CentralE2e, ConsoleListenerNeedsNoClientCertificate) {
  startServer({"--console-listen", "127.0.0.1:0"});
  const std::string out = readTextFile(dir_ / "server.log.out");
  const std::string prefix = "console listening on 127.0.0.1:";
  const size_t at = out.find(prefix);
  ASSERT_NE(at, std::string::npos) << out;
  const std::string console =
      "https://127.0.0.1:" + std::to_string(std::atoi(out.c_str() + at + prefix.size()));
  const CurlResult page = curl("", console + "/console/login");
  EXPECT_EQ(page.exit, 0) << page.stderr_text;
  EXPECT_EQ(page.http, 200);
  EXPECT_NE(page.body.find("<form class=\"action\" method=\"post\" action=\"/console/login\">"),
            std::string::npos)
      << page.body;
  EXPECT_NE(log().find("cn=- GET /console/login 200"), std::string::npos) << log();
  EXPECT_EQ(curl("", url("/v1/tickets/T20000101-000001")).http, 0);
  EXPECT_EQ(admin("serve --db " + db() + " --cert " + pki("server.pem") + " --key " +
                  pki("server.key") + " --ca " + pki("ca.pem") + " --console-listen nowhere")
                .status,
            2);
}

TEST_F(CentralE2e, BoxIdMustMatchTheCertificate) {
  startServer();
  const CurlResult r = postReport("box-STB-TEST-0002", kId1, reportJson(kId1, kBox1));
  EXPECT_EQ(r.http, 403) << r.body;
  EXPECT_EQ(json::parse(r.body)["error"], "forbidden");
  EXPECT_TRUE(tickets().empty());
  EXPECT_NE(log().find("cn=STB-TEST-0002 POST /v1/reports 403"), std::string::npos) << log();
}

TEST_F(CentralE2e, TicketIsReadableByItsOwnBoxOnly) {
  startServer();
  const CurlResult created =
      postReport("box-STB-TEST-0001", kId1, reportJson(kId1, kBox1, "billing_question"));
  ASSERT_EQ(created.http, 201) << created.body;
  const std::string ticket = json::parse(created.body)["ticket"];
  const CurlResult mine = curl("box-STB-TEST-0001", url("/v1/tickets/" + ticket, "localhost"));
  ASSERT_EQ(mine.http, 200) << mine.stderr_text;
  const json t = json::parse(mine.body);
  EXPECT_EQ(t["ticket"], ticket);
  EXPECT_EQ(t["status"], "accepted");
  EXPECT_EQ(t["severity"], "general");
  EXPECT_EQ(t["category"], "billing_question");
  EXPECT_EQ(t["charter_category"], "general_fault");
  // 24 h from acceptance: the ticket was not changed since, so updated is that time.
  EXPECT_EQ(dvb::parseIso8601(t["deadline"].get<std::string>()),
            *dvb::parseIso8601(t["updated"].get<std::string>()) + 24 * 3600);
  EXPECT_EQ(curl("box-STB-TEST-0002", url("/v1/tickets/" + ticket)).http, 403);
  EXPECT_EQ(curl("box-STB-TEST-0001", url("/v1/tickets/T20000101-000001")).http, 404);
}

TEST_F(CentralE2e, ReturnVisitOnceAfterResolution) {
  startServer();
  const CurlResult created = postReport("box-STB-TEST-0001", kId1, reportJson(kId1, kBox1));
  ASSERT_EQ(created.http, 201) << created.body;
  const std::string ticket = json::parse(created.body)["ticket"];
  const std::string path = "/v1/tickets/" + ticket + "/return-visit";
  const std::string answer = R"({"fixed": true, "score": 4})";
  EXPECT_EQ(postJson("box-STB-TEST-0001", path, answer).http, 409);  // not resolved yet

  const auto resolved = admin("resolve --db " + db() + " " + ticket);
  ASSERT_EQ(resolved.status, 0) << resolved.out;
  EXPECT_EQ(json::parse(curl("box-STB-TEST-0001", url("/v1/tickets/" + ticket)).body)["status"],
            "resolved");
  EXPECT_EQ(postJson("box-STB-TEST-0002", path, answer).http, 403);
  const CurlResult first = postJson("box-STB-TEST-0001", path, answer);
  EXPECT_EQ(first.http, 200) << first.body;
  const CurlResult second = postJson("box-STB-TEST-0001", path, answer);
  EXPECT_EQ(second.http, 409);
  EXPECT_EQ(json::parse(second.body)["error"], "already_answered");

  const auto visits = admin("return-visits --db " + db() + " --json");
  ASSERT_EQ(visits.status, 0) << visits.out;
  const json v = json::parse(visits.out);
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0]["ticket"], ticket);
  EXPECT_EQ(v[0]["fixed"], true);
  EXPECT_EQ(v[0]["score"], 4);

  // Admin commands refuse what they cannot do, with status 1.
  EXPECT_EQ(admin("set-status --db " + db() + " " + ticket + " accepted").status, 1);
  EXPECT_EQ(admin("set-status --db " + db() + " " + ticket + " closed").status, 0);
  EXPECT_EQ(admin("resolve --db " + db() + " T20000101-000001").status, 1);
  EXPECT_EQ(admin("set-status --db " + db() + " " + ticket + " bogus").status, 2);
}

TEST_F(CentralE2e, RefusingServerAnswers503WithRetryAfter) {
  startServer({"--refuse-with-retry-after", "30"});
  const CurlResult r = postReport("box-STB-TEST-0001", kId1, reportJson(kId1, kBox1));
  EXPECT_EQ(r.http, 503) << r.body;
  EXPECT_NE(r.headers.find("Retry-After: 30\r\n"), std::string::npos) << r.headers;
  EXPECT_TRUE(tickets().empty());
}

TEST_F(CentralE2e, MalformedAndOversizedRequests) {
  startServer();
  const CurlResult bad = postReport("box-STB-TEST-0001", kId1, "{\"report_id\": ");
  EXPECT_EQ(bad.http, 400);
  EXPECT_EQ(json::parse(bad.body)["error"], "invalid_json");
  const CurlResult no_key = postJson("box-STB-TEST-0001", "/v1/reports", reportJson(kId1, kBox1));
  EXPECT_EQ(no_key.http, 400);
  EXPECT_EQ(json::parse(no_key.body)["error"], "missing_idempotency_key");
  const std::string huge =
      reportJson(kId1, kBox1, "no_picture", R"(, "x": ")" + std::string(70 * 1024, 'a') + "\"");
  // The 413 comes as soon as the headers are read, and the server closes. A
  // client still sending 70 KiB then may get a reset that throws the answer
  // away (seen under ASan on a loaded machine), so this one waits for the
  // server's word before its body, as Expect: 100-continue asks.
  writeTextFile(dir_ / "huge.json", huge);
  const CurlResult too_large =
      curl("box-STB-TEST-0001",
           "-H 'Content-Type: application/json' -H 'Idempotency-Key: " + std::string(kId1) +
               "' -H 'Expect: 100-continue' " + "--data-binary @" + (dir_ / "huge.json") + " " +
               url("/v1/reports"));
  EXPECT_EQ(too_large.http, 413) << too_large.stderr_text;
  const CurlResult chunked =
      curl("box-STB-TEST-0001",
           "-H 'Transfer-Encoding: chunked' -H 'Content-Type: application/json' "
           "--data-binary '{}' " +
               url("/v1/reports"));
  EXPECT_EQ(chunked.http, 411);
  const CurlResult big_head =
      curl("box-STB-TEST-0001", "-H 'X-Big: " + std::string(17 * 1024, 'a') + "' " +
                                    url("/v1/tickets/T20000101-000001"));
  EXPECT_EQ(big_head.http, 431);
  EXPECT_EQ(json::parse(big_head.body)["error"], "headers_too_large");
  std::string many;
  for (int i = 0; i < 70; ++i) many += "-H 'X-" + std::to_string(i) + ": 1' ";
  const CurlResult many_fields =
      curl("box-STB-TEST-0001", many + url("/v1/tickets/T20000101-000001"));
  EXPECT_EQ(many_fields.http, 431);
  EXPECT_EQ(json::parse(many_fields.body)["error"], "too_many_headers");
  const CurlResult long_target =
      curl("box-STB-TEST-0001", url("/v1/tickets/" + std::string(3000, 'a')));
  EXPECT_EQ(long_target.http, 414);
  EXPECT_TRUE(tickets().empty());
  // The server is still there.
  EXPECT_EQ(postReport("box-STB-TEST-0001", kId2, reportJson(kId2, kBox1)).http, 201);
}

TEST_F(CentralE2e, KeepAliveServesSeveralRequestsOnOneConnection) {
  startServer();
  ASSERT_EQ(postReport("box-STB-TEST-0001", kId1, reportJson(kId1, kBox1)).http, 201);
  const std::string ticket = tickets()[0]["ticket"];
  // One curl, three URLs: curl reuses the connection.
  const CurlResult r = curl("box-STB-TEST-0001", "-v " + url("/v1/tickets/" + ticket) + " " +
                                                     url("/v1/tickets/" + ticket) + " " +
                                                     url("/v1/tickets/" + ticket));
  EXPECT_EQ(r.exit, 0) << r.stderr_text;
  EXPECT_NE(r.stderr_text.find("Re-using existing connection"), std::string::npos) << r.stderr_text;
  size_t gets = 0;
  for (size_t at = 0;
       (at = log().find("GET /v1/tickets/" + ticket + " 200", at)) != std::string::npos; ++at)
    ++gets;
  EXPECT_EQ(gets, 3u) << log();
}

TEST_F(CentralE2e, BoxesRefuseAnExpiredOrWrongHostServerCertificate) {
  startServer({}, "server-expired");
  CurlResult r = postReport("box-STB-TEST-0001", kId1, reportJson(kId1, kBox1));
  EXPECT_NE(r.exit, 0);
  EXPECT_EQ(r.http, 0);
  EXPECT_NE(r.stderr_text.find("expired"), std::string::npos) << r.stderr_text;
  EXPECT_EQ(server_->stop(), 0);
  server_.reset();

  startServer({}, "server-wrong-host");
  r = postReport("box-STB-TEST-0001", kId1, reportJson(kId1, kBox1));
  EXPECT_NE(r.exit, 0);
  EXPECT_EQ(r.http, 0);
  EXPECT_TRUE(tickets().empty());
}

TEST_F(CentralE2e, ServeRefusesBadOptions) {
  EXPECT_EQ(admin("serve --db " + db()).status, 2);
  EXPECT_EQ(admin("serve --db " + db() + " --cert " + pki("server.pem") + " --key " +
                  pki("box-STB-TEST-0001.key") + " --ca " + pki("ca.pem"))
                .status,
            1);
  EXPECT_EQ(admin("tickets --db " + (dir_ / "missing.db")).status, 1);
  EXPECT_EQ(admin("frobnicate").status, 2);
}

}  // namespace
