#pragma once
// A console's password check at login, shared by the service desk and the
// headend: the account from the StaffStore, its scrypt hash verified (an
// unknown login is verified against a dummy hash, so both take the same
// time), and an account refused for a while after too many failures.
// Thread-safe; scrypt runs outside the store's lock.
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "tools/staff/staff_store.h"

namespace tools::staff {

class LoginGate {
 public:
  static constexpr int64_t kThrottleSeconds = 15 * 60;

  // STAFF is used under STORE_MU (the console's lock on its store); both
  // outlive the gate. MAX_FAILED: failed logins of one account before it is
  // refused for kThrottleSeconds.
  LoginGate(StaffStore& staff, std::mutex& store_mu, int max_failed);

  enum class Outcome { kOk, kFailed, kThrottled, kStoreFailed };
  // kOk with *member when LOGIN's password is PASSWORD at NOW.
  Outcome check(const std::string& login, const std::string& password, int64_t now,
                std::optional<StaffMember>* member);

 private:
  bool throttled(const std::string& login, int64_t now);
  void recordFailure(const std::string& login, int64_t now);

  StaffStore& staff_;
  std::mutex& store_mu_;
  int max_failed_;
  std::string dummy_hash_;
  std::mutex throttle_mu_;
  struct Failures {
    int count = 0;
    int64_t first = 0;
  };
  std::map<std::string, Failures> failures_;
};

}  // namespace tools::staff
