// The queue page and the return-visit / call-back queues.
#include "tools/stb-central/console/console.h"
#include "tools/stb-central/console/console_format.h"
#include "tools/stb-central/console/permissions.h"
#include "tools/web/html.h"

namespace tools::central {
namespace {

// The most urgent this many: a page a browser shows at once (about 330 KB).
constexpr size_t kQueueRows = 1000;

const char* const kCharterCategories[] = {"general_fault", "major_fault", "new_installation",
                                          "service_restoration", "complaint"};

std::string checkbox(const std::string& label, const std::string& name, bool checked) {
  return "<label><span><input type=\"checkbox\" name=\"" + name + "\" id=\"" + name +
         "\" value=\"1\"" + (checked ? " checked" : "") + "> " + web::escapeHtml(label) +
         "</span></label>";
}

std::string th(const Console::Visit& v, const char* key) {
  return "<th>" + web::escapeHtml(v.t(key)) + "</th>";
}

std::string td(const std::string& text) {
  return "<td>" + web::escapeHtml(text) + "</td>";
}

}  // namespace

web::Response Console::queuePage(Visit& v) {
  const bool all = allowed(v.role, v.session.user, ConsoleAction::kSeeAllTickets, nullptr);
  QueueFilter filter;
  filter.now = v.now;
  const std::string status = v.query.get("status").value_or("open");
  if (status == "open")
    filter.open_only = true;
  else if (auto s = parseStatus(status))
    filter.status = s;
  const std::string category = v.query.value("category");
  for (const char* c : kCharterCategories)
    if (category == c) filter.charter_category = category;
  const std::string area = v.query.value("area");
  if (!area.empty()) filter.area_code = area;
  std::string worker = v.query.value("worker");
  if (!all) worker = v.session.user;  // a worker sees their own tickets
  if (worker == "-")
    filter.assignee = "";
  else if (!worker.empty())
    filter.assignee = worker;
  filter.overdue = v.query.value("overdue") == "1";
  filter.due_soon = v.query.value("due_soon") == "1";
  filter.limit = kQueueRows;

  std::vector<Ticket> tickets;
  std::string error;
  if (!store_.queue(filter, &tickets, &error)) return errorPage(v, 500, "store_failed");

  std::vector<std::pair<std::string, std::string>> statuses{{"open", v.t("open")},
                                                            {"all", v.t("all")}};
  for (const char* s : {"accepted", "technician_assigned", "resolved", "closed"})
    statuses.emplace_back(s, v.t(s));
  std::vector<std::pair<std::string, std::string>> categories{{"", v.t("all")}};
  for (const char* c : kCharterCategories) categories.emplace_back(c, v.t(c));
  std::string html = "<form class=\"filters\" method=\"get\" action=\"/console/queue\">" +
                     web::hiddenInput("lang", v.lang) +
                     web::selectInput(v.t("filter.status"), "status", statuses, status) +
                     web::selectInput(v.t("filter.category"), "category", categories, category);
  html += areaInput(v, area);
  if (all) {
    std::vector<std::pair<std::string, std::string>> people{{"", v.t("all")},
                                                            {"-", v.t("filter.unassigned")}};
    for (const StaffMember& m : workers())
      people.emplace_back(m.login, m.name + " (" + m.login + ")");
    html += web::selectInput(v.t("filter.worker"), "worker", people, worker);
  }
  html += checkbox(v.t("filter.overdue"), "overdue", filter.overdue) +
          checkbox(v.t("filter.due_soon"), "due_soon", filter.due_soon) +
          "<button type=\"submit\" id=\"filter\">" + web::escapeHtml(v.t("filter.apply")) +
          "</button></form>\n";

  std::string count = v.t(tickets.size() >= filter.limit ? "queue.limited" : "queue.count");
  count.replace(count.find("%N"), 2, std::to_string(tickets.size()));
  html += "<p>" + web::escapeHtml(count) + " · " + web::escapeHtml(zoneNote(v)) + "</p>\n";
  if (tickets.empty())
    return page(v, 200, v.t("queue.title"),
                html + "<p>" + web::escapeHtml(v.t("queue.empty")) + "</p>", "nav.queue");
  html += "<div class=\"scroll\"><table id=\"queue\"><tr>" + th(v, "col.ticket") +
          th(v, "col.category") + th(v, "col.fault") + th(v, "col.area") + th(v, "col.worker") +
          th(v, "col.status") + th(v, "col.accepted") + th(v, "col.deadline") +
          th(v, "col.remaining") + "</tr>\n";
  for (const Ticket& t : tickets) {
    const std::string mark = urgency(t, v.now);
    html += "<tr" + (mark.empty() ? std::string() : " class=\"" + mark + "\"") + " data-ticket=\"" +
            web::escapeHtml(t.ticket) + "\"><td>" + ticketLink(t.ticket) + "</td>" +
            td(v.t(t.charter_category)) + td(named(v, "report.", t.category)) + td(t.area_code) +
            td(t.assignee.value_or("—")) + td(v.t(statusName(t.status))) +
            td(formatMinute(v, t.accepted)) + td(formatMinute(v, t.deadline)) + "<td>" +
            remainingHtml(v, t) + "</td></tr>\n";
  }
  html += "</table></div>";
  return page(v, 200, v.t("queue.title"), html, "nav.queue");
}

web::Response Console::returnVisitsPage(Visit& v) {
  if (!allowed(v.role, v.session.user, ConsoleAction::kAreas, nullptr))
    return errorPage(v, 403, "forbidden");
  std::vector<Ticket> pending, callbacks, flagged;
  std::string error;
  if (!store_.returnVisitQueue(v.now, &pending, &error) ||
      !store_.callbackQueue(v.now, &callbacks, &error))
    return errorPage(v, 500, "store_failed");
  const bool supervisor = allowed(v.role, v.session.user, ConsoleAction::kClearFlags, nullptr);
  if (supervisor && !store_.flaggedTickets(&flagged, &error))
    return errorPage(v, 500, "store_failed");

  auto table = [&](const std::vector<Ticket>& list, const char* id, bool show_due) {
    if (list.empty()) return "<p>" + web::escapeHtml(v.t("rv.none")) + "</p>\n";
    std::string out = "<div class=\"scroll\"><table id=\"" + std::string(id) + "\"><tr>" +
                      th(v, "col.ticket") + th(v, "col.category") + th(v, "col.area") +
                      th(v, "col.worker") + th(v, "ticket.resolved_at") +
                      (show_due ? th(v, "col.due") : "") + th(v, "col.phone") + "</tr>\n";
    for (const Ticket& t : list) {
      const bool late = t.return_visit_due && *t.return_visit_due <= v.now;
      out += std::string("<tr") + (late ? " class=\"overdue\"" : "") + " data-ticket=\"" +
             web::escapeHtml(t.ticket) + "\"><td>" + ticketLink(t.ticket) + "</td>" +
             td(v.t(t.charter_category)) + td(t.area_code) + td(t.assignee.value_or("—")) +
             td(t.resolved_at ? formatMinute(v, *t.resolved_at) : "") +
             (show_due ? td(t.return_visit_due ? formatMinute(v, *t.return_visit_due) : "") : "") +
             "<td>" +
             (t.callback_phone ? web::link("tel:" + *t.callback_phone, *t.callback_phone)
                               : web::escapeHtml(v.t("ticket.no_phone"))) +
             "</td></tr>\n";
    }
    return out + "</table></div>\n";
  };
  std::string html =
      "<p>" + web::escapeHtml(zoneNote(v)) + "</p>\n<h2>" + web::escapeHtml(v.t("rv.callbacks")) +
      "</h2>\n" + table(callbacks, "callbacks", true) + "<h2>" +
      web::escapeHtml(v.t("rv.pending")) + "</h2>\n" + table(pending, "return-visits", true);
  if (supervisor)
    html +=
        "<h2>" + web::escapeHtml(v.t("rv.flagged")) + "</h2>\n" + table(flagged, "flagged", false);
  return page(v, 200, v.t("rv.title"), html, "nav.return_visits");
}

}  // namespace tools::central
