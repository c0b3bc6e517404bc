#pragma once
// Fakes for the outbox and its sender (tests/stb/outbox_test.cpp,
// report_sender_test.cpp): time, randomness, the log and the central API.
#include <gtest/gtest.h>

#include <deque>
#include <random>
#include <string>
#include <vector>

#include "stb/outbox.h"
#include "stb/ports/log.h"
#include "stb/ports/monotonic_clock.h"
#include "stb/report_sender.h"
#include "tests/support/recording_log.h"

namespace stb {

// Returns the queued values first, then a fixed generator's.
class FakeRandom : public RandomSource {
 public:
  uint64_t next() override {
    if (!queued.empty()) {
      const uint64_t v = queued.front();
      queued.pop_front();
      return v;
    }
    return gen();
  }
  std::deque<uint64_t> queued;
  std::mt19937_64 gen{42};
};

class FakeClock : public MonotonicClock {
 public:
  int64_t nowMs() const override { return now; }
  int64_t now = 1'000'000;
};

using testing_support::RecordingLog;

class FakeApi : public CentralApi {
 public:
  struct Call {
    std::string path, body;
    std::vector<std::string> headers;
    Done done;
  };
  void request(const std::string& path, const std::string& body,
               const std::vector<std::string>& headers, Done done) override {
    calls.push_back({path, body, headers, std::move(done)});
  }
  // Answers the oldest open call.
  void answer(long status, const std::string& body, std::optional<int64_t> retry_after = {}) {
    ASSERT_FALSE(calls.empty());
    Call c = std::move(calls.front());
    calls.pop_front();
    CentralResponse r;
    r.http_status = status;
    r.body = body;
    r.retry_after_ms = retry_after;
    c.done(r);
  }
  void fail(int curl_code, const std::string& why) {
    ASSERT_FALSE(calls.empty());
    Call c = std::move(calls.front());
    calls.pop_front();
    CentralResponse r;
    r.curl_code = curl_code;
    r.curl_error = why;
    c.done(r);
  }
  std::deque<Call> calls;
};

}  // namespace stb
