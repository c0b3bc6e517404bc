#include "tools/stb-headend/output.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstring>
#include <random>

#include "platform/rtp.h"
#include "platform/unique_fd.h"
#include "tools/stb-notice/udp_sender.h"

namespace tools::headend {
namespace {

bool writeAll(int fd, const uint8_t* data, size_t size, const std::string& name,
              std::string* error) {
  while (size > 0) {
    const ssize_t n = ::write(fd, data, size);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      *error = name + ": " + std::strerror(errno);
      return false;
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

class FdOutput : public Output {
 public:
  FdOutput(platform::UniqueFd fd, std::string name) : fd_(std::move(fd)), name_(std::move(name)) {}
  bool write(const uint8_t* packets, size_t size, uint64_t, std::string* error) override {
    return writeAll(fd_.get() < 0 ? STDOUT_FILENO : fd_.get(), packets, size, name_, error);
  }

 private:
  platform::UniqueFd fd_;  // -1: standard output (not ours to close)
  std::string name_;
};

class DatagramOutput : public Output {
 public:
  DatagramOutput(platform::UniqueFd fd, const platform::UdpSpec& spec, bool rtp, std::string name)
      : fd_(std::move(fd)), rtp_(rtp), name_(std::move(name)) {
    to_.sin_family = AF_INET;
    to_.sin_addr.s_addr = htonl(spec.address);
    to_.sin_port = htons(spec.port);
    std::random_device random;
    ssrc_ = random();
    sequence_ = static_cast<uint16_t>(random());
  }
  bool write(const uint8_t* packets, size_t size, uint64_t clock_90khz,
             std::string* error) override {
    size = std::min(size, kPacketsPerDatagram * 188);
    size_t header = 0;
    if (rtp_) {
      writeRtpHeader(sequence_++, static_cast<uint32_t>(clock_90khz), ssrc_, datagram_.data());
      header = 12;
    }
    std::memcpy(datagram_.data() + header, packets, size);
    if (::sendto(fd_.get(), datagram_.data(), header + size, 0,
                 reinterpret_cast<const sockaddr*>(&to_), sizeof to_) < 0 &&
        errno != ECONNREFUSED) {  // a unicast receiver not listening yet is not our failure
      *error = name_ + ": " + std::strerror(errno);
      return false;
    }
    return true;
  }

 private:
  platform::UniqueFd fd_;
  bool rtp_;
  std::string name_;
  sockaddr_in to_{};
  uint32_t ssrc_ = 0;
  uint16_t sequence_ = 0;
  std::array<uint8_t, 12 + kPacketsPerDatagram * 188> datagram_{};
};

bool hasPrefix(const std::string& s, const char* prefix) {
  return s.rfind(prefix, 0) == 0;
}

}  // namespace

void writeRtpHeader(uint16_t sequence, uint32_t timestamp, uint32_t ssrc, uint8_t out[12]) {
  out[0] = 0x80;  // version 2, no padding, no extension, no CSRC
  out[1] = platform::kRtpPayloadTypeMp2t;
  out[2] = static_cast<uint8_t>(sequence >> 8);
  out[3] = static_cast<uint8_t>(sequence);
  for (int i = 0; i < 4; ++i) {
    out[4 + i] = static_cast<uint8_t>(timestamp >> (24 - 8 * i));
    out[8 + i] = static_cast<uint8_t>(ssrc >> (24 - 8 * i));
  }
}

bool parseOutputSpec(const std::string& text, OutputSpec* spec, std::string* error) {
  *spec = OutputSpec{};
  if (text == "-") return true;
  if (hasPrefix(text, "udp://") || hasPrefix(text, "rtp://")) {
    spec->kind = hasPrefix(text, "rtp://") ? OutputSpec::Kind::kRtp : OutputSpec::Kind::kUdp;
    if (!platform::parseUdpSpec("udp://" + text.substr(6), &spec->udp, error)) {
      *error = text + ": " + *error;
      return false;
    }
    if (spec->udp.address == 0 || spec->udp.port == 0) {
      *error = text + ": a destination needs an address and a port";
      return false;
    }
    return true;
  }
  for (auto [prefix, kind] :
       {std::pair{"file:", OutputSpec::Kind::kFile}, std::pair{"fifo:", OutputSpec::Kind::kFifo}}) {
    if (!hasPrefix(text, prefix)) continue;
    spec->kind = kind;
    spec->path = text.substr(5);
    if (spec->path.empty()) {
      *error = text + ": needs a path after '" + prefix + "'";
      return false;
    }
    return true;
  }
  *error = text + ": must be udp://ADDR:PORT, rtp://ADDR:PORT, file:/PATH, fifo:/PATH or -";
  return false;
}

std::unique_ptr<Output> openOutput(const OutputSpec& spec, int ttl, std::string* error) {
  switch (spec.kind) {
    case OutputSpec::Kind::kStdout:
      return std::make_unique<FdOutput>(platform::UniqueFd(), "stdout");
    case OutputSpec::Kind::kUdp:
    case OutputSpec::Kind::kRtp: {
      platform::UniqueFd fd;
      if (!notice::openUdpSocket(spec.udp, ttl, &fd, error)) return nullptr;
      const bool rtp = spec.kind == OutputSpec::Kind::kRtp;
      return std::make_unique<DatagramOutput>(
          std::move(fd), spec.udp, rtp,
          (rtp ? "rtp://" : "udp://") + platform::formatUdpSpec(spec.udp).substr(6));
    }
    case OutputSpec::Kind::kFifo:
      if (::mkfifo(spec.path.c_str(), 0640) != 0 && errno != EEXIST) {
        *error = spec.path + ": mkfifo: " + std::strerror(errno);
        return nullptr;
      }
      [[fallthrough]];
    case OutputSpec::Kind::kFile: {
      const int flags = spec.kind == OutputSpec::Kind::kFile ? O_CREAT | O_TRUNC : 0;
      platform::UniqueFd fd(::open(spec.path.c_str(), O_WRONLY | O_CLOEXEC | flags, 0644));
      if (fd.get() < 0) {
        *error = spec.path + ": " + std::strerror(errno);
        return nullptr;
      }
      return std::make_unique<FdOutput>(std::move(fd), spec.path);
    }
  }
  return nullptr;
}

}  // namespace tools::headend
