#include "tools/stb-central/deadline_policy.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace tools::central {
namespace {

using nlohmann::json;

bool fail(std::string* error, const std::string& why) {
  if (error) *error = "policy: " + why;
  return false;
}

bool readHours(const json& v, const char* key, int* out, std::string* error) {
  if (!v.contains(key)) return true;
  const json& h = v.at(key);
  if (!h.is_number_integer() || h.get<int64_t>() < 1 || h.get<int64_t>() > 24 * 365)
    return fail(error, std::string("hours.") + key + ": must be an integer from 1 to 8760");
  *out = h.get<int>();
  return true;
}

bool onlyKeys(const json& obj, std::initializer_list<const char*> keys, const std::string& where,
              std::string* error) {
  for (auto it = obj.begin(); it != obj.end(); ++it) {
    if (std::none_of(keys.begin(), keys.end(), [&](const char* k) { return it.key() == k; }))
      return fail(error, where + it.key() + ": unknown key");
  }
  return true;
}

int weekdayIndex(const std::string& name) {
  static const char* kNames[] = {"sunday",   "monday", "tuesday", "wednesday",
                                 "thursday", "friday", "saturday"};
  for (int i = 0; i < 7; ++i)
    if (name == kNames[i]) return i;
  return -1;
}

bool readDays(const json& v, const char* key, int* out, std::string* error) {
  if (!v.contains(key)) return true;
  const json& d = v.at(key);
  if (!d.is_number_integer() || d.get<int64_t>() < 1 || d.get<int64_t>() > 60)
    return fail(error,
                std::string("charter_working_days.") + key + ": must be an integer from 1 to 60");
  *out = d.get<int>();
  return true;
}

bool parseCharterDays(const json& doc, DeadlinePolicy::CharterDays* days, std::string* error) {
  if (!doc.contains("charter_working_days")) return true;
  const json& c = doc.at("charter_working_days");
  if (!c.is_object()) return fail(error, "charter_working_days: must be an object");
  return onlyKeys(c,
                  {"new_installation_city", "new_installation_county", "service_restoration",
                   "complaint"},
                  "charter_working_days.", error) &&
         readDays(c, "new_installation_city", &days->new_installation_city, error) &&
         readDays(c, "new_installation_county", &days->new_installation_county, error) &&
         readDays(c, "service_restoration", &days->service_restoration, error) &&
         readDays(c, "complaint", &days->complaint, error);
}

bool parsePolicy(const json& doc, int* general_hours, int* major_hours,
                 std::set<std::string>* major, std::map<std::string, int>* working_days,
                 DeadlinePolicy::CharterDays* charter_days, std::array<bool, 7>* weekend,
                 std::set<int64_t>* holidays, int* offset, std::string* error) {
  if (!doc.is_object()) return fail(error, "the top level must be an object");
  if (!onlyKeys(doc,
                {"hours", "major_categories", "working_days", "charter_working_days", "weekend",
                 "holidays", "utc_offset_minutes", "comment"},
                "", error) ||
      !parseCharterDays(doc, charter_days, error))
    return false;
  if (doc.contains("hours")) {
    const json& h = doc.at("hours");
    if (!h.is_object()) return fail(error, "hours: must be an object");
    if (!onlyKeys(h, {"general", "major"}, "hours.", error) ||
        !readHours(h, "general", general_hours, error) ||
        !readHours(h, "major", major_hours, error))
      return false;
  }
  if (doc.contains("major_categories")) {
    const json& m = doc.at("major_categories");
    if (!m.is_array()) return fail(error, "major_categories: must be an array");
    major->clear();
    for (const json& c : m) {
      if (!c.is_string() || !isReportCategory(c.get<std::string>()))
        return fail(error, "major_categories: " + c.dump() + " is not a report category");
      if (!isFaultCategory(c.get<std::string>()))
        return fail(error, "major_categories: " + c.dump() +
                               " is a charter category of its own, not a fault kind");
      major->insert(c.get<std::string>());
    }
  }
  if (doc.contains("working_days")) {
    const json& w = doc.at("working_days");
    if (!w.is_object()) return fail(error, "working_days: must be an object");
    for (auto it = w.begin(); it != w.end(); ++it) {
      if (!isReportCategory(it.key()))
        return fail(error, "working_days." + it.key() + ": not a report category");
      if (!isFaultCategory(it.key()))
        return fail(error, "working_days." + it.key() +
                               ": not a fault kind; its days are set in charter_working_days");
      if (!it.value().is_number_integer() || it.value().get<int64_t>() < 1 ||
          it.value().get<int64_t>() > 60)
        return fail(error, "working_days." + it.key() + ": must be an integer from 1 to 60");
      (*working_days)[it.key()] = it.value().get<int>();
    }
  }
  if (doc.contains("weekend")) {
    const json& w = doc.at("weekend");
    if (!w.is_array()) return fail(error, "weekend: must be an array of day names");
    weekend->fill(false);
    for (const json& d : w) {
      const int i = d.is_string() ? weekdayIndex(d.get<std::string>()) : -1;
      if (i < 0) return fail(error, "weekend: " + d.dump() + " is not a day name (\"saturday\")");
      (*weekend)[static_cast<size_t>(i)] = true;
    }
    if (std::all_of(weekend->begin(), weekend->end(), [](bool b) { return b; }))
      return fail(error, "weekend: at least one working day is needed");
  }
  if (doc.contains("holidays")) {
    const json& h = doc.at("holidays");
    if (!h.is_array()) return fail(error, "holidays: must be an array of \"YYYY-MM-DD\"");
    for (const json& d : h) {
      const auto days = d.is_string() ? parseCivilDate(d.get<std::string>()) : std::nullopt;
      if (!days) return fail(error, "holidays: " + d.dump() + " is not a date \"YYYY-MM-DD\"");
      holidays->insert(*days);
    }
  }
  if (doc.contains("utc_offset_minutes")) {
    const json& o = doc.at("utc_offset_minutes");
    if (!o.is_number_integer() || o.get<int64_t>() < -14 * 60 || o.get<int64_t>() > 14 * 60)
      return fail(error, "utc_offset_minutes: must be an integer from -840 to 840");
    *offset = o.get<int>();
  }
  return true;
}

}  // namespace

