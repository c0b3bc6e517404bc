// The outbox delivered over real HTTPS: platform::CentralClient (libcurl multi
// on the EventLoop) + stb::ReportSender + the SQLite outbox, against the
// reference server tools/stb-central started on 127.0.0.1 with a fresh test
// PKI (scripts/make-test-pki; tests/support/central_server.h runs both).
//
// Covered: a report becomes a ticket (and a poll and a return visit go
// through); a server that is down keeps the report waiting with a backoff and
// it is delivered exactly once when the server comes up; a "crash" between
// the server's commit and the box's ack resends with the same
// Idempotency-Key and gets the same ticket, still one on the server; wrong
// CA, expired server certificate, wrong host name, no client certificate, a
// client certificate from another CA, connection refused and a silent server
// are not delivered, the log says why, the report stays queued.
#include "platform/central_client.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <ctime>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>

#include "platform/sqlite_outbox_store.h"
#include "stb/outbox.h"
#include "stb/report_sender.h"
#include "tests/support/central_server.h"
#include "tests/support/child_process.h"
#include "tests/support/command.h"
#include "tests/support/loopback_port.h"
#include "tests/support/recording_log.h"

namespace platform {
namespace {

namespace fs = std::filesystem;
using testing_support::CentralServer;
using testing_support::RecordingLog;
using testing_support::ScratchDir;
using testing_support::TestPki;

const char kBox[] = "STB-TEST-0001";

std::string utcNow() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

// The report as the menu would hand it over (the outbox adds report_id).
std::string reportBody() {
  return std::string(R"({"box_id":")") + kBox +
         R"(","smartcard_id":"8100123456","area_code":"A01","category":"no_picture",)"
         R"("callback_phone":"13800138000","visit_period":"morning","created":")" +
         utcNow() + R"(","diagnostics":{"snr_db":21.5,"channel":43,"sw":"1.2.3"}})";
}

class Random : public stb::RandomSource {
 public:
  uint64_t next() override { return gen(); }
  std::mt19937_64 gen{std::random_device{}()};
};

// A box: its state directory, outbox, client and sender on one event loop.
// Destroying it without any shutdown is the "crash".
struct Box {
  Box(const std::string& state_dir, CentralClientConfig config, stb::OutboxPolicy policy) {
    log.echo = "    [box log] ";
    std::string error;
    state = SqliteStateStore::open(state_dir, &error);
    EXPECT_TRUE(state) << error;
    store = SqliteOutboxStore::open(*state, &error);
    EXPECT_TRUE(store) << error;
    outbox = std::make_unique<stb::Outbox>(store.get(), &random, policy);
    EXPECT_TRUE(outbox->load(&error)) << error;
    outbox->resume(loop.clock().nowMs());
    client = CentralClient::create(&loop, std::move(config), &error);
    EXPECT_TRUE(client) << error;
    sender = std::make_unique<stb::ReportSender>(outbox.get(), client.get(), &loop.clock(), &log,
                                                 [this](std::optional<int64_t> due) {
                                                   if (timer) loop.cancel(timer);
                                                   timer = 0;
                                                   if (due)
                                                     timer = loop.addTimer(*due, [this] {
                                                       timer = 0;
                                                       if (sender) sender->run();
                                                     });
                                                 });
  }
  ~Box() {
    sender.reset();
    client.reset();
    if (timer) loop.cancel(timer);
    outbox.reset();
    store.reset();
    state.reset();
  }
  std::string enqueue() {
    std::string error;
    const auto id = outbox->enqueue(reportBody(), "no_picture", loop.clock().nowMs(), &error);
    EXPECT_TRUE(id) << error;
    sender->run();
    return id.value_or("");
  }
  // Turns the loop until PRED or TIMEOUT_MS.
  bool runUntil(const std::function<bool()>& pred, int timeout_ms = 15'000) {
    const int64_t end = loop.clock().nowMs() + timeout_ms;
    std::string error;
    while (!pred()) {
      if (loop.clock().nowMs() > end) return false;
      if (!loop.runOnce(50, &error)) return false;
    }
    return true;
  }
  const stb::OutboxReport* row(const std::string& id) { return outbox->find(id); }

  EventLoop loop;
  Random random;
  RecordingLog log;
  std::unique_ptr<SqliteStateStore> state;
  std::unique_ptr<SqliteOutboxStore> store;
  std::unique_ptr<stb::Outbox> outbox;
  std::unique_ptr<CentralClient> client;
  std::unique_ptr<stb::ReportSender> sender;
  EventLoop::Id timer = 0;
};

class CentralClientTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { pki_ = new TestPki(); }
  static void TearDownTestSuite() {
    delete pki_;
    pki_ = nullptr;
  }
  void SetUp() override {
    // A test that cannot find its server fails loudly; it never skips.
    ASSERT_TRUE(pki_->ok()) << pki_->output();
    ASSERT_TRUE(fs::exists(testing_support::centralBinary()))
        << testing_support::centralBinary() << " is needed (build stb-central)";
    fs::create_directories(dir_ / "state");
    // Fast backoff so a test waits well under a second per retry; the
    // production numbers are tested in tests/stb/outbox_test.cpp.
    policy_.retry_base_ms = 300;
    policy_.retry_floor_ms = 100;
    policy_.retry_cap_ms = 600;
  }
  void TearDown() override { central_.stop(); }
  CentralClientConfig config(int port, const std::string& ca = "ca",
                             const std::string& cert = std::string("box-") + kBox) {
    CentralClientConfig c;
    c.base_url = "https://127.0.0.1:" + std::to_string(port);
    c.ca_file = pki_->pem(ca);
    if (!cert.empty()) {
      c.cert_file = pki_->pem(cert);
      c.key_file = pki_->key(cert);
    }
    return c;
  }
  void startCentral(const std::string& cert = "server", int port = 0) {
    testing_support::CentralServerOptions o;
    o.db = dir_ / "central.db";
    o.cert = cert;
    o.port = port;
    std::string error;
    ASSERT_TRUE(central_.start(*pki_, o, &error)) << error;
  }
  // The server's own list: the ticket numbers it holds.
  std::vector<std::string> serverTickets() {
    std::vector<std::string> out;
    for (const auto& t : central_.tickets()) out.push_back(t.ticket);
    return out;
  }
  testing_support::CommandResult admin(const std::string& command, const std::string& args) {
    return central_.admin(command, args);
  }
  // Runs a box whose delivery must fail: not delivered, WHY in the log and
  // the row, the report still waiting on flash.
  void expectNotDelivered(Box& box, const std::string& why) {
    const std::string id = box.enqueue();
    ASSERT_TRUE(box.runUntil([&] { return box.row(id)->attempts >= 1; }));
    const auto* row = box.row(id);
    EXPECT_EQ(row->state, "waiting");
    EXPECT_NE(row->last_error.find(why), std::string::npos) << row->last_error;
    bool logged = false;
    for (const auto& [level, line] : box.log.lines)
      logged = logged || (line.find("not delivered: ") != std::string::npos &&
                          line.find(why) != std::string::npos);
    EXPECT_TRUE(logged) << row->last_error;
    EXPECT_GT(row->next_attempt_ms, box.loop.clock().nowMs() - 1);
    // Still queued on flash.
    std::vector<stb::OutboxReport> rows;
    std::string error;
    ASSERT_TRUE(box.store->list(&rows, &error));
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].state, "waiting");
  }

  static inline TestPki* pki_ = nullptr;
  ScratchDir dir_{"central-client"};
  stb::OutboxPolicy policy_;
  CentralServer central_;
};

TEST_F(CentralClientTest, AReportBecomesATicketThatIsPolledAndAnsweredAfterTheVisit) {
  startCentral();
  Box box(dir_ / "state", config(central_.port()), policy_);
  const std::string id = box.enqueue();
  ASSERT_TRUE(box.runUntil([&] { return box.row(id)->state != "waiting"; }));
  const auto* row = box.row(id);
  EXPECT_EQ(row->state, "sent");
  EXPECT_TRUE(std::regex_match(row->ticket, std::regex("T[0-9]{8}-[0-9]{6}"))) << row->ticket;
  EXPECT_EQ(row->status, "accepted");
  EXPECT_EQ(row->hotline, "96123");
  EXPECT_FALSE(row->deadline.empty());
  EXPECT_TRUE(box.log.has("delivered (HTTP 201): ticket " + row->ticket));
  const std::string ticket = row->ticket;
  EXPECT_EQ(serverTickets(), std::vector<std::string>{ticket});
  // The report on the server is the one the box stored, report_id and all.
  const auto body = admin("report", ticket);
  EXPECT_NE(body.out.find(id), std::string::npos) << body.out;

  // The operator resolves it; the next poll sees it and polling stops.
  ASSERT_EQ(admin("resolve", ticket).status, 0);
  box.outbox->resume(box.loop.clock().nowMs());  // poll now rather than in 5 minutes
  box.sender->run();
  ASSERT_TRUE(box.runUntil([&] { return box.row(id)->status == "resolved"; }));
  EXPECT_TRUE(box.log.has("ticket " + ticket + " is now resolved"));
  EXPECT_FALSE(box.outbox->nextWakeMs());

  // The viewer answers the return visit.
  std::string error;
  ASSERT_TRUE(box.outbox->enqueueReturnVisit(ticket, true, 4, box.loop.clock().nowMs(), &error))
      << error;
  box.sender->run();
  // Delivered, and kept as "sent" so the box never asks about it again.
  ASSERT_TRUE(box.runUntil([&] { return box.row("rv:" + ticket)->state == "sent"; }));
  EXPECT_TRUE(box.log.has("return visit for ticket " + ticket + " delivered (HTTP 200)"));
  const auto visits = admin("return-visits", "");
  EXPECT_NE(visits.out.find(ticket), std::string::npos) << visits.out;
}

