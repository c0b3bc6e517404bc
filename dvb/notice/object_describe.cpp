#include "dvb/notice/object_describe.h"

#include <variant>

#include "dvb/mjd_time.h"
#include "dvb/notice/signature.h"
#include "dvb/text/annex_a.h"

namespace dvb::notice {
namespace {

template <typename T, typename F>
std::string join(const std::vector<T>& items, F f) {
  std::string out;
  for (const T& item : items) out += (out.empty() ? "" : ", ") + f(item);
  return out;
}

std::string leadText(uint16_t minutes) {
  return minutes % 60 ? std::to_string(minutes) + " min" : std::to_string(minutes / 60) + " h";
}

std::vector<std::string> describe(const Notice& n) {
  std::vector<std::string> lines;
  lines.push_back(std::string(noticeKindName(n.kind)) + (n.cancelled() ? " CANCELLED" : "") +
                  ", priority " + std::to_string(n.priority) + ", " + dvb::formatIso8601(n.start) +
                  " .. " + dvb::formatIso8601(n.end) + ", shown from " + leadText(n.lead_minutes) +
                  " before the start");
  const Targeting& t = n.targeting;
  std::string targets;
  auto add = [&](const char* what, const std::string& list) {
    if (!list.empty()) targets += std::string(targets.empty() ? "" : "; ") + what + " " + list;
  };
  add("areas", join(t.areas, [](const AreaPrefix& a) { return a.digits; }));
  add("nodes", join(t.nodes, [](uint32_t v) { return std::to_string(v); }));
  add("box ids", join(t.box_ids, [](const std::string& s) { return s; }));
  add("smartcards", join(t.smartcard_ids, [](const std::string& s) { return s; }));
  lines.push_back("targets: " + (targets.empty() ? std::string("every box") : targets));
  if (!n.contact.empty()) lines.push_back("contact: " + n.contact);
  if (n.crawl_continuous_minutes || n.crawl_every_minutes) {
    // Only what the operator set: the rest is the box's default.
    std::string crawl;
    if (n.crawl_continuous_minutes)
      crawl += "continuous for " + std::to_string(*n.crawl_continuous_minutes) + " min";
    if (n.crawl_every_minutes)
      crawl += std::string(crawl.empty() ? "" : ", then ") +
               (*n.crawl_every_minutes ? "every " + std::to_string(*n.crawl_every_minutes) + " min"
                                       : "nonstop");
    lines.push_back("crawl: " + crawl);
  }
  for (const NoticeText& text : n.texts)
    lines.push_back(text.language + " (" + describeCharset(text.body) +
                    "): " + describeText(text.title) + " | " + describeText(text.body));
  return lines;
}

std::vector<std::string> describe(const FeeBatch& b) {
  return {"bucket " + std::to_string(b.bucket) + " of " + std::to_string(b.bucket_count) + ": " +
          std::to_string(b.records.size()) + " record" + (b.records.size() == 1 ? "" : "s")};
}

std::vector<std::string> describe(const Directory& d) {
  return {"area " + d.area.digits + ": hotline " + d.hotline + ", supervision " +
              d.supervision_phone + ", office " + d.office_phone,
          "office address: " + describeText(d.office_address),
          "technician: " + describeText(d.technician_name) + " (" + d.technician_staff_no + ")"};
}

std::vector<std::string> describe(const WorkCalendar& c) {
  std::vector<CalendarDay> holidays, working;
  for (const CalendarDay& d : c.days)
    (d.type == DayType::kHoliday ? holidays : working).push_back(d);
  auto dates = [](const CalendarDay& d) { return describeDate(d.date); };
  std::vector<std::string> lines{
      "year " + std::to_string(c.year) + ": " + std::to_string(holidays.size()) + " holiday" +
      (holidays.size() == 1 ? "" : "s") + ", " + std::to_string(working.size()) +
      " swapped working day" + (working.size() == 1 ? "" : "s")};
  if (!holidays.empty()) lines.push_back("holidays: " + join(holidays, dates));
  if (!working.empty()) lines.push_back("working days: " + join(working, dates));
  return lines;
}

std::vector<std::string> describe(const KeyList& k) {
  std::vector<std::string> lines{"signing keys: " + join(k.signing_keys, [](const KeyListEntry& e) {
                                   return keyIdHex(e.key_id);
                                 })};
  lines.push_back("revoked: " +
                  (k.revoked.empty() ? std::string("none") : join(k.revoked, [](const KeyId& id) {
                    return keyIdHex(id);
                  })));
  return lines;
}

}  // namespace

std::string describeText(const DvbText& t) {
  return t.undecodable ? "(undecodable)" : t.utf8;
}

std::string describeCharset(const DvbText& t) {
  return text::charsetName(text::decode(t.raw.data(), t.raw.size()).charset);
}

std::string describeDate(UtcSeconds t) {
  return formatIso8601(t).substr(0, 10);
}

std::vector<std::string> describeBody(const ObjectBody& body) {
  return std::visit([](const auto& b) { return describe(b); }, body);
}

std::string noticeSummary(const Notice& n) {
  std::string s = std::string(noticeKindName(n.kind)) + (n.cancelled() ? " (cancelled) " : " ") +
                  formatIso8601(n.start) + " .. " + formatIso8601(n.end);
  if (!n.texts.empty()) s += " \"" + n.texts[0].title.utf8 + "\"";
  return s;
}

}  // namespace dvb::notice
