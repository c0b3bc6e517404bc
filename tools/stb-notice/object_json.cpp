#include "tools/stb-notice/object_json.h"

#include <variant>

#include "dvb/notice/object_describe.h"
#include "dvb/notice/signature.h"

namespace tools::notice {
namespace {

using namespace dvb::notice;

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
  if (n.crawl_continuous_minutes || n.crawl_every_minutes) {
    w->key("crawl").beginObject();
    if (n.crawl_continuous_minutes)
      w->field("continuous_minutes", unsigned{*n.crawl_continuous_minutes});
    if (n.crawl_every_minutes) w->field("every_minutes", unsigned{*n.crawl_every_minutes});
    w->endObject();
  }
  w->key("texts").beginArray();
  for (const NoticeText& t : n.texts)
    w->beginObject()
        .field("language", t.language)
        .field("charset", describeCharset(t.body))
        .field("title", describeText(t.title))
        .field("body", describeText(t.body))
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
  w->field("office_address", describeText(d.office_address));
  w->field("technician_name", describeText(d.technician_name));
  w->field("technician_staff_no", d.technician_staff_no);
}

void json(const WorkCalendar& c, JsonWriter* w) {
  w->field("year", unsigned{c.year}).key("days").beginArray();
  for (const CalendarDay& d : c.days)
    w->beginObject()
        .field("date", describeDate(d.date))
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

void writeBodyJson(const ObjectBody& body, JsonWriter* w) {
  w->key("body").beginObject();
  std::visit([w](const auto& b) { json(b, w); }, body);
  w->endObject();
}

}  // namespace tools::notice
