#include "tools/stb-notice/object_describe.h"

#include <cstdio>

#include "dvb/notice/signature.h"
#include "dvb/text/annex_a.h"

namespace tools::notice {
namespace {

using namespace dvb::notice;

std::string utf8(const dvb::DvbText& t) {
  return t.undecodable ? "(undecodable)" : t.utf8;
}

std::string charsetOf(const dvb::DvbText& t) {
  return dvb::text::charsetName(dvb::text::decode(t.raw.data(), t.raw.size()).charset);
}

std::string date(dvb::UtcSeconds t) {
  return dvb::formatIso8601(t).substr(0, 10);
}

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
  for (const NoticeText& text : n.texts)
    lines.push_back(text.language + " (" + charsetOf(text.body) + "): " + utf8(text.title) + " | " +
                    utf8(text.body));
  return lines;
}

std::vector<std::string> describe(const FeeBatch& b) {
  return {"bucket " + std::to_string(b.bucket) + " of " + std::to_string(b.bucket_count) + ": " +
          std::to_string(b.records.size()) + " record" + (b.records.size() == 1 ? "" : "s")};
}

std::vector<std::string> describe(const Directory& d) {
  return {"area " + d.area.digits + ": hotline " + d.hotline + ", supervision " +
              d.supervision_phone + ", office " + d.office_phone,
          "office address: " + utf8(d.office_address),
          "technician: " + utf8(d.technician_name) + " (" + d.technician_staff_no + ")"};
}

std::vector<std::string> describe(const WorkCalendar& c) {
  std::vector<CalendarDay> holidays, working;
  for (const CalendarDay& d : c.days)
    (d.type == DayType::kHoliday ? holidays : working).push_back(d);
  auto dates = [](const CalendarDay& d) { return date(d.date); };
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

void json(const Notice& n, JsonWriter* w) {
  w->field("kind", noticeKindName(n.kind)).field("cancelled", n.cancelled());
  w->field("priority", unsigned{n.priority});
  w->field("start", dvb::formatIso8601(n.start)).field("end", dvb::formatIso8601(n.end));
  w->field("lead_minutes", unsigned{n.lead_minutes});
  w->key("targets").beginObject().key("areas").beginArray();
  for (const AreaPrefix& a : n.targeting.areas) w->value(a.digits);
  w->endArray().key("nodes").beginArray();
  for (uint32_t node : n.targeting.nodes) w->value(uint64_t{node});
  w->endArray().key("box_ids").beginArray();
  for (const std::string& id : n.targeting.box_ids) w->value(id);
  w->endArray().key("smartcard_ids").beginArray();
  for (const std::string& id : n.targeting.smartcard_ids) w->value(id);
  w->endArray().endObject();
  w->field("contact", n.contact);
  w->key("texts").beginArray();
  for (const NoticeText& t : n.texts)
    w->beginObject()
        .field("language", t.language)
        .field("charset", charsetOf(t.body))
        .field("title", utf8(t.title))
        .field("body", utf8(t.body))
        .endObject();
  w->endArray();
}

void json(const FeeBatch& b, JsonWriter* w) {
  w->field("bucket", unsigned{b.bucket}).field("bucket_count", unsigned{b.bucket_count});
  w->field("records", uint64_t{b.records.size()});
}

void json(const Directory& d, JsonWriter* w) {
  w->field("area", d.area.digits).field("hotline", d.hotline);
  w->field("supervision_phone", d.supervision_phone).field("office_phone", d.office_phone);
  w->field("office_address", utf8(d.office_address));
  w->field("technician_name", utf8(d.technician_name));
  w->field("technician_staff_no", d.technician_staff_no);
}

void json(const WorkCalendar& c, JsonWriter* w) {
  w->field("year", unsigned{c.year}).key("days").beginArray();
  for (const CalendarDay& d : c.days)
    w->beginObject()
        .field("date", date(d.date))
        .field("type", d.type == DayType::kHoliday ? "holiday" : "working_day")
        .endObject();
  w->endArray();
}

void json(const KeyList& k, JsonWriter* w) {
  w->key("signing_keys").beginArray();
  for (const KeyListEntry& e : k.signing_keys) w->value(keyIdHex(e.key_id));
  w->endArray().key("revoked").beginArray();
  for (const KeyId& id : k.revoked) w->value(keyIdHex(id));
  w->endArray();
}

}  // namespace

std::vector<std::string> describeBody(const ObjectBody& body) {
  return std::visit([](const auto& b) { return describe(b); }, body);
}

void writeBodyJson(const ObjectBody& body, JsonWriter* w) {
  w->key("body").beginObject();
  std::visit([w](const auto& b) { json(b, w); }, body);
  w->endObject();
}

}  // namespace tools::notice
