// A ticket's page (its facts, the box's diagnostics, the viewer's number,
// the timeline, the forms its viewer may send) and those forms' POSTs.
#include <nlohmann/json.hpp>

#include "tools/stb-central/console/console.h"
#include "tools/stb-central/console/console_format.h"
#include "tools/stb-central/console/permissions.h"
#include "tools/web/html.h"

namespace tools::central {
namespace {

using nlohmann::json;

std::string row(const std::string& label, const std::string& value_html) {
  return "<dt>" + web::escapeHtml(label) + "</dt><dd>" + value_html + "</dd>\n";
}

// A JSON value as short text: strings bare, the rest as JSON.
std::string shortText(const json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

// An event's detail object as "key: value; ..." (text, not yet escaped), its
// times in the page's local time like the rest of the page.
std::string detailText(const Console::Visit& v, const std::string& detail) {
  const json d = json::parse(detail, nullptr, false);
  if (!d.is_object()) return detail;
  std::string out;
  for (const auto& [key, value] : d.items()) {
    std::string text = value.is_null() ? "—" : shortText(value);
    if (value.is_string())
      if (const auto t = dvb::parseIso8601(text)) text = formatMinute(v, *t);
    out += (out.empty() ? "" : "; ") + key + ": " + text;
  }
  return out;
}

std::string button(const std::string& id, const std::string& label) {
  return "<button type=\"submit\" id=\"" + id + "\">" + web::escapeHtml(label) + "</button>";
}

std::string actionForm(const Console::Visit& v, const std::string& ticket,
                       const std::string& action, const std::string& fields_html,
                       const std::string& label) {
  return "<form class=\"action\" method=\"post\" action=\"/console/tickets/" + ticket + "/" +
         action + "\">" + web::hiddenInput("csrf", v.session.csrf) + fields_html +
         button("do-" + action, label) + "</form>\n";
}

}  // namespace

web::Response Console::ticketPage(Visit& v, const std::string& number) {
  std::optional<Ticket> found;
  std::optional<std::string> body;
  std::vector<TicketEvent> events;
  std::string error;
  if (!store_.findTicket(number, &found, &error)) return errorPage(v, 500, "store_failed");
  if (!found) return errorPage(v, 404, "not_found");
  const Ticket& t = *found;
  if (!allowed(v.role, v.session.user, ConsoleAction::kSeeTicket, &t))
    return errorPage(v, 403, "forbidden");
  if (!store_.reportBody(number, &body, &error) || !store_.timeline(number, &events, &error))
    return errorPage(v, 500, "store_failed");
  const json report = json::parse(body.value_or("{}"), nullptr, false);

  std::string facts =
      row(v.t("col.status"), web::escapeHtml(v.t(statusName(t.status)))) +
      row(v.t("col.category"), web::escapeHtml(v.t(t.charter_category))) +
      row(v.t("col.fault"), web::escapeHtml(named(v, "report.", t.category))) +
      row(v.t("ticket.severity"), web::escapeHtml(v.t(severityName(t.severity)))) +
      row(v.t("col.area"), web::escapeHtml(t.area_code)) +
      row(v.t("col.worker"), web::escapeHtml(t.assignee.value_or("—"))) +
      row(v.t("col.accepted"), web::escapeHtml(formatMinute(v, t.accepted))) +
      row(v.t("col.deadline"),
          web::escapeHtml(formatMinute(v, t.deadline)) + " " + remainingHtml(v, t)) +
      row(v.t("col.box"), web::escapeHtml(t.box_id)) +
      row(v.t("col.phone"), t.callback_phone
                                ? web::link("tel:" + *t.callback_phone, *t.callback_phone)
                                : web::escapeHtml(v.t("ticket.no_phone"))) +
      row(v.t("ticket.visit_period"),
          web::escapeHtml(t.visit_period ? named(v, "visit.", *t.visit_period) : "—"));
  if (t.resolved_at)
    facts += row(v.t("ticket.resolved_at"), web::escapeHtml(formatMinute(v, *t.resolved_at)));
  if (t.return_visit_due)
    facts +=
        row(v.t("ticket.return_visit_due"), web::escapeHtml(formatMinute(v, *t.return_visit_due)));
  if (t.flags & kFlagLowScore)
    facts += row(v.t("col.flags"), "<span class=\"tag warn\">" +
                                       web::escapeHtml(v.t("ticket.low_score")) + "</span>");
  std::string html =
      "<p>" + web::escapeHtml(zoneNote(v)) + "</p>\n<dl id=\"facts\">" + facts + "</dl>\n";

  // Actions first on the page: what the person came to do.
  std::string actions;
  if (allowed(v.role, v.session.user, ConsoleAction::kAssign, &t) && isOpen(t)) {
    std::vector<std::pair<std::string, std::string>> people;
    for (const StaffMember& m : workers())
      people.emplace_back(m.login, m.name + " (" + m.login + ")");
    const char* label = t.assignee ? "action.reassign" : "action.assign";
    actions += actionForm(
        v, t.ticket, "assign",
        web::selectInput(v.t("col.worker"), "worker", people, t.assignee.value_or("")), v.t(label));
  }
  if (allowed(v.role, v.session.user, ConsoleAction::kVisit, &t) && isOpen(t))
    actions += actionForm(v, t.ticket, "visit", web::textInput(v.t("field.note"), "note", ""),
                          v.t("action.visit"));
  if (allowed(v.role, v.session.user, ConsoleAction::kResolve, &t) && isOpen(t))
    actions += actionForm(v, t.ticket, "resolve", "", v.t("action.resolve"));
  if (allowed(v.role, v.session.user, ConsoleAction::kLogCallback, &t) && t.return_visit_due) {
    std::vector<std::pair<std::string, std::string>> yes_no{{"yes", v.t("yes")}, {"no", v.t("no")}};
    std::vector<std::pair<std::string, std::string>> scores;
    for (int s = 5; s >= 1; --s) scores.emplace_back(std::to_string(s), std::to_string(s));
    actions += actionForm(v, t.ticket, "callback",
                          web::selectInput(v.t("field.fixed"), "fixed", yes_no, "yes") +
                              web::selectInput(v.t("field.score"), "score", scores, "5") +
                              web::textInput(v.t("field.note"), "note", ""),
                          v.t("action.callback"));
  }
  if (allowed(v.role, v.session.user, ConsoleAction::kClose, &t) &&
      t.status != TicketStatus::kClosed)
    actions += actionForm(v, t.ticket, "close", "", v.t("action.close"));
  if (allowed(v.role, v.session.user, ConsoleAction::kClearFlags, &t) && t.flags)
    actions += actionForm(v, t.ticket, "clear-flags", "", v.t("action.clear_flags"));
  if (!actions.empty())
    html += "<h2>" + web::escapeHtml(v.t("ticket.actions")) + "</h2>\n" + actions;

  html += "<h2>" + web::escapeHtml(v.t("ticket.timeline")) +
          "</h2>\n<div class=\"scroll\"><table id=\"timeline\"><tr><th>" +
          web::escapeHtml(v.t("col.when")) + "</th><th>" + web::escapeHtml(v.t("col.who")) +
          "</th><th>" + web::escapeHtml(v.t("col.what")) + "</th><th>" +
          web::escapeHtml(v.t("col.detail")) + "</th></tr>\n";
  for (const TicketEvent& e : events)
    html += "<tr data-kind=\"" + web::escapeHtml(e.kind) + "\"><td>" +
            web::escapeHtml(formatMinute(v, e.at)) + "</td><td>" + web::escapeHtml(e.actor) +
            "</td><td>" + web::escapeHtml(v.t("event." + e.kind)) + "</td><td>" +
            web::escapeHtml(detailText(v, e.detail)) + "</td></tr>\n";
  html += "</table></div>\n";

  html += "<h2>" + web::escapeHtml(v.t("ticket.diagnostics")) + "</h2>\n";
  if (report.is_object() && report.contains("diagnostics") && report["diagnostics"].is_object()) {
    html += "<div class=\"scroll\"><table id=\"diagnostics\">";
    for (const auto& [key, value] : report["diagnostics"].items())
      html += "<tr><th>" + web::escapeHtml(key) + "</th><td>" + web::escapeHtml(shortText(value)) +
              "</td></tr>";
    html += "</table></div>\n";
  } else {
    html += "<p>—</p>\n";
  }

  std::string title = v.t("ticket.title");
  title.replace(title.find("%T"), 2, t.ticket);
  const std::string done = v.query.value("done"), err = v.query.value("err");
  const bool known_done = !done.empty() && v.t("done." + done) != "done." + done;
  const bool known_err = !err.empty() && v.t("err." + err) != "err." + err;
  return page(v, 200, title, html, "nav.queue", known_done ? v.t("done." + done) : "",
              known_err ? v.t("err." + err) : "");
}

web::Response Console::ticketAction(Visit& v, const std::string& number,
                                    const std::string& action) {
  web::Response refusal;
  const auto form = postedForm(v, &refusal);
  if (!form) return refusal;
  std::optional<Ticket> found;
  std::string error;
  if (!store_.findTicket(number, &found, &error)) return errorPage(v, 500, "store_failed");
  if (!found) return errorPage(v, 404, "not_found");
  const Ticket& t = *found;
  const std::string& me = v.session.user;
  const std::string back = "/console/tickets/" + number + "?lang=" + v.lang;
  ChangeResult result;
  bool ok = false;
  std::string done;
  if (action == "assign") {
    if (!allowed(v.role, me, ConsoleAction::kAssign, &t)) return errorPage(v, 403, "forbidden");
    const std::string worker = form->value("worker");
    bool known = false;
    for (const StaffMember& m : workers()) known = known || m.login == worker;
    if (!known) return web::Response::redirect(back + "&err=bad_field");
    ok = store_.assign(number, worker, me, v.now, &result, &error);
    done = "assigned";
  } else if (action == "visit") {
    if (!allowed(v.role, me, ConsoleAction::kVisit, &t)) return errorPage(v, 403, "forbidden");
    const std::string note = form->value("note");
    if (note.size() > 500) return web::Response::redirect(back + "&err=bad_field");
    ok = store_.markVisited(number, me, note, v.now, &result, &error);
    done = "visited";
  } else if (action == "resolve") {
    if (!allowed(v.role, me, ConsoleAction::kResolve, &t)) return errorPage(v, 403, "forbidden");
    ok = store_.resolve(number, me, v.now, &result, &error);
    done = "resolved";
  } else if (action == "close") {
    if (!allowed(v.role, me, ConsoleAction::kClose, &t)) return errorPage(v, 403, "forbidden");
    ok = store_.close(number, me, v.now, &result, &error);
    done = "closed";
  } else if (action == "callback") {
    if (!allowed(v.role, me, ConsoleAction::kLogCallback, &t))
      return errorPage(v, 403, "forbidden");
    ReturnVisitAnswer answer;
    const std::string fixed = form->value("fixed"), score = form->value("score");
    answer.note = form->value("note");
    if ((fixed != "yes" && fixed != "no") || score.size() != 1 || score[0] < '1' ||
        score[0] > '5' || answer.note.size() > 500)
      return web::Response::redirect(back + "&err=bad_field");
    answer.fixed = fixed == "yes";
    answer.score = score[0] - '0';
    ok = store_.logCallback(number, answer, me, v.now, &result, &error);
    done = "callback";
  } else if (action == "clear-flags") {
    if (!allowed(v.role, me, ConsoleAction::kClearFlags, &t)) return errorPage(v, 403, "forbidden");
    ok = store_.clearFlags(number, me, v.now, &result, &error);
    done = "flags";
  } else {
    return errorPage(v, 404, "not_found");
  }
  if (!ok) return errorPage(v, 500, "store_failed");
  switch (result.outcome) {
    case ChangeOutcome::kDone:
      return web::Response::redirect(back + "&done=" + done);
    case ChangeOutcome::kNotFound:
      return errorPage(v, 404, "not_found");
    case ChangeOutcome::kWrongStatus:
      return web::Response::redirect(back + "&err=wrong_status");
    case ChangeOutcome::kAlreadyAnswered:
      return web::Response::redirect(back + "&err=already_answered");
  }
  return errorPage(v, 500, "store_failed");
}

}  // namespace tools::central
