// The incidents (incident.h): the open ones, one incident's page with its
// tickets, and the supervisor's moves: confirm with the expected restore
// time (the outage notice goes on air, incident_notice.h), resolve (its
// tickets resolved, the notice withdrawn), dismiss (not an outage).
#include <cstdio>

#include "tools/stb-central/console/console.h"
#include "tools/stb-central/console/console_format.h"
#include "tools/stb-central/console/permissions.h"
#include "tools/stb-central/incident_notice.h"
#include "tools/stb-central/service_areas.h"
#include "tools/web/form.h"
#include "tools/web/html.h"

namespace tools::central {
namespace {

std::string th(const Console::Visit& v, const char* key) {
  return "<th>" + web::escapeHtml(v.t(key)) + "</th>";
}

std::string td(const std::string& text) {
  return "<td>" + web::escapeHtml(text) + "</td>";
}

std::string row(const std::string& label, const std::string& value_html) {
  return "<dt>" + web::escapeHtml(label) + "</dt><dd>" + value_html + "</dd>\n";
}

std::string statusTag(const Console::Visit& v, IncidentStatus s) {
  const std::string name = incidentStatusName(s);
  return "<span class=\"tag" + std::string(s == IncidentStatus::kSuspected ? " warn" : "") + "\">" +
         web::escapeHtml(v.t("incident." + name)) + "</span>";
}

std::string incidentLink(const Incident& i) {
  return web::link("/console/incidents/" + std::to_string(i.id), "#" + std::to_string(i.id));
}

// A datetime-local field's value ("2026-12-05T15:40", seconds optional) in
// the page's local time, as UTC.
std::optional<UtcSeconds> parseLocalMinute(const Console::Visit& v, std::string text) {
  if (text.size() == 16) text += ":00";
  const auto local = dvb::parseIso8601(text + "Z");
  if (!local) return std::nullopt;
  return *local - v.utc_offset_seconds;
}

// The same form, for a datetime-local field.
std::string localMinuteValue(const Console::Visit& v, UtcSeconds t) {
  const std::string text = formatMinute(v, t);  // "2026-12-05 15:40"
  return text.substr(0, 10) + "T" + text.substr(11);
}

std::string hexId(uint32_t id) {
  char text[16];
  std::snprintf(text, sizeof text, "0x%08X", id);
  return text;
}

}  // namespace

std::string Console::areaName(const std::string& code) const {
  const ServiceArea* a = options_.areas ? options_.areas->find(code) : nullptr;
  return a ? code + " " + a->name : code;
}

web::Response Console::incidentsPage(Visit& v) {
  if (!allowed(v.role, v.session.user, ConsoleAction::kSeeIncidents, nullptr))
    return errorPage(v, 403, "forbidden");
  std::vector<Incident> incidents;
  std::string error;
  if (!store_.listIncidents(true, &incidents, &error)) return errorPage(v, 500, "store_failed");
  std::string html = "<p>" + web::escapeHtml(v.t("incidents.intro")) + " " +
                     web::escapeHtml(zoneNote(v)) + "</p>\n";
  if (incidents.empty()) {
    html += "<p id=\"no-incidents\">" + web::escapeHtml(v.t("incidents.none")) + "</p>\n";
    return page(v, 200, v.t("incidents.title"), html, "nav.incidents");
  }
  html += "<div class=\"scroll\"><table id=\"incidents\"><tr>" + th(v, "col.incident") +
          th(v, "col.area") + th(v, "col.reports") + th(v, "col.opened") +
          th(v, "col.last_report") + th(v, "col.status") + th(v, "col.restore") + "</tr>\n";
  for (const Incident& i : incidents)
    html += "<tr data-incident=\"" + std::to_string(i.id) + "\"" +
            (i.status == IncidentStatus::kSuspected ? " class=\"due-soon\"" : "") + "><td>" +
            incidentLink(i) + "</td>" + td(areaName(i.area_code)) + "<td class=\"num\">" +
            std::to_string(i.reports) + "</td>" + td(formatMinute(v, i.opened)) +
            td(formatMinute(v, i.last_report)) + "<td>" + statusTag(v, i.status) + "</td>" +
            td(i.expected_restore ? formatMinute(v, *i.expected_restore) : "—") + "</tr>\n";
  html += "</table></div>\n";
  return page(v, 200, v.t("incidents.title"), html, "nav.incidents");
}

web::Response Console::incidentPage(Visit& v, int64_t id, int status, const std::string& failed) {
  if (!allowed(v.role, v.session.user, ConsoleAction::kSeeIncidents, nullptr))
    return errorPage(v, 403, "forbidden");
  std::optional<Incident> found;
  std::vector<Ticket> tickets;
  std::string error;
  if (!store_.findIncident(id, &found, &error)) return errorPage(v, 500, "store_failed");
  if (!found) return errorPage(v, 404, "not_found");
  const Incident& i = *found;
  if (!store_.incidentTickets(id, &tickets, &error)) return errorPage(v, 500, "store_failed");

  std::string facts = row(v.t("col.status"), statusTag(v, i.status)) +
                      row(v.t("col.area"), web::escapeHtml(areaName(i.area_code))) +
                      row(v.t("col.reports"), std::to_string(i.reports)) +
                      row(v.t("col.opened"), web::escapeHtml(formatMinute(v, i.opened))) +
                      row(v.t("col.last_report"), web::escapeHtml(formatMinute(v, i.last_report)));
  if (i.confirmed_at)
    facts += row(
        v.t("incident.confirmed_at"),
        web::escapeHtml(formatMinute(v, *i.confirmed_at) + " · " + i.confirmed_by.value_or("")));
  if (i.expected_restore)
    facts += row(v.t("col.restore"), web::escapeHtml(formatMinute(v, *i.expected_restore)));
  if (i.resolved_at)
    facts += row(v.t("incident.closed_at"), web::escapeHtml(formatMinute(v, *i.resolved_at) +
                                                            " · " + i.resolved_by.value_or("")));
  if (i.notice_object_id) {
    std::string notice = v.t("incident.notice_text");
    notice.replace(notice.find("%I"), 2, hexId(*i.notice_object_id));
    notice.replace(notice.find("%R"), 2, std::to_string(i.notice_revision));
    facts += row(v.t("incident.notice"),
                 "<span id=\"notice\" data-object-id=\"" + std::to_string(*i.notice_object_id) +
                     "\" data-revision=\"" + std::to_string(i.notice_revision) + "\">" +
                     web::escapeHtml(notice) + "</span> <code>" +
                     web::escapeHtml(i.notice_sha256.substr(0, 16)) + "…</code>");
  }
  std::string html =
      "<p>" + web::escapeHtml(zoneNote(v)) + "</p>\n<dl id=\"facts\">" + facts + "</dl>\n";

  if (allowed(v.role, v.session.user, ConsoleAction::kMoveIncident, nullptr) &&
      incidentIsOpen(i.status)) {
    const std::string base = "/console/incidents/" + std::to_string(i.id) + "/";
    auto form = [&](const std::string& action, const std::string& fields, const char* label) {
      return "<form class=\"action\" method=\"post\" action=\"" + base + action + "\">" +
             web::hiddenInput("csrf", v.session.csrf) + fields +
             "<button type=\"submit\" id=\"do-" + action + "\">" + web::escapeHtml(v.t(label)) +
             "</button></form>\n";
    };
    std::string actions;
    if (!options_.outage.publisher)
      actions +=
          "<p id=\"no-outage-notice\">" + web::escapeHtml(v.t("incident.no_publisher")) + "</p>\n";
    // Two hours on, to the minute, until the supervisor says otherwise.
    const UtcSeconds suggested = i.expected_restore.value_or((v.now / 60 + 120) * 60);
    actions +=
        form("confirm",
             web::textInput(v.t("field.restore"), "restore", localMinuteValue(v, suggested),
                            "datetime-local"),
             i.status == IncidentStatus::kConfirmed ? "action.new_restore" : "action.confirm");
    actions += form("resolve", "", "action.resolve_incident");
    if (i.status == IncidentStatus::kSuspected) actions += form("dismiss", "", "action.dismiss");
    html += "<h2>" + web::escapeHtml(v.t("ticket.actions")) + "</h2>\n" + actions;
  }

  html += "<h2>" + web::escapeHtml(v.t("incident.tickets")) +
          "</h2>\n<div class=\"scroll\"><table id=\"incident-tickets\"><tr>" + th(v, "col.ticket") +
          th(v, "col.status") + th(v, "col.fault") + th(v, "col.box") + th(v, "col.accepted") +
          th(v, "col.worker") + "</tr>\n";
  for (const Ticket& t : tickets)
    html += "<tr data-ticket=\"" + web::escapeHtml(t.ticket) + "\" data-status=\"" +
            statusName(t.status) + "\"><td>" + ticketLink(t.ticket) + "</td>" +
            td(v.t(statusName(t.status))) + td(named(v, "report.", t.category)) + td(t.box_id) +
            td(formatMinute(v, t.accepted)) + td(t.assignee.value_or("—")) + "</tr>\n";
  html += "</table></div>\n";

  std::string title = v.t("incident.title");
  title.replace(title.find("%N"), 2, std::to_string(i.id));
  const std::string done = v.query.value("done"), err = v.query.value("err");
  const bool known_done = !done.empty() && v.t("done." + done) != "done." + done;
  const bool known_err = !err.empty() && v.t("err." + err) != "err." + err;
  return page(v, status, title, html, "nav.incidents", known_done ? v.t("done." + done) : "",
              !failed.empty() ? failed
              : known_err     ? v.t("err." + err)
                              : "");
}

web::Response Console::incidentAction(Visit& v, int64_t id, const std::string& action) {
  web::Response refusal;
  const auto form = postedForm(v, &refusal);
  if (!form) return refusal;
  if (!allowed(v.role, v.session.user, ConsoleAction::kMoveIncident, nullptr))
    return errorPage(v, 403, "forbidden");
  const std::string back =
      "/console/incidents/" + std::to_string(id) + "?lang=" + web::percentEncode(v.lang);
  const std::string& me = v.session.user;
  IncidentMove move;
  std::string error, done;
  bool ok = false;
  if (action == "confirm") {
    const auto restore = parseLocalMinute(v, form->value("restore"));
    if (!restore || *restore <= v.now) return web::Response::redirect(back + "&err=bad_restore");
    ok = confirmWithNotice(store_, options_.outage, id, me, *restore, v.now, &move, &error);
    done = "confirmed";
  } else if (action == "resolve") {
    ok = resolveWithNotice(store_, options_.outage, id, me, v.now, &move, &error);
    done = "incident_resolved";
  } else if (action == "dismiss") {
    ok = store_.dismissIncident(id, me, v.now, &move.outcome, &error);
    done = "dismissed";
  } else {
    return errorPage(v, 404, "not_found");
  }
  // Refused or failed: the incident is as it was, and the page says why.
  if (!ok) return incidentPage(v, id, 502, v.t("err.incident_failed") + " " + error);
  switch (move.outcome) {
    case IncidentOutcome::kDone:
      return web::Response::redirect(back + "&done=" + done);
    case IncidentOutcome::kNotFound:
      return errorPage(v, 404, "not_found");
    case IncidentOutcome::kWrongStatus:
      return web::Response::redirect(back + "&err=incident_status");
  }
  return errorPage(v, 500, "store_failed");
}

}  // namespace tools::central