const char* severityName(Severity s) {
  return s == Severity::kMajor ? "major" : "general";
}

const char* areaKindName(AreaKind k) {
  return k == AreaKind::kCounty ? "county" : "city";
}

std::optional<AreaKind> parseAreaKind(std::string_view name) {
  if (name == "city") return AreaKind::kCity;
  if (name == "county") return AreaKind::kCounty;
  return std::nullopt;
}

const std::vector<std::string>& reportCategories() {
  static const std::vector<std::string> kCategories = [] {
    std::vector<std::string> all;
    for (int c = 0; c < stb::kCategoryCount; ++c)
      all.emplace_back(stb::categoryCode(static_cast<stb::Category>(c)));
    return all;
  }();
  return kCategories;
}

bool isReportCategory(std::string_view category) {
  const auto& all = reportCategories();
  return std::find(all.begin(), all.end(), category) != all.end();
}

bool isFaultCategory(std::string_view category) {
  return isReportCategory(category) && !stb::charterCategoryFromCode(category);
}

DeadlinePolicy DeadlinePolicy::defaults() {
  DeadlinePolicy p;
  p.major_ = {"no_picture", "channels_missing", "box_fault"};
  p.weekend_[0] = p.weekend_[6] = true;
  return p;
}

std::optional<DeadlinePolicy> DeadlinePolicy::fromJson(const std::string& text,
                                                       std::string* error) {
  const json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) {
    fail(error, "not valid JSON");
    return std::nullopt;
  }
  DeadlinePolicy p = defaults();
  if (!parsePolicy(doc, &p.general_hours_, &p.major_hours_, &p.major_, &p.working_days_,
                   &p.charter_days_, &p.weekend_, &p.holidays_, &p.utc_offset_minutes_, error))
    return std::nullopt;
  return p;
}

