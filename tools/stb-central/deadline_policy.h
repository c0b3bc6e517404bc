#pragma once
// The charter category, severity and committed deadline of a report, by its
// category (the operator's service charter, docs/central-api.md "Charter"):
//   general_fault        24 h         fault kinds not in major_categories
//   major_fault          72 h         fault kinds in major_categories
//   new_installation     5 working days in a city, 10 in a county
//   service_restoration  5 working days
//   complaint            3 working days
// The clock starts at acceptance: the server's time of receipt.
//
// Policy file (every key optional; unknown keys are errors):
//   {"hours": {"general": 24, "major": 72},
//    "major_categories": ["no_picture", "channels_missing", "box_fault"],
//    "working_days": {"billing_question": 1},
//    "charter_working_days": {"new_installation_city": 5, "new_installation_county": 10,
//                             "service_restoration": 5, "complaint": 3},
//    "weekend": ["saturday", "sunday"],
//    "holidays": ["2026-10-01"],
//    "utc_offset_minutes": 480}
// working_days counts a fault kind in working days instead of hours (its
// charter category stays general_fault or major_fault).
//
// N working days from acceptance: the same local time of day on the N-th
// working day after the local day of acceptance. A report accepted on a
// rest day counts as accepted at 00:00 of the next working day: it is due
// at 00:00 of the working day that follows its N whole working days.
// Dates are the operator's local dates (utc_offset_minutes); the deadline
// itself is a UTC instant.
// A working day: for a year the operator's calendar covers (useCalendars,
// the calendar stb-notice broadcasts), what that calendar says (listed
// holidays and swapped working days, other days Monday to Friday); for any
// other year, not a weekend day and not one of the policy's holidays.
#include <array>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "dvb/notice/work_calendar.h"
#include "stb/ports/request_kinds.h"
#include "tools/stb-central/time_util.h"

namespace tools::central {

enum class Severity { kGeneral, kMajor };
const char* severityName(Severity s);

// The charter's five categories, named as the API and the database name them
// (stb::charterCategoryCode): one list with the boxes'.
using stb::CharterCategory;

// Where the work is done: new_installation's deadline depends on it.
enum class AreaKind { kCity, kCounty };
const char* areaKindName(AreaKind k);
std::optional<AreaKind> parseAreaKind(std::string_view name);

// The categories a box can report, in menu order: nine fault kinds, then
// new_installation, service_restoration and complaint (stb::categoryCode).
const std::vector<std::string>& reportCategories();
bool isReportCategory(std::string_view category);
// A report category that is a fault kind (its charter category is
// general_fault or major_fault); the other three are charter categories.
bool isFaultCategory(std::string_view category);

class DeadlinePolicy {
 public:
  // The charter's split: major = no_picture, channels_missing, box_fault;
  // 24 h / 72 h; no working-day categories, no holidays, UTC dates.
  static DeadlinePolicy defaults();
  // nullopt and *error naming the offending key on any invalid content.
  static std::optional<DeadlinePolicy> fromJson(const std::string& text, std::string* error);
  static std::optional<DeadlinePolicy> load(const std::string& path, std::string* error);

  // The operator's working-day calendars (tools/common/work_calendar_input.h);
  // each decides the working days of its year, replacing weekend and
  // holidays there.
  void useCalendars(const std::vector<dvb::notice::WorkCalendar>& calendars);
  // The years the calendars cover, ascending.
  std::vector<int> calendarYears() const;

  Severity severityOf(const std::string& category) const;
  CharterCategory charterCategoryOf(const std::string& category) const;
  // The committed deadline of a report of CATEGORY accepted at ACCEPTED in
  // an area of KIND (only new_installation depends on it).
  UtcSeconds deadlineFor(const std::string& category, UtcSeconds accepted,
                         AreaKind kind = AreaKind::kCity) const;
  // N working days from ACCEPTED (see above).
  UtcSeconds addWorkingDays(UtcSeconds accepted, int n) const;
  // `local_days`: days since 1970 of a date in the operator's local time.
  bool isWorkingDay(int64_t local_days) const;
  int utcOffsetMinutes() const { return utc_offset_minutes_; }

  // The charter's working days, by charter category and area kind.
  struct CharterDays {
    int new_installation_city = 5;
    int new_installation_county = 10;
    int service_restoration = 5;
    int complaint = 3;
  };

 private:
  int general_hours_ = 24;
  int major_hours_ = 72;
  std::set<std::string> major_;
  std::map<std::string, int> working_days_;
  CharterDays charter_days_;
  std::map<int, dvb::notice::WorkCalendar> calendars_;  // by year
  std::array<bool, 7> weekend_{};                       // by weekday, 0 = Sunday
  std::set<int64_t> holidays_;
  int utc_offset_minutes_ = 0;
};

}  // namespace tools::central
