#include "tools/stb-fleet/central_process.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstring>
#include <thread>

extern char** environ;

namespace tools::fleet {

bool CentralProcess::start(const std::vector<std::string>& extra, std::string* error) {
  const auto fail = [error](const std::string& why) {
    if (error) *error = "stb-central: " + why;
    return false;
  };
  if (running()) return fail("already running");
  std::vector<std::string> args = {
      options_.binary, "serve",       "--db",     options_.db,
      "--cert",        options_.cert, "--key",    options_.key,
      "--ca",          options_.ca,   "--listen", "127.0.0.1:" + std::to_string(port_)};
  args.insert(args.end(), options_.extra.begin(), options_.extra.end());
  args.insert(args.end(), extra.begin(), extra.end());
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int out[2];
  if (::pipe2(out, O_CLOEXEC) != 0) return fail(std::string("pipe: ") + std::strerror(errno));
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, options_.log_path.c_str(),
                                   O_WRONLY | O_CREAT | O_APPEND, 0644);
  const int rc = posix_spawn(&pid_, argv[0], &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(out[1]);
  if (rc != 0) {
    ::close(out[0]);
    pid_ = -1;
    return fail("cannot run " + options_.binary + ": " + std::strerror(rc));
  }
  // Its stdout: "listening on 127.0.0.1:PORT" once it serves.
  std::string text;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  const std::string mark = "listening on 127.0.0.1:";
  while (text.find('\n', text.find(mark) == std::string::npos ? text.size() : text.find(mark)) ==
         std::string::npos) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    pollfd p{out[0], POLLIN, 0};
    char buf[256];
    ssize_t n = 0;
    if (left <= 0 || ::poll(&p, 1, static_cast<int>(left)) <= 0 ||
        (n = ::read(out[0], buf, sizeof buf)) <= 0) {
      ::close(out[0]);
      stop();
      return fail("did not start (see " + options_.log_path + ")");
    }
    text.append(buf, static_cast<size_t>(n));
  }
  stdout_fd_ = out[0];
  port_ = std::atoi(text.c_str() + text.find(mark) + mark.size());
  return true;
}

bool CentralProcess::stop() {
  if (stdout_fd_ >= 0) ::close(stdout_fd_);
  stdout_fd_ = -1;
  if (pid_ <= 0) return true;
  ::kill(pid_, SIGTERM);
  int status = 0;
  const pid_t pid = pid_;
  pid_ = -1;
  for (int i = 0; i < 1000; ++i) {
    if (::waitpid(pid, &status, WNOHANG) == pid)
      return WIFEXITED(status) && WEXITSTATUS(status) == 0;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  ::kill(pid, SIGKILL);
  ::waitpid(pid, &status, 0);
  return false;
}

}  // namespace tools::fleet

#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

namespace tools::fleet {

std::string shellQuote(const std::string& s) {
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

bool countTickets(const std::string& binary, const std::string& db, TicketCount* out,
                  std::string* error) {
  const std::string line = shellQuote(binary) + " tickets --db " + shellQuote(db) + " --json";
  FILE* p = ::popen(line.c_str(), "r");
  if (!p) {
    if (error) *error = "cannot run " + line;
    return false;
  }
  std::string text;
  char buf[65536];
  size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
  const int status = ::pclose(p);
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (status != 0 || !json.is_array()) {
    if (error) *error = line + " failed: " + text.substr(0, 200);
    return false;
  }
  std::set<std::string> ids;
  for (const auto& t : json) ids.insert(t.value("report_id", std::string()));
  out->tickets = json.size();
  out->distinct_reports = ids.size();
  return true;
}

}  // namespace tools::fleet
