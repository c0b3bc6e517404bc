#include "tools/stb-fleet/outage_central.h"

#include <cstdio>
#include <nlohmann/json.hpp>

#include "tools/stb-fleet/central_process.h"

namespace tools::fleet {

bool runCentral(const std::string& binary, const std::vector<std::string>& args, std::string* out,
                std::string* error) {
  std::string line = shellQuote(binary);
  for (const std::string& a : args) line += " " + shellQuote(a);
  FILE* p = ::popen(line.c_str(), "r");
  if (!p) {
    if (error) *error = "cannot run " + line;
    return false;
  }
  out->clear();
  char buf[65536];
  size_t n = 0;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) out->append(buf, n);
  if (::pclose(p) != 0) {
    if (error)
      *error = "stb-central " + (args.empty() ? "" : args[0]) +
               " failed (its messages are above): " + out->substr(0, 200);
    return false;
  }
  return true;
}

bool listIncidents(const std::string& binary, const std::string& db, bool open_only,
                   std::vector<IncidentRow>* out, std::string* error) {
  std::vector<std::string> args = {"incidents", "--db", db, "--json"};
  if (open_only) args.push_back("--open");
  std::string text;
  if (!runCentral(binary, args, &text, error)) return false;
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_array()) {
    if (error) *error = "stb-central incidents: not a JSON list: " + text.substr(0, 200);
    return false;
  }
  out->clear();
  for (const auto& i : json) {
    IncidentRow row;
    row.id = i.value("id", int64_t{0});
    row.area_code = i.value("area_code", std::string());
    row.status = i.value("status", std::string());
    row.reports = i.value("reports", size_t{0});
    out->push_back(row);
  }
  return true;
}

bool ticketIncidents(const std::string& binary, const std::string& db,
                     std::map<std::string, std::optional<int64_t>>* out, std::string* error) {
  std::string text;
  if (!runCentral(binary, {"tickets", "--db", db, "--json"}, &text, error)) return false;
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_array()) {
    if (error) *error = "stb-central tickets: not a JSON list: " + text.substr(0, 200);
    return false;
  }
  out->clear();
  for (const auto& t : json) {
    std::optional<int64_t> incident;
    const auto it = t.find("incident");
    if (it != t.end() && it->is_number_integer()) incident = it->get<int64_t>();
    (*out)[t.value("report_id", std::string())] = incident;
  }
  return true;
}

}  // namespace tools::fleet
