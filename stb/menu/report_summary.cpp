#include "stb/menu/report_summary.h"

#include "dvb/mjd_time.h"
#include "stb/menu/report_body.h"

namespace stb::menu {

std::string localDeadline(const std::string& utc_text, int offset_minutes) {
  const std::optional<dvb::UtcSeconds> t = dvb::parseIso8601(utc_text, dvb::IsoFraction::kDropped);
  if (!t) return utc_text;
  const std::string iso = dvb::formatIso8601(*t + int64_t{offset_minutes} * 60);
  return iso.substr(5, 5) + " " + iso.substr(11, 5);
}

ReportStatus statusOf(const OutboxReport& row) {
  if (row.state == "waiting") return ReportStatus::kWaitingToSend;
  if (row.status == "technician_assigned") return ReportStatus::kTechnicianAssigned;
  if (row.status == "resolved") return ReportStatus::kResolved;
  if (row.status == "closed") return ReportStatus::kClosed;
  if (row.status == "accepted") return ReportStatus::kAccepted;
  return ReportStatus::kSent;
}

std::optional<Severity> severityOf(const OutboxReport& row) {
  if (row.severity == "major") return Severity::kMajor;
  if (row.severity == "general") return Severity::kGeneral;
  return std::nullopt;
}

std::optional<CharterCategory> charterOf(const OutboxReport& row) {
  return charterCategoryFromCode(row.charter_category);
}

Category categoryOf(const OutboxReport& row) {
  return categoryFromCode(row.category).value_or(Category::kOther);
}

std::vector<ReportSummary> reportSummaries(const std::vector<OutboxReport>& rows,
                                           int offset_minutes) {
  std::vector<ReportSummary> list;
  for (const OutboxReport& r : rows) {
    if (r.kind != OutboxKind::kReport) continue;
    ReportSummary s;
    s.ticket = r.ticket;
    s.status = statusOf(r);
    if (!r.deadline.empty()) s.deadline_text = localDeadline(r.deadline, offset_minutes);
    s.severity = severityOf(r);
    s.charter = charterOf(r);
    s.category = categoryOf(r);
    list.push_back(s);
  }
  return list;
}

}  // namespace stb::menu
