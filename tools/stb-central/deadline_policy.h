#pragma once
// Severity and committed deadline of a fault report, by category (the
// operator's service charter: general faults fixed within 24 h, major within
// 72 h; some categories counted in working days, which skip weekends and the
// holidays of the operator's calendar).
//
// Policy file (every key optional; unknown keys are errors):
//   {"hours": {"general": 24, "major": 72},
//    "major_categories": ["no_picture", "channels_missing", "box_fault"],
//    "working_days": {"billing_question": 1},
//    "weekend": ["saturday", "sunday"],
//    "holidays": ["2026-10-01"],
//    "utc_offset_minutes": 480}
// Dates (weekends, holidays) are read in the operator's local time
// (utc_offset_minutes); the deadline itself is a UTC instant.
#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "tools/stb-central/time_util.h"

namespace tools::central {

enum class Severity { kGeneral, kMajor };
const char* severityName(Severity s);

// The categories a box can report, in menu order.
const std::vector<std::string>& reportCategories();
bool isReportCategory(std::string_view category);

class DeadlinePolicy {
 public:
  // The charter's split: major = no_picture, channels_missing, box_fault;
  // 24 h / 72 h; no working-day categories, no holidays, UTC dates.
  static DeadlinePolicy defaults();
  // nullopt and *error naming the offending key on any invalid content.
  static std::optional<DeadlinePolicy> fromJson(const std::string& text, std::string* error);
  static std::optional<DeadlinePolicy> load(const std::string& path, std::string* error);

  Severity severityOf(const std::string& category) const;
  UtcSeconds deadlineFor(const std::string& category, UtcSeconds created) const;
  // `local_days`: days since 1970 of a date in the operator's local time.
  bool isWorkingDay(int64_t local_days) const;

 private:
  int general_hours_ = 24;
  int major_hours_ = 72;
  std::set<std::string> major_;
  std::map<std::string, int> working_days_;
  std::array<bool, 7> weekend_{};  // by weekday, 0 = Sunday
  std::set<int64_t> holidays_;
  int utc_offset_minutes_ = 0;
};

}  // namespace tools::central
