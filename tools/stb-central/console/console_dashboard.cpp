// The charter dashboard, and its CSV.
#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "tools/stb-central/console/console.h"
#include "tools/stb-central/console/console_format.h"
#include "tools/stb-central/console/permissions.h"
#include "tools/stb-central/desk_csv.h"
#include "tools/stb-central/desk_dashboard.h"
#include "tools/web/html.h"

namespace tools::central {
namespace {

constexpr int64_t kDefaultDays = 30;

// Tickets accepted in the period, beside the charter's figures: a period's
// new work shows at once, before any of its figures is known. A worker's
// are the tickets they had at acceptance (the area's worker, at once).
struct Accepted {
  int64_t total = 0;
  std::map<std::string, int64_t> by_area, by_worker;
};

Accepted countAccepted(const std::vector<TicketHistory>& histories, UtcSeconds from,
                       UtcSeconds to) {
  Accepted a;
  for (const TicketHistory& h : histories) {
    std::optional<UtcSeconds> accepted;
    std::string owner;
    for (const TicketEvent& e : h.events) {
      if (e.kind == event_kind::kAccepted && !accepted) accepted = e.at;
      if (e.kind == event_kind::kAssigned && accepted && e.at <= *accepted) {
        const auto d = nlohmann::json::parse(e.detail, nullptr, false);
        owner = d.is_object() && d.contains("assignee") && d["assignee"].is_string()
                    ? d["assignee"].get<std::string>()
                    : "";
      }
    }
    if (!accepted || *accepted < from || *accepted >= to) continue;
    ++a.total;
    ++a.by_area[h.area_code];
    ++a.by_worker[owner];
  }
  return a;
}

std::string th(const Console::Visit& v, const char* key) {
  return "<th>" + web::escapeHtml(v.t(key)) + "</th>";
}

std::string num(const std::string& text) {
  return "<td class=\"num\">" + web::escapeHtml(text) + "</td>";
}

// "83.3 % (5/6)", or "—" with nothing to count.
std::string rate(const CharterRate& r) {
  const auto p = r.percent();
  if (!p) return "—";
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.1f %% (%lld/%lld)", *p, static_cast<long long>(r.met),
                static_cast<long long>(r.total));
  return buffer;
}

std::string satisfaction(const Console::Visit& v, const CharterFigures& f) {
  const auto mean = f.satisfactionMean();
  if (!mean) return "—";
  std::string answers = v.t("dash.answers");
  answers.replace(answers.find("%N"), 2, std::to_string(f.satisfaction_count));
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", *mean);
  return std::string(buffer) + " (" + answers + ")";
}

std::string figuresRow(const Console::Visit& v, const std::string& key_html, int64_t accepted,
                       const CharterFigures& f, const std::string& id) {
  return "<tr data-key=\"" + web::escapeHtml(id) + "\"><td>" + key_html + "</td>" +
         num(std::to_string(accepted)) + num(rate(f.response_24h)) + num(rate(f.deadlines)) +
         num(rate(f.return_visits_72h)) + num(satisfaction(v, f)) +
         num(std::to_string(f.complaints)) + "</tr>\n";
}

std::string figuresTable(const Console::Visit& v, const char* id, const char* key_label,
                         const std::vector<DashboardRow>& rows,
                         const std::map<std::string, int64_t>& accepted,
                         const std::string& unnamed) {
  // Every key with figures or accepted tickets, in order.
  std::map<std::string, CharterFigures> all;
  for (const auto& [key, count] : accepted) all[key];
  for (const DashboardRow& r : rows) all[r.key] = r.figures;
  std::string out = "<div class=\"scroll\"><table id=\"" + std::string(id) + "\"><tr>" +
                    th(v, key_label) + th(v, "dash.accepted") + th(v, "dash.response") +
                    th(v, "dash.deadlines") + th(v, "dash.return_visits") +
                    th(v, "dash.satisfaction") + th(v, "dash.complaints") + "</tr>\n";
  for (const auto& [key, figures] : all) {
    const auto count = accepted.find(key);
    out += figuresRow(v, web::escapeHtml(key.empty() ? unnamed : key),
                      count == accepted.end() ? 0 : count->second, figures, key);
  }
  return out + "</table></div>\n";
}

}  // namespace

