#include "tools/stb-headend/console/preview_runner.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

extern char** environ;

namespace tools::headend::console {
namespace {

// PROGRAM beside /proc/self/exe when it is a bare name found there, else as given.
std::string locate(const std::string& program) {
  if (program.find('/') != std::string::npos) return program;
  char self[4096];
  const ssize_t n = ::readlink("/proc/self/exe", self, sizeof self - 1);
  if (n > 0) {
    std::string dir(self, static_cast<size_t>(n));
    dir = dir.substr(0, dir.rfind('/') + 1);
    if (::access((dir + program).c_str(), X_OK) == 0) return dir + program;
  }
  return program;
}

bool writeBody(const std::string& path, const std::vector<uint8_t>& body) {
  std::ofstream f(path, std::ios::binary | std::ios::trunc);
  f.write(reinterpret_cast<const char*>(body.data()), static_cast<std::streamsize>(body.size()));
  return static_cast<bool>(f);
}

// Reads FD (the child's stderr) until it closes or DEADLINE; false at the deadline.
bool drain(int fd, std::chrono::steady_clock::time_point deadline, std::string* text) {
  char buffer[512];
  for (;;) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                          deadline - std::chrono::steady_clock::now())
                          .count();
    if (left <= 0) return false;
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, static_cast<int>(left));
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return false;
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return true;
    if (text->size() < 4096) text->append(buffer, static_cast<size_t>(n));
  }
}

std::string firstLine(const std::string& text) {
  const std::string line = text.substr(0, text.find('\n'));
  return line.empty() ? "no reason given" : line;
}

}  // namespace

std::optional<PreviewResult> readPreviewJson(const std::string& dir, std::string* error) {
  std::ifstream f(dir + "/preview.json");
  std::stringstream text;
  text << f.rdbuf();
  const nlohmann::json j = nlohmann::json::parse(text.str(), nullptr, false);
  if (!f || j.is_discarded() || !j.is_object()) {
    *error = "stb-preview wrote no readable preview.json";
    return std::nullopt;
  }
  PreviewResult out;
  try {
    for (const auto& i : j.at("images")) {
      PreviewImage image{i.at("file").get<std::string>(), i.at("language").get<std::string>(),
                         i.at("width").get<int>(), i.at("height").get<int>(),
                         i.at("state").get<std::string>()};
      // Only plain file names within the directory are served.
      if (image.file.find('/') != std::string::npos ||
          image.file.rfind(".png") == std::string::npos)
        continue;
      out.images.push_back(image);
    }
    for (const auto& c : j.value("crossings", nlohmann::json::array()))
      out.crossings.push_back({c.at("language").get<std::string>(), c.at("width").get<int>(),
                               c.at("height").get<int>(), c.at("seconds").get<double>()});
  } catch (const nlohmann::json::exception& e) {
    *error = std::string("stb-preview's preview.json: ") + e.what();
    return std::nullopt;
  }
  return out;
}

std::optional<PreviewResult> runPreview(const std::string& program,
                                        const std::vector<uint8_t>& body, const std::string& dir,
                                        int timeout_ms, std::string* error) {
  const std::string body_path = dir + "/notice.body";
  if (!writeBody(body_path, body)) {
    *error = body_path + ": cannot write";
    return std::nullopt;
  }
  int err_pipe[2];
  if (::pipe2(err_pipe, O_CLOEXEC) != 0) {
    *error = "pipe failed";
    return std::nullopt;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
  const std::string path = locate(program);
  std::vector<std::string> args = {path, "--body", body_path, "--out", dir};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  const int rc = ::posix_spawnp(&pid, path.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(err_pipe[1]);
  if (rc != 0) {
    ::close(err_pipe[0]);
    *error = program + ": cannot run (" + std::strerror(rc) + ")";
    return std::nullopt;
  }
  std::string messages;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  const bool finished = drain(err_pipe[0], deadline, &messages);
  ::close(err_pipe[0]);
  if (!finished) ::kill(pid, SIGKILL);
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  if (!finished) {
    *error = program + ": no preview within " + std::to_string(timeout_ms) + " ms";
    return std::nullopt;
  }
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
    *error = program + ": " + firstLine(messages);
    return std::nullopt;
  }
  return readPreviewJson(dir, error);
}

}  // namespace tools::headend::console
