#pragma once
// A UDP socket on 127.0.0.1 with a port the kernel chose, an 8 MB receive
// buffer, for tests that send a stream to it and look at the datagrams.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <gtest/gtest.h>

#include <atomic>
#include <cstdint>
#include <vector>

#include "platform/unique_fd.h"

namespace testing_support {

struct UdpReceiver {
  platform::UniqueFd fd{::socket(AF_INET, SOCK_DGRAM, 0)};
  uint16_t port = 0;
  UdpReceiver() {
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    EXPECT_EQ(::bind(fd.get(), reinterpret_cast<sockaddr*>(&a), sizeof a), 0);
    socklen_t len = sizeof a;
    ::getsockname(fd.get(), reinterpret_cast<sockaddr*>(&a), &len);
    port = ntohs(a.sin_port);
    const int buffer = 8 << 20;
    ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVBUF, &buffer, sizeof buffer);
    timeval timeout{0, 500'000};
    ::setsockopt(fd.get(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  }
  // Datagrams until `done` is set and half a second passes without one.
  std::vector<std::vector<uint8_t>> receive(const std::atomic<bool>& done) {
    std::vector<std::vector<uint8_t>> datagrams;
    uint8_t buf[65536];
    for (;;) {
      const ssize_t n = ::recv(fd.get(), buf, sizeof buf, 0);
      if (n > 0)
        datagrams.emplace_back(buf, buf + n);
      else if (done)
        return datagrams;
    }
  }
  // The datagrams waiting now.
  std::vector<std::vector<uint8_t>> drain() {
    std::vector<std::vector<uint8_t>> datagrams;
    uint8_t buf[65536];
    ssize_t n;
    while ((n = ::recv(fd.get(), buf, sizeof buf, MSG_DONTWAIT)) > 0)
      datagrams.emplace_back(buf, buf + n);
    return datagrams;
  }
};

}  // namespace testing_support