std::optional<DeadlinePolicy> DeadlinePolicy::load(const std::string& path, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (error) *error = "policy: cannot read " + path;
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  auto p = fromJson(text.str(), error);
  if (!p && error) *error = path + ": " + *error;
  return p;
}

void DeadlinePolicy::useCalendars(const std::vector<dvb::notice::WorkCalendar>& calendars) {
  calendars_.clear();
  for (const dvb::notice::WorkCalendar& c : calendars) calendars_[c.year] = c;
}

std::vector<int> DeadlinePolicy::calendarYears() const {
  std::vector<int> years;
  for (const auto& [year, calendar] : calendars_) years.push_back(year);
  return years;
}

Severity DeadlinePolicy::severityOf(const std::string& category) const {
  return major_.count(category) ? Severity::kMajor : Severity::kGeneral;
}

CharterCategory DeadlinePolicy::charterCategoryOf(const std::string& category) const {
  if (const auto own = stb::charterCategoryFromCode(category);
      own && *own != CharterCategory::kGeneralFault && *own != CharterCategory::kMajorFault)
    return *own;
  return severityOf(category) == Severity::kMajor ? CharterCategory::kMajorFault
                                                  : CharterCategory::kGeneralFault;
}

bool DeadlinePolicy::isWorkingDay(int64_t local_days) const {
  const UtcSeconds midnight = local_days * kSecondsPerDay;
  if (!calendars_.empty()) {
    // The calendar's dates are midnight UTC of the local date, as here.
    const auto it = calendars_.find(dvb::civilFromMjd(dvb::mjdOfUtc(midnight)).year);
    if (it != calendars_.end()) return it->second.isWorkingDay(midnight);
  }
  return !weekend_[static_cast<size_t>(weekdayOfDays(local_days))] && !holidays_.count(local_days);
}

UtcSeconds DeadlinePolicy::addWorkingDays(UtcSeconds accepted, int n) const {
  // The same local time of day on the N-th working day after the day of
  // acceptance; accepted on a rest day, at 00:00 of the next working day, so
  // a later acceptance never gets an earlier deadline.
  const UtcSeconds offset = static_cast<UtcSeconds>(utc_offset_minutes_) * 60;
  const UtcSeconds local = accepted + offset;
  int64_t day = daysOf(local);
  UtcSeconds time_of_day = local - day * kSecondsPerDay;
  if (!isWorkingDay(day)) {
    time_of_day = 0;
    while (!isWorkingDay(day)) ++day;
  }
  for (int counted = 0; counted < n;) {
    ++day;
    if (isWorkingDay(day)) ++counted;
  }
  return day * kSecondsPerDay + time_of_day - offset;
}

UtcSeconds DeadlinePolicy::deadlineFor(const std::string& category, UtcSeconds accepted,
                                       AreaKind kind) const {
  switch (charterCategoryOf(category)) {
    case CharterCategory::kNewInstallation:
      return addWorkingDays(accepted, kind == AreaKind::kCounty
                                          ? charter_days_.new_installation_county
                                          : charter_days_.new_installation_city);
    case CharterCategory::kServiceRestoration:
      return addWorkingDays(accepted, charter_days_.service_restoration);
    case CharterCategory::kComplaint:
      return addWorkingDays(accepted, charter_days_.complaint);
    case CharterCategory::kGeneralFault:
    case CharterCategory::kMajorFault:
      break;
  }
  if (const auto wd = working_days_.find(category); wd != working_days_.end())
    return addWorkingDays(accepted, wd->second);
  const int hours = severityOf(category) == Severity::kMajor ? major_hours_ : general_hours_;
  return accepted + static_cast<UtcSeconds>(hours) * 3600;
}

}  // namespace tools::central
