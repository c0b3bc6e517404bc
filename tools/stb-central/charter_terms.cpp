#include "tools/stb-central/charter_terms.h"

#include <cstdlib>

#include "tools/common/work_calendar_input.h"

namespace tools::central {

AreaKind areaKindOf(const ServiceAreas& areas, const std::string& area_code) {
  const ServiceArea* area = areas.find(area_code);
  return area ? area->kind : kUnknownAreaKind;
}

SubmitTerms charterTerms(const DeadlinePolicy& policy, const ServiceAreas& areas,
                         const std::string& category, const std::string& area_code,
                         UtcSeconds accepted, std::string* note) {
  const ServiceArea* area = areas.find(area_code);
  SubmitTerms terms{policy.severityOf(category),
                    stb::charterCategoryCode(policy.charterCategoryOf(category)),
                    policy.deadlineFor(category, accepted, area ? area->kind : kUnknownAreaKind),
                    area && area->worker ? *area->worker : ""};
  note->clear();
  if (!area)
    *note = "area " + area_code + " is in no service area: unassigned, counted as " +
            areaKindName(kUnknownAreaKind);
  else if (!area->worker)
    *note = "area " + area_code + " has no worker: unassigned";
  return terms;
}

bool useCalendarFile(const std::string& path, DeadlinePolicy* policy, std::string* error) {
  std::vector<std::string> problems;
  const auto calendars = tools::notice::readWorkCalendarsFile(path, &problems);
  if (!calendars) {
    *error = "calendar: ";
    for (size_t i = 0; i < problems.size(); ++i) *error += (i ? "; " : "") + problems[i];
    return false;
  }
  policy->useCalendars(*calendars);
  return true;
}

void describeCharter(const DeadlinePolicy& policy, const ServiceAreas& areas, std::FILE* err) {
  const std::vector<int> years = policy.calendarYears();
  if (!years.empty()) {
    std::string list;
    for (int y : years) list += (list.empty() ? "" : ", ") + std::to_string(y);
    // The calendar's dates are local: a wrong utc_offset_minutes shifts every day.
    const int offset = policy.utcOffsetMinutes();
    std::fprintf(err,
                 "stb-central: working days of %s from the operator's calendar, dates in "
                 "UTC%c%02d:%02d (the policy's utc_offset_minutes)\n",
                 list.c_str(), offset < 0 ? '-' : '+', std::abs(offset) / 60,
                 std::abs(offset) % 60);
  }
  for (const ServiceArea& a : areas.areas())
    if (ServiceAreas::overNorm(a))
      std::fprintf(err, "stb-central: area %s has %lld households, over the %s norm of %lld\n",
                   a.code.c_str(), static_cast<long long>(a.households), areaKindName(a.kind),
                   static_cast<long long>(householdsNorm(a.kind)));
  for (const WorkerLoad& w : areas.workerLoads())
    if (w.over_norm)
      std::fprintf(err, "stb-central: worker %s serves %lld households, %.0f %% of the norm\n",
                   w.worker.c_str(), static_cast<long long>(w.households), w.load * 100);
}

}  // namespace tools::central
