#pragma once
// How a server process (`stb-central serve`, stb-headend) waits: until SIGTERM or SIGINT (or
// request()), while the HTTP servers work in their own threads. SIGPIPE is ignored. One per
// process.
#include <memory>
#include <string>

namespace tools::https {

class StopSignal {
 public:
  // Installs the signal handlers. nullptr and *error when it could not.
  static std::unique_ptr<StopSignal> install(std::string* error);
  ~StopSignal();
  StopSignal(const StopSignal&) = delete;
  StopSignal& operator=(const StopSignal&) = delete;

  // Blocks until a stop signal or request().
  void wait();
  // Async-signal-safe.
  void request();

 private:
  StopSignal() = default;
  int pipe_[2] = {-1, -1};
};

}  // namespace tools::https