web::Response Console::dashboardPage(Visit& v, bool csv) {
  if (!allowed(v.role, v.session.user, ConsoleAction::kDashboard, nullptr))
    return errorPage(v, 403, "forbidden");
  // The period in whole UTC days, both ends included; the last 30 days by default.
  const int64_t today = daysOf(v.now + v.utc_offset_seconds);
  const std::string from_text = v.query.get("from").value_or(
      formatDay(v, (today - kDefaultDays + 1) * kSecondsPerDay - v.utc_offset_seconds));
  const std::string to_text =
      v.query.get("to").value_or(formatDay(v, today * kSecondsPerDay - v.utc_offset_seconds));
  const auto from_day = parseCivilDate(from_text), to_day = parseCivilDate(to_text);
  const bool good = from_day && to_day && *from_day <= *to_day;
  std::string form = "<form class=\"filters\" method=\"get\" action=\"/console/dashboard\">" +
                     web::hiddenInput("lang", v.lang) +
                     web::textInput(v.t("dash.from"), "from", from_text, "date") +
                     web::textInput(v.t("dash.to"), "to", to_text, "date") +
                     "<button type=\"submit\" id=\"show\">" + web::escapeHtml(v.t("dash.show")) +
                     "</button></form>\n";
  if (!good) {
    if (csv) return web::Response::text(400, v.t("dash.bad_period") + "\n");
    return page(v, 400, v.t("dash.title"), form, "nav.dashboard", "", v.t("dash.bad_period"));
  }
  // Local days: from the first's local midnight to the day after the last's.
  const UtcSeconds from = *from_day * kSecondsPerDay - v.utc_offset_seconds;
  const UtcSeconds to = (*to_day + 1) * kSecondsPerDay - v.utc_offset_seconds;
  // Up to now at most: an outcome due later today (a 24 h mark, a deadline)
  // is not known yet, and counting it as missed would be wrong.
  const UtcSeconds until = std::min(to, v.now + 1);
  std::vector<TicketHistory> histories;
  std::string error;
  if (!store_.histories(until, &histories, &error)) return errorPage(v, 500, "store_failed");
  const Dashboard d = computeDashboard(histories, from, until);
  const Accepted accepted = countAccepted(histories, from, until);
  if (csv)
    return web::Response::csv(dashboardCsv(d), "charter-" + from_text + "-" + to_text + ".csv");

  std::string html =
      form + "<p>" +
      web::link("/console/dashboard.csv?from=" + from_text + "&to=" + to_text, v.t("dash.csv")) +
      " · " + web::escapeHtml(zoneNote(v)) + "</p>\n";
  html += "<div class=\"scroll\"><table id=\"total\"><tr><th></th>" + th(v, "dash.accepted") +
          th(v, "dash.response") + th(v, "dash.deadlines") + th(v, "dash.return_visits") +
          th(v, "dash.satisfaction") + th(v, "dash.complaints") + "</tr>\n" +
          figuresRow(v, web::escapeHtml(v.t("dash.total")), accepted.total, d.total, "all") +
          "</table></div>\n";
  html += "<h2>" + web::escapeHtml(v.t("dash.by_area")) + "</h2>\n" +
          figuresTable(v, "by-area", "col.area", d.by_area, accepted.by_area, "—");
  html += "<h2>" + web::escapeHtml(v.t("dash.by_worker")) + "</h2>\n" +
          figuresTable(v, "by-worker", "col.worker", d.by_worker, accepted.by_worker,
                       v.t("filter.unassigned"));
  return page(v, 200, v.t("dash.title"), html, "nav.dashboard");
}

}  // namespace tools::central
