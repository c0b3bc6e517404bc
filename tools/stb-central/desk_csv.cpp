// The charter dashboard as RFC 4180 CSV.
#include "tools/stb-central/desk_csv.h"

#include <cstdio>

namespace tools::central {
namespace {

std::string fixed(const std::optional<double>& v, int decimals) {
  if (!v) return "";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, *v);
  return buf;
}

void rateFields(const CharterRate& r, std::vector<std::string>* fields) {
  fields->push_back(std::to_string(r.met));
  fields->push_back(std::to_string(r.total));
  fields->push_back(fixed(r.percent(), 1));
}

}  // namespace

std::string csvField(const std::string& field) {
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string quoted = "\"";
  for (char c : field) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

std::string csvRecord(const std::vector<std::string>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) line += (i ? "," : "") + csvField(fields[i]);
  return line + "\r\n";
}

std::string dashboardCsv(const Dashboard& d) {
  std::string csv = csvRecord({"period_from", "period_to", "scope", "key", "response_24h_met",
                               "response_24h_total", "response_24h_percent", "deadlines_met",
                               "deadlines_total", "deadlines_percent", "return_visits_72h_met",
                               "return_visits_72h_total", "return_visits_72h_percent",
                               "satisfaction_count", "satisfaction_mean", "complaints"});
  const auto row = [&](const char* scope, const std::string& key, const CharterFigures& f) {
    std::vector<std::string> fields = {dvb::formatIso8601(d.from), dvb::formatIso8601(d.to), scope,
                                       key};
    rateFields(f.response_24h, &fields);
    rateFields(f.deadlines, &fields);
    rateFields(f.return_visits_72h, &fields);
    fields.push_back(std::to_string(f.satisfaction_count));
    fields.push_back(fixed(f.satisfactionMean(), 2));
    fields.push_back(std::to_string(f.complaints));
    csv += csvRecord(fields);
  };
  row("all", "", d.total);
  for (const DashboardRow& r : d.by_area) row("area", r.key, r.figures);
  for (const DashboardRow& r : d.by_worker) row("worker", r.key, r.figures);
  return csv;
}

}  // namespace tools::central
