#include "tests/support/central_server.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <sstream>

#include "tests/support/corpus.h"

namespace testing_support {
namespace {

// The flat string members of each object in `tickets --json` output (an
// array of objects, one member a line, as nlohmann's dump(2) writes them).
std::vector<std::map<std::string, std::string>> parseObjects(const std::string& json) {
  std::vector<std::map<std::string, std::string>> out;
  std::istringstream in(json);
  std::string line;
  while (std::getline(in, line)) {
    const size_t first = line.find_first_not_of(' ');
    if (first == std::string::npos) continue;
    if (line[first] == '{') {
      out.emplace_back();
      continue;
    }
    if (line[first] != '"' || out.empty()) continue;
    const size_t name_end = line.find('"', first + 1);
    const size_t colon = line.find(": ", name_end);
    if (name_end == std::string::npos || colon == std::string::npos) continue;
    const std::string name = line.substr(first + 1, name_end - first - 1);
    const size_t value = colon + 2;
    if (value >= line.size() || line[value] != '"') continue;  // not a string
    const size_t value_end = line.rfind('"');
    if (value_end <= value) continue;
    out.back()[name] = line.substr(value + 1, value_end - value - 1);
  }
  return out;
}

}  // namespace

std::string centralBinary() {
  return binPath("stb-central");
}

TestPki::TestPki() : dir_("pki") {
  const auto r = runCommand(std::string(STB_MAKE_TEST_PKI) + " " + dir_.path() + " 2>&1");
  ok_ = r.status == 0;
  if (!ok_) output_ = "scripts/make-test-pki failed (openssl is needed): " + r.out;
}

bool CentralServer::start(const TestPki& pki, const CentralServerOptions& options,
                          std::string* error) {
  if (process_.running()) stop();
  options_ = options;
  if (options_.log_path.empty()) options_.log_path = options_.db + ".log";
  // Its stdout in a file rather than a pipe: nothing can block it later.
  const std::string out_path = options_.log_path + ".out";
  std::vector<std::string> args = {centralBinary(), "serve",
                                   "--db",          options_.db,
                                   "--cert",        pki.pem(options_.cert),
                                   "--key",         pki.key(options_.cert),
                                   "--ca",          pki.pem(options_.ca),
                                   "--listen",      "127.0.0.1:" + std::to_string(options_.port)};
  args.insert(args.end(), options_.extra.begin(), options_.extra.end());
  if (!process_.start(args, out_path, options_.log_path, error)) return false;
  const std::string prefix = "listening on 127.0.0.1:";
  if (waitForText(out_path, "\n", 1, std::chrono::seconds(10), &process_)) {
    const std::string text = readTextFile(out_path);
    if (text.compare(0, prefix.size(), prefix) == 0) {
      port_ = std::atoi(text.c_str() + prefix.size());
      if (port_ > 0) return true;
    }
  }
  *error = "stb-central did not start on 127.0.0.1:" + std::to_string(options_.port) +
           "; stdout: " + readTextFile(out_path) + "; log: " + log();
  stop();
  return false;
}

int CentralServer::stop() {
  if (!process_.running()) return -1;
  const int status = process_.stop();
  return status >= 0 ? status : -1;
}

std::string CentralServer::log() const {
  return readTextFile(options_.log_path);
}

CommandResult CentralServer::admin(const std::string& command, const std::string& args) const {
  return runCommand(centralBinary() + " " + command + " --db " + options_.db + " " + args +
                    " 2>&1");
}

std::vector<CentralTicket> CentralServer::tickets() const {
  const CommandResult r = admin("tickets", "--json");
  EXPECT_EQ(r.status, 0) << r.out;
  std::vector<CentralTicket> out;
  for (const auto& o : parseObjects(r.out)) {
    CentralTicket t;
    const auto get = [&o](const char* name) {
      const auto it = o.find(name);
      return it == o.end() ? std::string() : it->second;
    };
    t.ticket = get("ticket");
    t.report_id = get("report_id");
    t.box_id = get("box_id");
    t.category = get("category");
    t.status = get("status");
    EXPECT_FALSE(t.ticket.empty()) << "a ticket without its number in " << r.out;
    out.push_back(t);
  }
  return out;
}

}  // namespace testing_support
