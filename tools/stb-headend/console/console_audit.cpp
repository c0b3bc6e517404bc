// The audit page (everything that went on air, newest first) and the status
// page (what the playout says is on air: STATE_DIR/status.json, which
// stb-headend writes once a second).
#include <fstream>
#include <sstream>

#include "dvb/mjd_time.h"
#include "tools/stb-headend/console/headend_console.h"
#include "tools/web/html.h"

namespace tools::headend::console {
namespace {

std::string cell(const std::string& text) {
  return "<td>" + web::escapeHtml(text) + "</td>";
}

std::string header(const std::vector<std::string>& titles) {
  std::string out = "<tr>";
  for (const std::string& t : titles) out += "<th>" + web::escapeHtml(t) + "</th>";
  return out + "</tr>";
}

char hexDigit(unsigned v) {
  return "0123456789ABCDEF"[v & 15];
}

std::string hexByte(unsigned v) {
  return std::string("0x") + hexDigit(v >> 4) + hexDigit(v);
}

// A time of status.json: seconds, or already a text.
std::string timeText(const nlohmann::json& t) {
  if (t.is_number_integer())
    return t.get<int64_t>() < 0 ? "-" : dvb::formatIso8601(t.get<int64_t>());
  if (t.is_string()) return t.get<std::string>();
  return "-";
}

}  // namespace

web::Response HeadendConsole::auditPage(Visit& v) {
  std::vector<AuditRow> rows;
  std::string error;
  {
    std::lock_guard<std::mutex> lock(store_mu_);
    if (!audit_.rows(500, &rows, &error)) return errorPage(v, 500, "store_failed");
  }
  std::string html =
      "<table id=\"audit\">" + header({v.t("audit.when"), v.t("audit.who"), v.t("audit.action"),
                                       v.t("audit.object"), v.t("list.revision"), "SHA-256"});
  for (const AuditRow& r : rows)
    html += "<tr>" + cell(dvb::formatIso8601(r.when)) + cell(r.who) + cell(v.t(r.action)) +
            cell(hexByte(r.table_id) + " / " + std::to_string(r.object_id)) +
            cell(std::to_string(r.revision)) + "<td><code>" + web::escapeHtml(r.sha256) +
            "</code></td></tr>";
  html += "</table>";
  return page(v, 200, v.t("nav.audit"), html, "nav.audit");
}

web::Response HeadendConsole::statusPage(Visit& v) {
  std::ifstream in(options_.state_dir + "/status.json");
  std::stringstream text;
  text << in.rdbuf();
  const nlohmann::json s = nlohmann::json::parse(text.str(), nullptr, false);
  if (!in || !s.is_object())
    return page(v, 200, v.t("nav.status"), "<p>" + web::escapeHtml(v.t("status.none")) + "</p>",
                "nav.status");
  const auto kbps = [&s](const char* key) {
    return std::to_string(s.value(key, uint64_t{0}) / 1000) + " kbit/s";
  };
  std::string html =
      "<p>" + web::escapeHtml(v.t("status.bitrate")) + ": " +
      web::escapeHtml(kbps("used_bps") + " / " + kbps("budget_bps") + " / " + kbps("bitrate_bps")) +
      " · " + web::escapeHtml(timeText(s.value("now", nlohmann::json()))) + "</p>";
  html += "<table id=\"on-air\">" +
          header({"table_id", v.t("audit.object"), v.t("list.revision"), v.t("form.kind"),
                  v.t("status.interval"), v.t("status.last_out"), "SHA-256"});
  for (const auto& o : s.value("objects", nlohmann::json::array())) {
    if (!o.is_object()) continue;
    html += "<tr>" + cell(hexByte(o.value("table_id", 0u))) +
            cell(std::to_string(o.value("object_id", 0u))) +
            cell(std::to_string(o.value("revision", 0u))) + cell(o.value("kind", "")) +
            cell(std::to_string(o.value("interval_ms", 0u))) +
            cell(timeText(o.value("last_out_utc", nlohmann::json()))) + "<td><code>" +
            web::escapeHtml(o.value("sha256", "")) + "</code></td></tr>";
  }
  html += "</table><h2>" + web::escapeHtml(v.t("status.alarms")) + "</h2><ul id=\"alarms\">";
  for (const auto& a : s.value("alarms", nlohmann::json::array()))
    if (a.is_object())
      html += "<li>" +
              web::escapeHtml(a.value("kind", "") + ": " + a.value("what", "") + " (" +
                              timeText(a.value("since", nlohmann::json())) + ")") +
              "</li>";
  html += "</ul>";
  return page(v, 200, v.t("nav.status"), html, "nav.status");
}

}  // namespace tools::headend::console
