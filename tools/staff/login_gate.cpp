#include "tools/staff/login_gate.h"

#include "tools/web/password.h"

namespace tools::staff {

LoginGate::LoginGate(StaffStore& staff, std::mutex& store_mu, int max_failed)
    : staff_(staff), store_mu_(store_mu), max_failed_(max_failed) {
  dummy_hash_ = web::hashPassword("no such account").value_or("");
}

LoginGate::Outcome LoginGate::check(const std::string& login, const std::string& password,
                                    int64_t now, std::optional<StaffMember>* member) {
  member->reset();
  if (throttled(login, now)) return Outcome::kThrottled;
  std::string why;
  {
    std::lock_guard<std::mutex> lock(store_mu_);
    if (checkLogin(login).empty() && !staff_.find(login, member, &why))
      return Outcome::kStoreFailed;
  }
  // An unknown login costs the same scrypt as a known one.
  const bool ok =
      web::verifyPassword(password, *member ? (*member)->password_hash : dummy_hash_) && *member;
  if (ok) return Outcome::kOk;
  member->reset();
  recordFailure(login, now);
  return Outcome::kFailed;
}

bool LoginGate::throttled(const std::string& login, int64_t now) {
  std::lock_guard<std::mutex> lock(throttle_mu_);
  auto it = failures_.find(login);
  if (it == failures_.end()) return false;
  if (now - it->second.first >= kThrottleSeconds) {
    failures_.erase(it);
    return false;
  }
  return it->second.count >= max_failed_;
}

void LoginGate::recordFailure(const std::string& login, int64_t now) {
  std::lock_guard<std::mutex> lock(throttle_mu_);
  if (failures_.size() > 10000) failures_.clear();  // bounded; a flood only resets the counts
  Failures& f = failures_[login];
  if (f.count == 0 || now - f.first >= kThrottleSeconds) f = Failures{0, now};
  ++f.count;
}

}  // namespace tools::staff
