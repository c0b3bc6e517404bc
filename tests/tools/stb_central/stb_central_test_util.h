#pragma once
// Shared by the stb-central tests: scratch directories and a valid report.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

namespace stb_central_test {

// A fresh directory for one test, removed with everything in it afterwards.
class ScratchDir {
 public:
  explicit ScratchDir(const std::string& name)
      : path_(testing::TempDir() + "stb-central-" + name + "-" + std::to_string(getpid())) {
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() { std::filesystem::remove_all(path_); }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  std::string operator/(const std::string& name) const { return path_ + "/" + name; }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// A valid report body; `extra` is spliced in before the closing brace.
inline std::string reportJson(const std::string& report_id, const std::string& box_id,
                              const std::string& category = "no_picture",
                              const std::string& extra = "") {
  return R"({"report_id": ")" + report_id + R"(", "box_id": ")" + box_id +
         R"(", "smartcard_id": "8100123456", "area_code": "A01", "category": ")" + category +
         R"(", "callback_phone": "13800138000", "visit_period": "morning",)"
         R"( "created": "2026-11-27T08:00:00Z",)"
         R"( "diagnostics": {"snr_db": 21.5, "ber": 1e-7, "channel": 43, "sw": "1.2.3"})" +
         extra + "}";
}

}  // namespace stb_central_test
