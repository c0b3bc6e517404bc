// The byte layout of every object body (docs/protocol.md), one function per
// object, instantiated for WireReader (decode) and WireWriter (encode).
#include "dvb/notice/layouts.h"

#include "dvb/notice/limits.h"

namespace dvb::notice {
namespace {

template <typename Io>
void layoutArea(Io& io, AreaPrefix& a) {
  io.ascii8("area", a.digits, 6, Ascii::kDigits);
}

template <typename Io>
void layoutId(Io& io, std::string& id) {
  io.ascii8("id", id, limits::kMaxIdLength, Ascii::kIdentifier);
}

// Extension fields after a notice's texts: each is tag u8, length u8, then
// `length` bytes. A body without them is the original layout, which every
// box reads; a box skips tags it does not know (docs/protocol.md 2.1).
enum NoticeExtension : uint8_t {
  kCrawlContinuousMinutes = 0x01,
  kCrawlEveryMinutes = 0x02,
};

template <typename Io>
void layoutMinutesField(Io& io, const Notice& n, const char* field, std::optional<uint16_t>& v,
                        uint16_t max, const char* over) {
  io.require(n.kind == NoticeKind::kEmergency, field, "only for an emergency (notice_kind 4)");
  uint16_t minutes = v.value_or(0);
  io.u16(field, minutes);
  io.require(minutes <= max, field, over);
  v = minutes;
}

template <typename Io>
void layoutNoticeExtensions(Io& io, Notice& n) {
  struct Field {
    uint8_t tag;
    const char* name;
    std::optional<uint16_t>* value;
    uint16_t max;
    const char* over;
  };
  const Field fields[] = {
      {kCrawlContinuousMinutes, "crawl_continuous_minutes", &n.crawl_continuous_minutes,
       limits::kMaxCrawlContinuousMinutes, "over 7 days"},
      {kCrawlEveryMinutes, "crawl_every_minutes", &n.crawl_every_minutes,
       limits::kMaxCrawlEveryMinutes, "over 24 h"},
  };
  if constexpr (Io::kReading) {
    while (io.ok() && !io.atEnd()) {
      uint8_t tag = 0, length = 0;
      io.u8("extension_tag", tag);
      io.u8("extension_length", length);
      const Field* known = nullptr;
      for (const Field& f : fields)
        if (f.tag == tag) known = &f;
      if (!known) {  // a newer headend's field: skipped
        std::vector<uint8_t> skipped(length);
        io.bytes("extension", skipped.data(), skipped.size());
        continue;
      }
      io.require(length == 2, known->name, "must be 2 bytes long");
      io.require(!known->value->has_value(), known->name, "appears twice");
      if (io.ok()) layoutMinutesField(io, n, known->name, *known->value, known->max, known->over);
    }
  } else {
    for (const Field& f : fields) {
      if (!f.value->has_value()) continue;
      uint8_t tag = f.tag, length = 2;
      io.u8("extension_tag", tag);
      io.u8("extension_length", length);
      layoutMinutesField(io, n, f.name, *f.value, f.max, f.over);
    }
  }
}

template <typename Io>
void layoutText(Io& io, NoticeText& t) {
  io.fixedAscii("language", t.language, 3, Ascii::kLetters);
  io.text8("title", t.title, limits::kMaxTitleBytes);
  io.text16("body", t.body, limits::kMaxBodyTextBytes);
}

}  // namespace

template <typename Io>
void layoutNotice(Io& io, Notice& n) {
  uint8_t kind = static_cast<uint8_t>(n.kind);
  io.u8("notice_kind", kind);
  io.require(kind >= 1 && kind <= 5, "notice_kind", "must be 1..5");
  n.kind = static_cast<NoticeKind>(kind);
  io.u8("flags", n.flags);
  io.require((n.flags & ~Notice::kFlagCancel) == 0, "flags", "reserved bits must be 0");
  io.u8("priority", n.priority);
  io.utc("start", n.start);
  io.utc("end", n.end);
  io.require(n.end > n.start, "end", "must be after start");
  io.u16("lead_minutes", n.lead_minutes);
  io.require(n.lead_minutes <= limits::kMaxLeadMinutes, "lead_minutes", "over 7 days");
  io.list8("areas", n.targeting.areas, limits::kMaxAreas, layoutArea<Io>);
  io.list8("nodes", n.targeting.nodes, limits::kMaxNodes,
           [](Io& i, uint32_t& node) { i.u32("node", node); });
  io.list16("box_ids", n.targeting.box_ids, limits::kMaxIds, layoutId<Io>);
  io.list16("smartcard_ids", n.targeting.smartcard_ids, limits::kMaxIds, layoutId<Io>);
  io.ascii8("contact", n.contact, limits::kMaxPhoneLength, Ascii::kPhone, true);
  io.list8("texts", n.texts, limits::kMaxTexts, layoutText<Io>);
  io.require(n.cancelled() || !n.texts.empty(), "texts", "a notice needs at least one text");
  layoutNoticeExtensions(io, n);
}

template <typename Io>
void layoutFeeBatch(Io& io, FeeBatch& b) {
  io.u16("bucket_count", b.bucket_count);
  io.require(b.bucket_count >= 1, "bucket_count", "must be at least 1");
  io.u16("bucket", b.bucket);
  io.require(b.bucket < b.bucket_count, "bucket", "must be below bucket_count");
  io.list16("records", b.records, limits::kMaxFeeRecords, [&b](Io& i, FeeRecord& r) {
    i.ascii8("subscriber_id", r.subscriber_id, limits::kMaxIdLength, Ascii::kIdentifier);
    i.require(feeBucketOf(r.subscriber_id, b.bucket_count) == b.bucket, "subscriber_id",
              "belongs to another bucket");
    i.date("paid_until", r.paid_until);
    i.u32("amount_due", r.amount_due);
    i.fixedAscii("currency", r.currency, 3, Ascii::kLetters);
    i.text8("package", r.package, limits::kMaxPackageBytes);
  });
}

template <typename Io>
void layoutDirectory(Io& io, Directory& d) {
  layoutArea(io, d.area);
  io.ascii8("hotline", d.hotline, limits::kMaxPhoneLength, Ascii::kPhone);
  io.ascii8("supervision_phone", d.supervision_phone, limits::kMaxPhoneLength, Ascii::kPhone);
  io.ascii8("office_phone", d.office_phone, limits::kMaxPhoneLength, Ascii::kPhone);
  io.text8("office_address", d.office_address, limits::kMaxAddressBytes);
  io.text8("technician_name", d.technician_name, limits::kMaxNameBytes);
  io.ascii8("technician_staff_no", d.technician_staff_no, limits::kMaxIdLength, Ascii::kIdentifier);
}

template <typename Io>
void layoutWorkCalendar(Io& io, WorkCalendar& c) {
  io.u16("year", c.year);
  io.require(c.year >= 2000 && c.year <= 2100, "year", "must be 2000..2100");
  UtcSeconds previous = 0;
  io.list16("days", c.days, limits::kMaxCalendarEntries, [&](Io& i, CalendarDay& day) {
    i.date("date", day.date);
    i.require(civilFromMjd(mjdOfUtc(day.date)).year == c.year, "date",
              "outside the calendar's year");
    i.require(day.date > previous, "date", "days must be in ascending order");
    previous = day.date;
    uint8_t type = static_cast<uint8_t>(day.type);
    i.u8("day_type", type);
    i.require(type == 1 || type == 2, "day_type", "must be 1 (holiday) or 2 (working day)");
    day.type = static_cast<DayType>(type);
  });
}

template <typename Io>
void layoutKeyList(Io& io, KeyList& k) {
  io.list8("signing_keys", k.signing_keys, limits::kMaxKeys, [](Io& i, KeyListEntry& e) {
    i.bytes("key_id", e.key_id.data(), e.key_id.size());
    i.blob16("public_key", e.public_key_der, limits::kMaxPublicKeyDer);
    i.require(!e.public_key_der.empty(), "public_key", "must not be empty");
  });
  io.list8("revoked", k.revoked, limits::kMaxRevokedKeys,
           [](Io& i, std::array<uint8_t, 8>& id) { i.bytes("revoked_key_id", id.data(), 8); });
}

template void layoutNotice(WireReader&, Notice&);
template void layoutNotice(WireWriter&, Notice&);
template void layoutFeeBatch(WireReader&, FeeBatch&);
template void layoutFeeBatch(WireWriter&, FeeBatch&);
template void layoutDirectory(WireReader&, Directory&);
template void layoutDirectory(WireWriter&, Directory&);
template void layoutWorkCalendar(WireReader&, WorkCalendar&);
template void layoutWorkCalendar(WireWriter&, WorkCalendar&);
template void layoutKeyList(WireReader&, KeyList&);
template void layoutKeyList(WireWriter&, KeyList&);

}  // namespace dvb::notice
