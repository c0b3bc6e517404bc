#pragma once
// The real stb-central as the fleet's counterpart: `stb-central serve` run as
// a child process on 127.0.0.1, stopped (SIGTERM) and started again on the
// same port and database, so an outage is a real one: refused connections.
#include <sys/types.h>

#include <string>
#include <vector>

namespace tools::fleet {

struct CentralOptions {
  std::string binary;  // the stb-central executable
  std::string db, cert, key, ca;
  std::string log_path;            // its stderr, appended across restarts
  std::vector<std::string> extra;  // more `serve` options
};

class CentralProcess {
 public:
  explicit CentralProcess(CentralOptions options) : options_(std::move(options)) {}
  ~CentralProcess() { stop(); }
  CentralProcess(const CentralProcess&) = delete;
  CentralProcess& operator=(const CentralProcess&) = delete;

  // Starts it (on the port of the last run; a free one the first time) with
  // EXTRA options added for this run, and waits for its "listening on" line.
  // False and *error when it did not come up within 10 s.
  bool start(const std::vector<std::string>& extra, std::string* error);
  // SIGTERM and wait; true when it exited 0 (or was not running).
  bool stop();
  bool running() const { return pid_ > 0; }
  int port() const { return port_; }
  std::string url() const { return "https://127.0.0.1:" + std::to_string(port_); }

 private:
  CentralOptions options_;
  pid_t pid_ = -1;
  int stdout_fd_ = -1;  // kept open while it runs: a closed pipe would kill it at its next line
  int port_ = 0;
};

}  // namespace tools::fleet

namespace tools::fleet {

// What `stb-central tickets --db DB --json` lists: tickets, and how many
// distinct report ids they carry (equal unless a report was filed twice).
struct TicketCount {
  size_t tickets = 0, distinct_reports = 0;
};
bool countTickets(const std::string& binary, const std::string& db, TicketCount* out,
                  std::string* error);
// S in single quotes for sh (a PostgreSQL connection string has its own).
std::string shellQuote(const std::string& s);

}  // namespace tools::fleet
