#include "tests/tools/stb_headend/headend_day_test_relay.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>

#include "dvb/ts_packet.h"
#include "platform/unique_fd.h"
#include "tools/stb-headend/off_air_monitor.h"
#include "tools/stb-headend/off_air_rate.h"

namespace headend_day {

constexpr size_t kDatagram = 7 * dvb::kTsPacketSize;

int64_t monotonicMs() {
  timespec ts{};
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return static_cast<int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1'000'000;
}

Relay::Relay(std::string fifo, std::vector<uint16_t> ports, uint64_t bitrate_bps, uint16_t pid)
    : fifo_(std::move(fifo)), ports_(std::move(ports)), bitrate_bps_(bitrate_bps), pid_(pid) {}

Relay::~Relay() {
  if (!thread_.joinable()) return;
  // A test that failed before the headend opened the FIFO: a writer that
  // comes and goes ends the relay's wait with an end of file.
  const int fd = ::open(fifo_.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd >= 0) ::close(fd);
  thread_.join();
}

void Relay::start() {
  thread_ = std::thread([this] { run(); });
}

RelayRecord Relay::join() {
  if (thread_.joinable()) thread_.join();
  return record_;
}

int64_t Relay::sentAtMs(uint64_t stream_ms) const {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = std::lower_bound(
      sent_.begin(), sent_.end(), stream_ms,
      [](const std::pair<uint64_t, int64_t>& s, uint64_t ms) { return s.first < ms; });
  if (it == sent_.end()) return sent_.empty() ? 0 : sent_.back().second;
  return it->second;
}

void Relay::run() {
  tools::headend::MonitorOptions options;
  options.pid = pid_;
  options.on_repetition = [this](uint8_t table_id, uint16_t extension, uint8_t version,
                                 uint64_t ms) {
    record_.repetitions[{table_id, extension}].push_back({version, ms});
  };
  tools::headend::OffAirMonitor monitor(options);
  tools::headend::OffAirRate rate(1000);

  platform::UniqueFd in(::open(fifo_.c_str(), O_RDONLY | O_CLOEXEC));  // waits for the headend
  platform::UniqueFd out(::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0));
  if (in.get() < 0 || out.get() < 0) {
    record_.error = "relay: cannot open " + fifo_ + " or a socket: " + std::strerror(errno);
    return;
  }
  std::vector<uint8_t> buffer;
  uint8_t chunk[64 * 1024];
  for (;;) {
    const ssize_t n = ::read(in.get(), chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) record_.error = "relay: reading " + fifo_ + ": " + std::strerror(errno);
    if (n <= 0) break;
    buffer.insert(buffer.end(), chunk, chunk + n);
    size_t pos = 0;
    for (; pos + kDatagram <= buffer.size(); pos += kDatagram) {
      const uint8_t* d = buffer.data() + pos;
      const uint64_t ms = record_.packets * dvb::kTsPacketSize * 8 * 1000 / bitrate_bps_;
      for (uint16_t port : ports_) {
        sockaddr_in to{};
        to.sin_family = AF_INET;
        to.sin_port = htons(port);
        to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        ::sendto(out.get(), d, kDatagram, 0, reinterpret_cast<const sockaddr*>(&to), sizeof to);
      }
      {
        std::lock_guard<std::mutex> lock(mutex_);
        sent_.emplace_back(ms, monotonicMs());
      }
      // Packet by packet, each at its own stream time.
      for (size_t i = 0; i < kDatagram; i += dvb::kTsPacketSize) {
        const uint64_t at = record_.packets * dvb::kTsPacketSize * 8 * 1000 / bitrate_bps_;
        monitor.push(d + i, dvb::kTsPacketSize, at);
        rate.add(at, (((d[i + 1] & 0x1F) << 8) | d[i + 2]) == pid_ ? 1 : 0);
        record_.max_pid_bps = std::max(record_.max_pid_bps, rate.bitsPerSecond(at).value_or(0));
        ++record_.packets;
      }
      stream_ms_ = record_.packets * dvb::kTsPacketSize * 8 * 1000 / bitrate_bps_;
    }
    buffer.erase(buffer.begin(), buffer.begin() + static_cast<std::ptrdiff_t>(pos));
  }
  record_.pid_continuity_errors = monitor.demux().health().pid(pid_).continuity_errors;
  record_.pid_crc_errors = monitor.demux().sectionErrors(pid_).crc_errors;
}

}  // namespace headend_day
