// stb-central sheds load by itself (tools/stb-central/admission.h), against
// the built binary: clients without a box certificate, however many, never
// take a place in the queue. (The burst against a held store was timing-bound
// on a loaded machine: see docs/central-api.md "Known limit"; the gate's
// places are AdmissionGate's tests, shedding in a fleet FleetStorm's.)
#include <gtest/gtest.h>

#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "tests/support/central_server.h"
#include "tests/tools/stb_central/stb_central_test_util.h"
#include "tools/stb-fleet/fleet_http.h"

namespace {

using stb_central_test::reportJson;
using testing_support::CentralServer;
using testing_support::CentralServerOptions;
using testing_support::ScratchDir;
using testing_support::TestPki;
using tools::fleet::FleetHttp;

const char kBox[] = "STB-TEST-0001";

std::string reportId(int i) {
  char id[40];
  std::snprintf(id, sizeof id, "3f1c2a4e-8b7d-4e2a-9c1f-%012d", i);
  return id;
}

// The box's report I, from loopback address SOURCE (the server allows 32
// connections a peer); FORGED: with a certificate for the same CN from
// another CA, which the server refuses (an unauthenticated client).
FleetHttp::Request reportRequest(const CentralServer& server, const TestPki& pki, int i,
                                 const std::string& source, bool forged,
                                 stb::CentralApi::Done done) {
  FleetHttp::Request r;
  r.url = server.url() + "/v1/reports";
  r.ca_file = pki.pem("ca");
  const std::string cert = (forged ? "other-ca-box-" : "box-") + std::string(kBox);
  r.cert_file = pki.pem(cert);
  r.key_file = pki.key(cert);
  r.source_address = source;
  r.body = reportJson(reportId(i), kBox);
  r.headers = {"Idempotency-Key: " + reportId(i)};
  r.done = std::move(done);
  return r;
}

// Only requests with a verified box certificate reach the gate: with no
// waiting allowed at all (--max-pending 0), a box that sends one report at a
// time is never shed, however many clients without a certificate knock
// meanwhile.
TEST(CentralShedding, ClientsWithoutACertificateNeverTakeAPlace) {
  TestPki pki;
  ASSERT_TRUE(pki.ok()) << pki.output();
  ScratchDir dir("stb-central-shedding-anon");
  CentralServer server;
  CentralServerOptions options;
  options.db = dir / "central.db";
  options.extra = {"--max-pending", "0"};
  std::string error;
  ASSERT_TRUE(server.start(pki, options, &error)) << error;
  std::unique_ptr<FleetHttp> http = FleetHttp::create(&error);
  ASSERT_TRUE(http) << error;

  constexpr int kReports = 20, kAnonymous = 24;
  int anonymous_done = 0, anonymous_answered = 0, box_done = 0;
  std::vector<long> box_status;
  std::function<void(int)> knock = [&](int n) {
    http->start(reportRequest(server, pki, 1000 + n, "127.0.4." + std::to_string(n % 200 + 1), true,
                              [&, n](const stb::CentralResponse& r) {
                                ++anonymous_done;
                                if (r.http_status != 0) ++anonymous_answered;
                                if (box_done < kReports) knock(n + kAnonymous);
                              }));
  };
  std::function<void()> send_next = [&] {
    const int i = box_done;
    http->start(
        reportRequest(server, pki, i, "127.0.3.1", false, [&](const stb::CentralResponse& r) {
          box_status.push_back(r.http_status);
          if (++box_done < kReports) send_next();
        }));
  };
  for (int n = 0; n < kAnonymous; ++n) knock(n);
  send_next();
  while (http->inFlight() > 0) http->pump(20);

  ASSERT_EQ(box_status.size(), static_cast<size_t>(kReports));
  for (size_t i = 0; i < box_status.size(); ++i) EXPECT_EQ(box_status[i], 201) << i;
  EXPECT_GE(anonymous_done, kAnonymous);
  EXPECT_EQ(anonymous_answered, 0);  // refused in the handshake, never an HTTP answer
  ASSERT_EQ(server.stop(), 0);
  // They did reach the server, and were refused for their certificate.
  EXPECT_NE(server.log().find("without a valid client certificate"), std::string::npos)
      << server.log();
  EXPECT_EQ(server.log().find("shedding"), std::string::npos) << server.log();
  EXPECT_EQ(server.tickets().size(), static_cast<size_t>(kReports));
}

}  // namespace
