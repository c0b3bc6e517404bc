// The slowloris case of issue 13, repeated: from 127.0.0.2, 1,000 idle TCP
// connections and 150 TLS handshakes stalled half-way through a ClientHello;
// meanwhile a box (127.0.0.1, its real client certificate, the curl command
// line) posts a report and must have its ticket within 1 s. The attack is
// summarised in the log, never one line per connection.
#include <arpa/inet.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <vector>

#include "tests/support/central_server.h"
#include "tests/support/command.h"
#include "tests/support/files.h"
#include "tests/tools/stb_central/stb_central_test_util.h"

namespace {

using stb_central_test::reportJson;
using testing_support::CentralServer;
using testing_support::runCommand;
using testing_support::ScratchDir;
using testing_support::TestPki;
using testing_support::writeTextFile;

const char kId[] = "3f1c2a4e-8b7d-4e2a-9c1f-0a1b2c3d4e5f";
const char kAttacker[] = "127.0.0.2";

// A TCP connection from kAttacker to 127.0.0.1:PORT; BLOCKING waits for it
// to be established. -1 when it failed.
int attackerSocket(int port, bool blocking) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC | (blocking ? 0 : SOCK_NONBLOCK), 0);
  if (fd < 0) return -1;
  sockaddr_in from{};
  from.sin_family = AF_INET;
  inet_pton(AF_INET, kAttacker, &from.sin_addr);
  sockaddr_in to{};
  to.sin_family = AF_INET;
  to.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
  if (bind(fd, reinterpret_cast<sockaddr*>(&from), sizeof from) != 0 ||
      (connect(fd, reinterpret_cast<sockaddr*>(&to), sizeof to) != 0 && errno != EINPROGRESS)) {
    close(fd);
    return -1;
  }
  return fd;
}

TEST(CentralSlowloris, IdleConnectionsAndStalledHandshakesDoNotStarveABox) {
  // 1,150 sockets here, more than the usual soft limit of 1,024.
  rlimit limit{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &limit), 0);
  limit.rlim_cur = limit.rlim_max;
  ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &limit), 0);
  ASSERT_GE(limit.rlim_cur, 1300u) << "the hard open-file limit is too low for this test";

  TestPki pki;
  ASSERT_TRUE(pki.ok()) << pki.output();
  ScratchDir dir("slowloris");
  testing_support::CentralServerOptions o;
  o.db = dir / "central.db";
  CentralServer server;
  std::string error;
  ASSERT_TRUE(server.start(pki, o, &error)) << error;

  std::vector<int> attack;
  for (int i = 0; i < 1000; ++i) {
    const int fd = attackerSocket(server.port(), false);
    ASSERT_GE(fd, 0) << "idle connection " << i << ": " << std::strerror(errno);
    attack.push_back(fd);
  }
  // A TLS record header announcing 512 bytes of handshake, and the start of
  // a ClientHello (type, length, version): the rest never comes.
  const unsigned char partial_hello[] = {0x16, 0x03, 0x01, 0x02, 0x00, 0x01,
                                         0x00, 0x01, 0xfc, 0x03, 0x03};
  int stalled = 0;
  for (int i = 0; i < 150; ++i) {
    const int fd = attackerSocket(server.port(), true);
    ASSERT_GE(fd, 0) << "handshake " << i << ": " << std::strerror(errno);
    attack.push_back(fd);
    if (send(fd, partial_hello, sizeof partial_hello, MSG_NOSIGNAL) == sizeof partial_hello)
      ++stalled;
  }
  EXPECT_GT(stalled, 0);

  // The box, while all of that is open.
  const std::string report = dir / "report.json";
  writeTextFile(report, reportJson(kId, "STB-TEST-0001"));
  const auto start = std::chrono::steady_clock::now();
  const auto r = runCommand(
      "curl -sS --max-time 15 --cacert " + pki.pem("ca") + " --cert " +
      pki.pem("box-STB-TEST-0001") + " --key " + pki.key("box-STB-TEST-0001") +
      " -H 'Content-Type: application/json' -H 'Idempotency-Key: " + kId + "' --data-binary @" +
      report + " -w '\\n%{http_code} %{time_total}' " + server.url() + "/v1/reports 2>&1");
  const double wall_s =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("box report under attack: %.3f s (curl: %s)\n", wall_s,
              r.out.substr(r.out.rfind('\n') + 1).c_str());
  RecordProperty("box_report_seconds", std::to_string(wall_s));
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("\n201 "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"ticket\":\"T"), std::string::npos) << r.out;
  EXPECT_LT(wall_s, 1.0) << r.out;

  for (int fd : attack) close(fd);
  EXPECT_EQ(server.stop(), 0);
  const auto tickets = server.tickets();
  ASSERT_EQ(tickets.size(), 1u);
  EXPECT_EQ(tickets[0].report_id, kId);

  // Counted, not written one by one: no line names an attacker's connection
  // except the summaries, and they say who and why.
  const std::string log = server.log();
  std::istringstream lines(log);
  std::string line;
  int summaries = 0, per_connection = 0;
  while (std::getline(lines, line)) {
    if (line.find("box api: refused ") != std::string::npos)
      ++summaries;
    else if (line.find(kAttacker) != std::string::npos)
      ++per_connection;
  }
  EXPECT_GE(summaries, 1) << log;
  EXPECT_LE(summaries, 3) << log;
  EXPECT_EQ(per_connection, 0) << log;
  EXPECT_NE(log.find("from 1 peer: "), std::string::npos) << log;
  EXPECT_NE(log.find("over the per-peer connection limit"), std::string::npos) << log;
}

}  // namespace
