// The service areas with the households norm, and the queue's area filter.
#include <cstdio>

#include "tools/stb-central/console/console.h"
#include "tools/stb-central/console/permissions.h"
#include "tools/stb-central/service_areas.h"
#include "tools/web/html.h"

namespace tools::central {
namespace {

std::string th(const Console::Visit& v, const char* key) {
  return "<th>" + web::escapeHtml(v.t(key)) + "</th>";
}

std::string num(const std::string& text) {
  return "<td class=\"num\">" + web::escapeHtml(text) + "</td>";
}

}  // namespace

std::string Console::areaInput(const Visit& v, const std::string& area) const {
  if (!options_.areas || options_.areas->areas().empty())
    return web::textInput(v.t("filter.area"), "area", area);
  std::vector<std::pair<std::string, std::string>> areas{{"", v.t("all")}};
  for (const ServiceArea& a : options_.areas->areas())
    areas.emplace_back(a.code, a.code + " " + a.name);
  return web::selectInput(v.t("filter.area"), "area", areas, area);
}

web::Response Console::areasPage(Visit& v) {
  if (!allowed(v.role, v.session.user, ConsoleAction::kAreas, nullptr))
    return errorPage(v, 403, "forbidden");
  if (!options_.areas || options_.areas->areas().empty())
    return page(v, 200, v.t("areas.title"), "<p>" + web::escapeHtml(v.t("areas.none")) + "</p>",
                "nav.areas");
  std::string html = "<p>" + web::escapeHtml(v.t("areas.norm_text")) +
                     "</p>\n<div class=\"scroll\"><table id=\"areas\"><tr>" + th(v, "areas.code") +
                     th(v, "areas.name") + th(v, "areas.kind") + th(v, "areas.households") +
                     th(v, "areas.norm") + th(v, "col.worker") + th(v, "areas.nodes") + "</tr>\n";
  const ServiceAreas& areas = *options_.areas;
  for (const ServiceArea& a : areas.areas()) {
    const bool over = ServiceAreas::overNorm(a);
    std::string nodes;
    for (const std::string& n : a.nodes) nodes += (nodes.empty() ? "" : ", ") + n;
    html +=
        std::string("<tr") + (over ? " class=\"overdue\"" : "") + " data-area=\"" +
        web::escapeHtml(a.code) + "\"><td>" + web::escapeHtml(a.code) + "</td><td>" +
        web::escapeHtml(a.name) + "</td><td>" +
        web::escapeHtml(v.t(a.kind == AreaKind::kCounty ? "county" : "city")) + "</td>" +
        num(std::to_string(a.households)) + num(std::to_string(householdsNorm(a.kind))) + "<td>" +
        web::escapeHtml(a.worker.value_or(v.t("areas.vacant"))) +
        (over ? " <span class=\"tag warn\">" + web::escapeHtml(v.t("areas.over_norm")) + "</span>"
              : std::string()) +
        "</td><td>" + web::escapeHtml(nodes) + "</td></tr>\n";
  }
  html += "</table></div>\n<h2>" + web::escapeHtml(v.t("areas.workers")) +
          "</h2>\n<div class=\"scroll\"><table id=\"loads\"><tr>" + th(v, "col.worker") +
          th(v, "nav.areas") + th(v, "areas.households") + th(v, "areas.load") + "</tr>\n";
  for (const WorkerLoad& w : areas.workerLoads()) {
    std::string codes;
    for (const std::string& c : w.areas) codes += (codes.empty() ? "" : ", ") + c;
    char load[32];
    std::snprintf(load, sizeof load, "%.2f", w.load);
    html += std::string("<tr") + (w.over_norm ? " class=\"overdue\"" : "") + "><td>" +
            web::escapeHtml(w.worker) +
            (w.over_norm ? " <span class=\"tag warn\">" + web::escapeHtml(v.t("areas.over_norm")) +
                               "</span>"
                         : std::string()) +
            "</td><td>" + web::escapeHtml(codes) + "</td>" + num(std::to_string(w.households)) +
            num(load) + "</tr>\n";
  }
  html += "</table></div>\n";
  return page(v, 200, v.t("areas.title"), html, "nav.areas");
}

}  // namespace tools::central
