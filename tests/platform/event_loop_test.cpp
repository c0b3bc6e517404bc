// The event loop: timers in order, file descriptors, signals through the
// signalfd, and callbacks that change the loop while it runs.
#include "platform/event_loop.h"

#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>

#include <string>
#include <vector>

namespace platform {
namespace {

TEST(EventLoop, TimersRunInDueOrderAndOnce) {
  EventLoop loop;
  std::vector<int> order;
  const int64_t now = loop.clock().nowMs();
  loop.addTimer(now + 20, [&] { order.push_back(2); });
  loop.addTimer(now + 5, [&] { order.push_back(1); });
  loop.addTimer(now + 30, [&] {
    order.push_back(3);
    loop.stop();
  });
  std::string error;
  ASSERT_TRUE(loop.run(&error)) << error;
  EXPECT_EQ(order, (std::vector<int>{1, 2, 3}));
  EXPECT_GE(loop.clock().nowMs(), now + 30);
}

TEST(EventLoop, CancelledTimerNeverRuns) {
  EventLoop loop;
  bool ran = false;
  const EventLoop::Id id = loop.addTimer(loop.clock().nowMs(), [&] { ran = true; });
  loop.cancel(id);
  std::string error;
  ASSERT_TRUE(loop.runOnce(10, &error));
  EXPECT_FALSE(ran);
}

TEST(EventLoop, ReadableFdCallsBack) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  EventLoop loop;
  std::string got;
  EventLoop::Id id = 0;
  id = loop.watchFd(fds[0], POLLIN, [&](short revents) {
    EXPECT_TRUE(revents & POLLIN);
    char c = 0;
    ASSERT_EQ(read(fds[0], &c, 1), 1);
    got += c;
    loop.cancel(id);  // a callback may remove itself
  });
  ASSERT_EQ(write(fds[1], "x", 1), 1);
  std::string error;
  ASSERT_TRUE(loop.runOnce(1000, &error)) << error;
  EXPECT_EQ(got, "x");
  ASSERT_EQ(write(fds[1], "y", 1), 1);
  ASSERT_TRUE(loop.runOnce(10, &error));
  EXPECT_EQ(got, "x");  // no longer watched
  close(fds[0]);
  close(fds[1]);
}

TEST(EventLoop, SignalArrivesAsACallback) {
  EventLoop loop;
  std::string error;
  int calls = 0;
  ASSERT_TRUE(loop.onSignal(
      SIGUSR1,
      [&] {
        ++calls;
        loop.stop();
      },
      &error))
      << error;
  ASSERT_EQ(raise(SIGUSR1), 0);  // blocked: waits in the signalfd, no handler runs
  ASSERT_TRUE(loop.run(&error)) << error;
  EXPECT_EQ(calls, 1);
}

TEST(EventLoop, IdleTurnWaitsForTheTimerAndCountsOneWakeUp) {
  EventLoop loop;
  const int64_t start = loop.clock().nowMs();
  bool ran = false;
  loop.addTimer(start + 50, [&] { ran = true; });
  std::string error;
  while (!ran) ASSERT_TRUE(loop.runOnce(-1, &error));
  EXPECT_GE(loop.clock().nowMs() - start, 50);
  EXPECT_LE(loop.wakeups(), 2u);  // poll slept until the timer, not in a spin
}

}  // namespace
}  // namespace platform