TEST_F(CentralClientTest, AServerThatIsDownGetsTheReportExactlyOnceWhenItComesUp) {
  const int port = testing_support::freeLoopbackPort(SOCK_STREAM);
  Box box(dir_ / "state", config(port), policy_);
  const std::string id = box.enqueue();
  ASSERT_TRUE(box.runUntil([&] { return box.row(id)->attempts >= 2; }));
  EXPECT_EQ(box.row(id)->state, "waiting");
  EXPECT_NE(box.row(id)->last_error.find("cannot connect to the central system"), std::string::npos)
      << box.row(id)->last_error;
  EXPECT_GT(box.row(id)->next_attempt_ms, box.loop.clock().nowMs() - 1);
  startCentral("server", port);
  ASSERT_TRUE(box.runUntil([&] { return box.row(id)->state == "sent"; }));
  const auto tickets = serverTickets();
  ASSERT_EQ(tickets.size(), 1u);
  EXPECT_EQ(tickets[0], box.row(id)->ticket);
  // Nothing more is sent for it (only the poll, minutes away).
  const uint64_t requests = box.sender->requests();
  box.runUntil([] { return false; }, 1'000);
  EXPECT_EQ(box.sender->requests(), requests);
  EXPECT_EQ(serverTickets().size(), 1u);
}

TEST_F(CentralClientTest, ACrashBeforeTheAckResendsAndGetsTheSameTicket) {
  startCentral();
  std::string id;
  {
    Box box(dir_ / "state", config(central_.port()), policy_);
    id = box.enqueue();  // the POST is on its way
    ASSERT_EQ(box.client->inFlight(), 1u);
    box.sender.reset();  // the ack will reach nobody
    ASSERT_TRUE(box.runUntil([&] { return box.client->inFlight() == 0; }));
    ASSERT_EQ(serverTickets().size(), 1u);     // the server has it...
    EXPECT_EQ(box.row(id)->state, "waiting");  // ...the box does not know
  }                                            // the "crash": destroyed without any shutdown step
  Box box(dir_ / "state", config(central_.port()), policy_);
  ASSERT_TRUE(box.row(id));
  EXPECT_EQ(box.row(id)->state, "waiting");
  box.sender->run();
  ASSERT_TRUE(box.runUntil([&] { return box.row(id)->state == "sent"; }));
  EXPECT_TRUE(box.log.has("report " + id + " delivered (HTTP 200)"));  // a repeat
  const auto tickets = serverTickets();
  ASSERT_EQ(tickets.size(), 1u);
  EXPECT_EQ(tickets[0], box.row(id)->ticket);
}

TEST_F(CentralClientTest, AServerFromAnotherCaIsNotTrusted) {
  startCentral();
  Box box(dir_ / "state", config(central_.port(), "other-ca"), policy_);
  expectNotDelivered(box, "TLS: the server's certificate is not from the configured CA");
  EXPECT_TRUE(serverTickets().empty());
}

TEST_F(CentralClientTest, AnExpiredServerCertificateIsRefused) {
  startCentral("server-expired");
  Box box(dir_ / "state", config(central_.port()), policy_);
  expectNotDelivered(box, "TLS: the server's certificate has expired");
}

TEST_F(CentralClientTest, AServerCertificateForAnotherHostIsRefused) {
  startCentral("server-wrong-host");
  Box box(dir_ / "state", config(central_.port()), policy_);
  expectNotDelivered(box, "TLS: the server's certificate does not name this host");
}

TEST_F(CentralClientTest, WithoutAClientCertificateTheServerRefusesTheHandshake) {
  startCentral();
  Box box(dir_ / "state", config(central_.port(), "ca", ""), policy_);
  // Whether the refusal came as an alert or as a closed connection, the box
  // knows the reason: it has no certificate.
  expectNotDelivered(box,
                     "TLS: the box has no client certificate ([central] client_cert and "
                     "client_key are not set) and the central system requires one");
  EXPECT_TRUE(serverTickets().empty());
}

TEST_F(CentralClientTest, AClientCertificateFromAnotherCaIsRefused) {
  startCentral();
  Box box(dir_ / "state", config(central_.port(), "ca", "other-ca-box-STB-TEST-0001"), policy_);
  expectNotDelivered(box, "client certificate");
  EXPECT_TRUE(serverTickets().empty());
}

TEST_F(CentralClientTest, ConnectionRefusedIsRetried) {
  Box box(dir_ / "state", config(testing_support::freeLoopbackPort(SOCK_STREAM)), policy_);
  expectNotDelivered(box, "cannot connect to the central system (refused or unreachable)");
}

// A server whose answer never ends (5 MiB): the box stops reading at
// 64 KiB, says so, and keeps the report (a box has little memory).
TEST_F(CentralClientTest, AnAnswerLongerThan64KiBIsNotRead) {
  const std::string answer = dir_ / "answer.bin";
  {
    std::ofstream out(answer, std::ios::binary);
    const std::string body(5 * 1024 * 1024, 'x');
    out << "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " << body.size()
        << "\r\n\r\n"
        << body;
  }
  const int port = testing_support::freeLoopbackPort(SOCK_STREAM);
  testing_support::ChildProcess server;
  std::string error;
  const std::string out = dir_ / "s_server.out";
  ASSERT_TRUE(server.start(
      {"/bin/sh", "-c",
       "exec openssl s_server -accept 127.0.0.1:" + std::to_string(port) + " -cert " +
           pki_->pem("server") + " -key " + pki_->key("server") + " -naccept 1 < " + answer},
      out, dir_ / "s_server.err", &error))
      << error;
  ASSERT_TRUE(testing_support::waitForText(out, "ACCEPT", 1, std::chrono::seconds(10), &server))
      << testing_support::readTextFile(dir_ / "s_server.err");
  Box box(dir_ / "state", config(port), policy_);
  expectNotDelivered(box, "the answer is longer than 64 KiB; not read");
  server.stop();
}

// A server that accepts the TCP connection and never speaks: the total
// timeout ends the attempt, and the loop keeps running meanwhile.
TEST_F(CentralClientTest, ASilentServerTimesOutWithoutBlockingTheLoop) {
  const int s = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(bind(s, reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
  ASSERT_EQ(listen(s, 4), 0);
  socklen_t len = sizeof a;
  getsockname(s, reinterpret_cast<sockaddr*>(&a), &len);
  auto c = config(ntohs(a.sin_port));
  c.total_timeout_ms = 1'000;
  Box box(dir_ / "state", c, policy_);
  int ticks = 0;
  std::function<void()> tick = [&] {
    ++ticks;
    box.loop.addTimer(box.loop.clock().nowMs() + 50, tick);
  };
  box.loop.addTimer(box.loop.clock().nowMs() + 50, tick);
  const int64_t start = box.loop.clock().nowMs();
  expectNotDelivered(box, "the central system did not answer in time");
  const int64_t took = box.loop.clock().nowMs() - start;
  EXPECT_GE(took, 900);
  EXPECT_LT(took, 5'000);
  EXPECT_GE(ticks, static_cast<int>(took / 50) - 4);  // the 50 ms timer kept firing
  close(s);
}

TEST(CentralClientCreate, OnlyHttpsAndReadableFiles) {
  EventLoop loop;
  std::string error;
  CentralClientConfig c;
  c.base_url = "http://127.0.0.1:8080";
  c.ca_file = "/etc/hostname";
  EXPECT_FALSE(CentralClient::create(&loop, c, &error));
  EXPECT_NE(error.find("not an https:// URL"), std::string::npos) << error;
  c.base_url = "https://127.0.0.1:8443";
  c.ca_file = "/nonexistent/ca.pem";
  EXPECT_FALSE(CentralClient::create(&loop, c, &error));
  EXPECT_NE(error.find("CA file /nonexistent/ca.pem"), std::string::npos) << error;
  c.ca_file = "/etc/hostname";
  c.cert_file = "/etc/hostname";
  EXPECT_FALSE(CentralClient::create(&loop, c, &error));
  EXPECT_NE(error.find("needs its key"), std::string::npos) << error;
}

TEST(CentralClientExplain, NamesTheReasonBeforeCurlsWords) {
  EXPECT_EQ(CentralClient::explain(60, 10, "SSL certificate problem: certificate has expired"),
            "TLS: the server's certificate has expired (SSL certificate problem: certificate "
            "has expired; curl 60)");
  EXPECT_EQ(CentralClient::explain(7, 0, ""),
            "cannot connect to the central system (refused or unreachable) (Couldn't connect to "
            "server; curl 7)");
}

}  // namespace
}  // namespace platform
