#include "tools/stb-notice/object_json.h"

#include <variant>

#include "dvb/notice/object_describe.h"
#include "dvb/notice/signature.h"

namespace tools::notice {
namespace {

using namespace dvb::notice;
using Json = nlohmann::ordered_json;

// A JSON array of f(item) for every item.
template <typename Items, typename F>
Json arrayOf(const Items& items, F f) {
  Json out = Json::array();
  for (const auto& item : items) out.push_back(f(item));
  return out;
}

Json json(const Notice& n) {
  const auto same = [](const std::string& s) { return s; };
  Json j = {{"kind", noticeKindName(n.kind)},   {"cancelled", n.cancelled()},
            {"priority", unsigned{n.priority}}, {"start", dvb::formatIso8601(n.start)},
            {"end", dvb::formatIso8601(n.end)}, {"lead_minutes", unsigned{n.lead_minutes}}};
  j["targets"] = {
      {"areas", arrayOf(n.targeting.areas, [](const AreaPrefix& a) { return a.digits; })},
      {"nodes", arrayOf(n.targeting.nodes, [](uint32_t node) { return uint64_t{node}; })},
      {"box_ids", arrayOf(n.targeting.box_ids, same)},
      {"smartcard_ids", arrayOf(n.targeting.smartcard_ids, same)}};
  j["contact"] = n.contact;
  if (n.crawl_continuous_minutes || n.crawl_every_minutes) {
    Json crawl = Json::object();
    if (n.crawl_continuous_minutes)
      crawl["continuous_minutes"] = unsigned{*n.crawl_continuous_minutes};
    if (n.crawl_every_minutes) crawl["every_minutes"] = unsigned{*n.crawl_every_minutes};
    j["crawl"] = crawl;
  }
  j["texts"] = arrayOf(n.texts, [](const NoticeText& t) {
    return Json{{"language", t.language},
                {"charset", describeCharset(t.body)},
                {"title", describeText(t.title)},
                {"body", describeText(t.body)}};
  });
  return j;
}

Json json(const FeeBatch& b) {
  return {{"bucket", unsigned{b.bucket}},
          {"bucket_count", unsigned{b.bucket_count}},
          {"records", uint64_t{b.records.size()}}};
}

Json json(const Directory& d) {
  return {{"area", d.area.digits},
          {"hotline", d.hotline},
          {"supervision_phone", d.supervision_phone},
          {"office_phone", d.office_phone},
          {"office_address", describeText(d.office_address)},
          {"technician_name", describeText(d.technician_name)},
          {"technician_staff_no", d.technician_staff_no}};
}

Json json(const WorkCalendar& c) {
  return {{"year", unsigned{c.year}},
          {"days", arrayOf(c.days, [](const CalendarDay& d) {
             return Json{{"date", describeDate(d.date)},
                         {"type", d.type == DayType::kHoliday ? "holiday" : "working_day"}};
           })}};
}

Json json(const KeyList& k) {
  return {{"signing_keys",
           arrayOf(k.signing_keys, [](const KeyListEntry& e) { return keyIdHex(e.key_id); })},
          {"revoked", arrayOf(k.revoked, [](const KeyId& id) { return keyIdHex(id); })}};
}

}  // namespace

nlohmann::ordered_json bodyJson(const ObjectBody& body) {
  return std::visit([](const auto& b) { return json(b); }, body);
}

}  // namespace tools::notice
