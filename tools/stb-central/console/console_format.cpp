#include "tools/stb-central/console/console_format.h"

#include <cstdio>

#include "tools/web/html.h"

namespace tools::central {
namespace {

void replaceAll(std::string* s, const std::string& from, const std::string& to) {
  for (size_t at = s->find(from); at != std::string::npos; at = s->find(from, at + to.size()))
    s->replace(at, from.size(), to);
}

}  // namespace

std::string formatMinute(const Console::Visit& v, UtcSeconds t) {
  std::string iso = dvb::formatIso8601(t + v.utc_offset_seconds);  // 2026-12-04T21:05:00Z
  if (iso.size() >= 16) iso = iso.substr(0, 10) + " " + iso.substr(11, 5);
  return iso;
}

std::string formatDay(const Console::Visit& v, UtcSeconds t) {
  return dvb::formatIso8601(t + v.utc_offset_seconds).substr(0, 10);
}

std::string zoneNote(const Console::Visit& v) {
  std::string zone = "UTC";
  if (v.utc_offset_seconds != 0) {
    const int64_t minutes = v.utc_offset_seconds / 60, a = minutes < 0 ? -minutes : minutes;
    char text[16];
    std::snprintf(text, sizeof text, "UTC%c%02d:%02d", minutes < 0 ? '-' : '+',
                  static_cast<int>(a / 60), static_cast<int>(a % 60));
    zone = text;
  }
  std::string note = v.t("times_zone");
  replaceAll(&note, "%Z", zone);
  return note;
}

std::string named(const Console::Visit& v, const std::string& prefix, const std::string& code) {
  const std::string key = prefix + code;
  const std::string text = v.t(key);
  return text == key ? code : text;
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
