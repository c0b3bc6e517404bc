#pragma once
// The reference central system for tests: a scratch directory, a test PKI
// (scripts/make-test-pki) and `stb-central serve` on 127.0.0.1, stopped at the
// end, with its tickets read back through its admin commands. Shared by the
// stb-central, central client and stbd end-to-end tests.
#include <string>
#include <vector>

#include "tests/support/child_process.h"
#include "tests/support/command.h"
#include "tests/support/files.h"

namespace testing_support {

// A throw-away PKI made by scripts/make-test-pki in its own scratch
// directory: ca, server, server-expired, server-wrong-host, other-ca,
// box-STB-TEST-0001/0002, other-ca-box-STB-TEST-0001 (NAME.pem, NAME.key).
class TestPki {
 public:
  TestPki();
  bool ok() const { return ok_; }
  const std::string& output() const { return output_; }  // the script's, when it failed
  const std::string& dir() const { return dir_.path(); }
  std::string pem(const std::string& name) const { return dir_ / (name + ".pem"); }
  std::string key(const std::string& name) const { return dir_ / (name + ".key"); }

 private:
  ScratchDir dir_;
  bool ok_ = false;
  std::string output_;
};

// One ticket as `stb-central tickets --json` lists it.
struct CentralTicket {
  std::string ticket, report_id, box_id, category, status;
};

struct CentralServerOptions {
  std::string db;                  // --db (made when missing)
  std::string cert = "server";     // the server's certificate in the PKI
  std::string ca = "ca";           // the CA the boxes' certificates must chain to
  int port = 0;                    // 0: a free port; else this one (a restart)
  std::vector<std::string> extra;  // more `serve` options
  std::string log_path;            // its stderr; empty: DB + ".log"
};

// One `stb-central serve` child process.
class CentralServer {
 public:
  CentralServer() = default;  // killed at destruction if still running
  CentralServer(const CentralServer&) = delete;
  CentralServer& operator=(const CentralServer&) = delete;

  // Starts it with PKI's certificates and waits (10 s at most) for its
  // "listening on 127.0.0.1:PORT" line. False and *error (with its log)
  // when it did not start.
  bool start(const TestPki& pki, const CentralServerOptions& options, std::string* error);
  // SIGTERM, then its exit status once it has gone (-1: killed by a signal,
  // or still there after 10 s and killed). The port and database stay known,
  // for a restart on the same port and for the admin commands.
  int stop();
  bool running() const { return process_.running(); }

  int port() const { return port_; }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }
  const std::string& db() const { return options_.db; }
  std::string log() const;  // its stderr so far: one line per request
  const std::string& logPath() const { return options_.log_path; }

  // `stb-central COMMAND --db DB ARGS` with stderr folded into out.
  CommandResult admin(const std::string& command, const std::string& args = "") const;
  // Every ticket in the database (a failed listing fails the test).
  std::vector<CentralTicket> tickets() const;

 private:
  CentralServerOptions options_;
  ChildProcess process_;
  int port_ = 0;
};

// The built stb-central binary.
std::string centralBinary();

}  // namespace testing_support
