// The handler's view of a request (header lookup, keep-alive) and the
// refusal tally behind the server's periodic summary line.
#include <gtest/gtest.h>

#include <string>

#include "tools/https/http_request.h"
#include "tools/https/refusal_tally.h"

namespace tools::https {
namespace {

TEST(HttpRequest, HeaderLooksUpLowerCaseNames) {
  HttpRequest r;
  r.headers = {{"content-type", "application/json"}, {"idempotency-key", "k"}};
  ASSERT_NE(r.header("content-type"), nullptr);
  EXPECT_EQ(*r.header("content-type"), "application/json");
  EXPECT_EQ(r.header("host"), nullptr);
}

TEST(HttpRequest, KeepAliveByVersionAndConnectionHeader) {
  const std::string close = "Close", keep = "keep-alive", both = "upgrade, close ";
  EXPECT_TRUE(keepsAlive("HTTP/1.1", nullptr));
  EXPECT_FALSE(keepsAlive("HTTP/1.1", &close));
  EXPECT_FALSE(keepsAlive("HTTP/1.1", &both));
  EXPECT_FALSE(keepsAlive("HTTP/1.0", nullptr));
  EXPECT_TRUE(keepsAlive("HTTP/1.0", &keep));
}

TEST(RefusalTally, NothingRefusedNoLine) {
  RefusalTally t;
  EXPECT_EQ(t.takeSummary(), "");
}

TEST(RefusalTally, CountsPeersAndReasonsThenStartsAgain) {
  RefusalTally t;
  for (int i = 0; i < 1000; ++i) t.add(Refusal::kPerPeerLimit, "127.0.0.2");
  for (int i = 0; i < 150; ++i) t.add(Refusal::kNoRequest, "127.0.0.2");
  t.add(Refusal::kNoValidClientCert, "10.0.0.7", "no client certificate");
  EXPECT_EQ(t.takeSummary(),
            "refused 1151 connections from 2 peers: 1000 over the per-peer connection limit, 150 "
            "closed before a request (TLS handshake failed or timed out, or nothing sent in "
            "time), 1 without a valid client certificate; last: 10.0.0.7 without a valid client "
            "certificate: no client certificate");
  EXPECT_EQ(t.takeSummary(), "");
  t.add(Refusal::kServerFull, "");
  EXPECT_EQ(t.takeSummary(),
            "refused 1 connection from 0 peers: 1 server at its connection cap; last: ? server at "
            "its connection cap");
}

}  // namespace
}  // namespace tools::https
