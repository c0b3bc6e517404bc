// stbd's report-id randomness when the kernel will not give any (issue 11):
// bounded retries, the /dev/urandom fallback, and a clear refusal in the end.
#include <gtest/gtest.h>

#include <cerrno>
#include <cstring>
#include <set>

#include "stb/outbox.h"
#include "stbd/fault_reporting.h"

namespace stbd {
namespace {

// A fill that fails with ERR (or succeeds with VALUE when ERR is 0), counting calls.
struct FakeFill {
  int err = 0;
  uint64_t value = 0;
  int calls = 0;
  KernelRandom::Fill fn() {
    return [this](void* buf, size_t len) -> ssize_t {
      ++calls;
      if (err) {
        errno = err;
        return -1;
      }
      std::memcpy(buf, &value, len);
      return static_cast<ssize_t>(len);
    };
  }
};

TEST(KernelRandom, GivesTheKernelsBytes) {
  KernelRandom real;
  std::set<uint64_t> seen;
  std::string error;
  for (int i = 0; i < 16; ++i) {
    const auto v = real.nextStrong(&error);
    ASSERT_TRUE(v) << error;
    seen.insert(*v);
  }
  EXPECT_EQ(seen.size(), 16u);
}

TEST(KernelRandom, NoGetrandomFallsBackToDevUrandomAtOnce) {
  FakeFill getrandom{ENOSYS}, urandom{0, 0x1122334455667788ULL};
  KernelRandom random(getrandom.fn(), urandom.fn());
  std::string error;
  EXPECT_EQ(random.nextStrong(&error), 0x1122334455667788ULL) << error;
  EXPECT_EQ(getrandom.calls, 1);  // ENOSYS does not change by asking again
}

TEST(KernelRandom, InterruptedCallsAreRetriedABoundedNumberOfTimes) {
  FakeFill getrandom{EINTR}, urandom{EPERM};
  KernelRandom random(getrandom.fn(), urandom.fn());
  std::string error;
  EXPECT_FALSE(random.nextStrong(&error));
  EXPECT_EQ(getrandom.calls, KernelRandom::kAttempts);
  EXPECT_EQ(urandom.calls, 1);
  EXPECT_NE(error.find("getrandom"), std::string::npos) << error;
  EXPECT_NE(error.find("/dev/urandom"), std::string::npos) << error;
  EXPECT_NE(error.find(std::strerror(EPERM)), std::string::npos) << error;
}

TEST(KernelRandom, WithoutKernelRandomnessAReportIsRefusedNotGivenAWeakId) {
  FakeFill getrandom{EPERM}, urandom{ENOENT};
  KernelRandom random(getrandom.fn(), urandom.fn());
  stb::MemoryOutboxStore store;
  stb::Outbox outbox(&store, &random);
  std::string error;
  ASSERT_TRUE(outbox.load(&error)) << error;
  EXPECT_FALSE(outbox.enqueue(R"({"category":"no_picture"})", "no_picture", 0, &error));
  EXPECT_NE(error.find("no kernel randomness"), std::string::npos) << error;
  EXPECT_NE(error.find("call the hotline"), std::string::npos) << error;
  EXPECT_TRUE(outbox.items().empty());
  EXPECT_EQ(store.writes(), 0u);
  // Backoff jitter still works (it needs no strength) and does not hang.
  EXPECT_NE(random.next(), random.next());
}

TEST(KernelRandom, ARepeatedIdIsRefusedNotFiledTwice) {
  FakeFill stuck{0, 42};
  KernelRandom random(stuck.fn(), stuck.fn());
  stb::MemoryOutboxStore store;
  stb::Outbox outbox(&store, &random);
  std::string error;
  ASSERT_TRUE(outbox.load(&error)) << error;
  ASSERT_TRUE(outbox.enqueue("{}", "other", 0, &error)) << error;
  EXPECT_FALSE(outbox.enqueue("{}", "other", 0, &error));
  EXPECT_NE(error.find("repeats"), std::string::npos) << error;
  EXPECT_EQ(outbox.items().size(), 1u);
}

}  // namespace
}  // namespace stbd
