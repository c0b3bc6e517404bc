#include "tools/stb-central/console/console_format.h"

#include "tools/web/html.h"

namespace tools::central {
namespace {

void replaceAll(std::string* s, const std::string& from, const std::string& to) {
  for (size_t at = s->find(from); at != std::string::npos; at = s->find(from, at + to.size()))
    s->replace(at, from.size(), to);
}

}  // namespace

std::string formatMinute(UtcSeconds t) {
  std::string iso = dvb::formatIso8601(t);  // 2026-12-04T21:05:00Z
  if (iso.size() >= 16) iso = iso.substr(0, 10) + " " + iso.substr(11, 5);
  return iso;
}

std::string formatDay(UtcSeconds t) {
  return dvb::formatIso8601(t).substr(0, 10);
}

std::string formatSpan(const Console::Visit& v, UtcSeconds seconds) {
  if (seconds < 0) seconds = -seconds;
  const int64_t minutes = seconds / 60;
  std::string text = v.t("hours_minutes");
  replaceAll(&text, "%H", std::to_string(minutes / 60));
  replaceAll(&text, "%M", std::to_string(minutes % 60));
  return text;
}

bool isOpen(const Ticket& t) {
  return t.status == TicketStatus::kAccepted || t.status == TicketStatus::kTechnicianAssigned;
}

std::string urgency(const Ticket& t, UtcSeconds now) {
  if (!isOpen(t)) return "";
  if (t.deadline < now) return "overdue";
  if (t.deadline < now + kDueSoon) return "due-soon";
  return "";
}

std::string remainingHtml(const Console::Visit& v, const Ticket& t) {
  if (!isOpen(t)) return "";
  const std::string mark = urgency(t, v.now);
  std::string text = v.t(t.deadline < v.now ? "overdue_by" : "due_in");
  replaceAll(&text, "%T", formatSpan(v, t.deadline - v.now));
  std::string out;
  if (!mark.empty())
    out = "<span class=\"tag " + mark + "\">" +
          web::escapeHtml(v.t(mark == "overdue" ? "overdue" : "due_soon")) + "</span> ";
  return out + web::escapeHtml(text);
}

std::string ticketLink(const std::string& ticket) {
  return web::link("/console/tickets/" + ticket, ticket);
}

}  // namespace tools::central
