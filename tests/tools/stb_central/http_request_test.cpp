// parseHttpRequest: complete requests, partial input, limits and malformed input.
#include <gtest/gtest.h>

#include <string>

#include "tools/stb-central/http_request.h"

namespace tools::central {
namespace {

const char kPost[] =
    "POST /v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
    "Content-Length: 2\r\n\r\n{}";

ParseResult parse(const std::string& s, HttpLimits limits = {}) {
  return parseHttpRequest(s, limits);
}

TEST(HttpRequest, ParsesACompletePost) {
  const ParseResult r = parse(kPost);
  ASSERT_EQ(r.state, ParseState::kComplete) << r.error_message;
  EXPECT_EQ(r.request.method, "POST");
  EXPECT_EQ(r.request.path, "/v1/reports");
  EXPECT_EQ(r.request.body, "{}");
  EXPECT_EQ(r.consumed, sizeof kPost - 1);
  ASSERT_NE(r.request.header("content-type"), nullptr);
  EXPECT_EQ(*r.request.header("content-type"), "application/json");
  EXPECT_TRUE(r.request.keep_alive);
}

TEST(HttpRequest, EveryPrefixIsIncomplete) {
  const std::string full = kPost;
  for (size_t n = 0; n < full.size(); ++n)
    EXPECT_EQ(parse(full.substr(0, n)).state, ParseState::kIncomplete) << n;
}

TEST(HttpRequest, PipelinedRequestsAreConsumedOneAtATime) {
  const std::string two = std::string(kPost) + "GET /v1/tickets/T1 HTTP/1.1\r\nHost: x\r\n\r\n";
  const ParseResult first = parse(two);
  ASSERT_EQ(first.state, ParseState::kComplete);
  const ParseResult second = parse(two.substr(first.consumed));
  ASSERT_EQ(second.state, ParseState::kComplete);
  EXPECT_EQ(second.request.method, "GET");
  EXPECT_EQ(second.request.path, "/v1/tickets/T1");
}

TEST(HttpRequest, QueryIsNotPartOfThePath) {
  const ParseResult r = parse("GET /v1/tickets/T1?x=1 HTTP/1.1\r\nHost: x\r\n\r\n");
  ASSERT_EQ(r.state, ParseState::kComplete);
  EXPECT_EQ(r.request.path, "/v1/tickets/T1");
  EXPECT_EQ(r.request.target, "/v1/tickets/T1?x=1");
}

TEST(HttpRequest, ConnectionCloseAndHttp10) {
  EXPECT_FALSE(parse("GET / HTTP/1.1\r\nHost: x\r\nConnection: Close\r\n\r\n").request.keep_alive);
  EXPECT_FALSE(parse("GET / HTTP/1.0\r\n\r\n").request.keep_alive);
  EXPECT_TRUE(parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").request.keep_alive);
}

TEST(HttpRequest, LimitsGiveTheirStatus) {
  HttpLimits small;
  small.max_request_line = 32;
  small.max_header_bytes = 128;
  small.max_header_count = 3;
  small.max_body = 10;
  // Too long a request line, even before its CRLF arrives.
  EXPECT_EQ(parse("GET /" + std::string(40, 'a'), small).error_status, 414);
  EXPECT_EQ(parse("GET /" + std::string(40, 'a') + " HTTP/1.1\r\n", small).error_status, 414);
  // Header section too large, before and after the blank line.
  const std::string big_header = "GET / HTTP/1.1\r\nHost: x\r\nX-A: " + std::string(200, 'b');
  EXPECT_EQ(parse(big_header, small).error_status, 431);
  EXPECT_EQ(parse(big_header + "\r\n\r\n", small).error_status, 431);
  EXPECT_EQ(parse("GET / HTTP/1.1\r\nHost: x\r\nA: 1\r\nB: 2\r\nC: 3\r\n\r\n", small).error_status,
            431);
  // Body too large: refused on Content-Length, before the body comes.
  const ParseResult r = parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 11\r\n\r\n", small);
  EXPECT_EQ(r.state, ParseState::kError);
  EXPECT_EQ(r.error_status, 413);
  EXPECT_EQ(
      parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n0123456789", small).state,
      ParseState::kComplete);
}

TEST(HttpRequest, ChunkedUploadsAreRefusedWith411) {
  const ParseResult r =
      parse("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
  EXPECT_EQ(r.state, ParseState::kError);
  EXPECT_EQ(r.error_status, 411);
}

TEST(HttpRequest, ExpectContinueIsReportedWhileTheBodyIsAwaited) {
  const ParseResult r =
      parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nExpect: 100-continue\r\n\r\n");
  EXPECT_EQ(r.state, ParseState::kIncomplete);
  EXPECT_TRUE(r.headers_complete);
  EXPECT_TRUE(r.expect_continue);
  EXPECT_EQ(parse("GET / HTTP/1.1\r\nHost: x\r\nExpect: magic\r\n\r\n").error_status, 417);
}

struct Malformed {
  const char* name;
  const char* text;
  int status;
};

class HttpRequestMalformed : public testing::TestWithParam<Malformed> {};

TEST_P(HttpRequestMalformed, IsRefused) {
  const ParseResult r = parse(GetParam().text);
  EXPECT_EQ(r.state, ParseState::kError) << GetParam().name;
  EXPECT_EQ(r.error_status, GetParam().status) << GetParam().name << ": " << r.error_message;
  EXPECT_FALSE(r.error_code.empty());
}

INSTANTIATE_TEST_SUITE_P(
    Cases, HttpRequestMalformed,
    testing::Values(
        Malformed{"bare_lf_request_line", "GET / HTTP/1.1\nHost: x\n\n", 400},
        Malformed{"bare_lf_header", "GET / HTTP/1.1\r\nHost: x\n\r\n\r\n", 400},
        Malformed{"two_spaces", "GET  / HTTP/1.1\r\nHost: x\r\n\r\n", 400},
        Malformed{"missing_version", "GET /\r\nHost: x\r\n\r\n", 400},
        Malformed{"bad_method", "G(T / HTTP/1.1\r\nHost: x\r\n\r\n", 400},
        Malformed{"absolute_form", "GET http://x/ HTTP/1.1\r\nHost: x\r\n\r\n", 400},
        Malformed{"fragment", "GET /a#b HTTP/1.1\r\nHost: x\r\n\r\n", 400},
        Malformed{"garbage_version", "GET / HTTX/1.1\r\nHost: x\r\n\r\n", 400},
        Malformed{"http2", "GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505},
        Malformed{"no_host", "GET / HTTP/1.1\r\n\r\n", 400},
        Malformed{"two_hosts", "GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n", 400},
        Malformed{"space_before_colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n", 400},
        Malformed{"no_colon", "GET / HTTP/1.1\r\nHost x\r\n\r\n", 400},
        Malformed{"folded", "GET / HTTP/1.1\r\nHost: x\r\nX-A: 1\r\n 2\r\n\r\n", 400},
        Malformed{"control_char", "GET / HTTP/1.1\r\nHost: x\r\nX-A: a\x01\r\n\r\n", 400},
        Malformed{"negative_length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
                  400},
        Malformed{"length_with_junk", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1x\r\n\r\n",
                  400},
        Malformed{"conflicting_lengths",
                  "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
                  400},
        Malformed{"huge_length",
                  "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n",
                  400},
        Malformed{"empty_line_first", "\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n", 400}),
    [](const testing::TestParamInfo<Malformed>& case_info) {
      return std::string(case_info.param.name);
    });

}  // namespace
}  // namespace tools::central
