// $.notices[i] -> a signed-object body on table 0xC0 (docs/protocol.md 2.1).
#include <cmath>
#include <set>

#include "dvb/notice/limits.h"
#include "tools/stb-notice/input_readers.h"

namespace tools::notice {
namespace {

using dvb::notice::Ascii;
namespace limits = dvb::notice::limits;

void readKind(JsonReader& r, const Node& n, dvb::notice::Notice* notice) {
  auto m = r.member(n, "kind", true);
  auto name = m ? r.string(*m) : std::nullopt;
  if (!name) return;
  const auto kind = dvb::notice::noticeKindFromName(*name);
  if (!kind)
    return r.fail(*m,
                  "must be one of planned_maintenance, unplanned_outage, service_change, "
                  "emergency, information");
  notice->kind = *kind;
}

// An emergency is usually news now: a short window by default, not the
// protocol's 24 h.
constexpr uint16_t kEmergencyLeadMinutes = 60;

void readLead(JsonReader& r, const Node& n, dvb::notice::Notice* notice) {
  auto m = r.member(n, "lead_hours", false);
  if (!m) {  // the protocol's default, 24 h; an emergency's, 1 h
    if (notice->kind == dvb::notice::NoticeKind::kEmergency)
      notice->lead_minutes = kEmergencyLeadMinutes;
    return;
  }
  auto hours = r.number(*m, 0, limits::kMaxLeadMinutes / 60.0);
  if (!hours) return;
  const double minutes = *hours * 60;
  if (std::fabs(minutes - std::round(minutes)) > 1e-6)
    return r.fail(*m, "must be a whole number of minutes (e.g. 24 or 1.5)");
  notice->lead_minutes = static_cast<uint16_t>(std::lround(minutes));
}

// A list of ids or area prefixes: strings of one ASCII class.
void readStrings(JsonReader& r, const Node& targets, const char* key, size_t max_items, Ascii kind,
                 size_t max_length, const char* what, std::vector<std::string>* out) {
  auto m = r.member(targets, key, false);
  auto items = m ? r.array(*m, 0, max_items) : std::nullopt;
  if (!items) return;
  for (const Node& item : *items)
    if (auto s = r.ascii(item, kind, 1, max_length, what)) out->push_back(*s);
}

void readTargets(JsonReader& r, const Node& n, dvb::notice::Targeting* t) {
  auto m = r.member(n, "targets", false);
  if (!m) return;  // everyone
  if (!r.object(*m, {"areas", "nodes", "box_ids", "smartcard_ids"})) return;
  std::vector<std::string> areas;
  readStrings(r, *m, "areas", limits::kMaxAreas, Ascii::kDigits, 6,
              "1 to 6 digits of an administrative division code (36, 3601, 360102)", &areas);
  for (std::string& a : areas) t->areas.push_back({std::move(a)});
  if (auto nodes = r.member(*m, "nodes", false)) {
    if (auto items = r.array(*nodes, 0, limits::kMaxNodes))
      for (const Node& item : *items)
        if (auto v = r.integer(item, 1, 0xFFFFFFFF)) t->nodes.push_back(static_cast<uint32_t>(*v));
  }
  const char* id_rule = "1 to 32 characters A-Z a-z 0-9 - _ . :";
  readStrings(r, *m, "box_ids", limits::kMaxIds, Ascii::kIdentifier, limits::kMaxIdLength, id_rule,
              &t->box_ids);
  readStrings(r, *m, "smartcard_ids", limits::kMaxIds, Ascii::kIdentifier, limits::kMaxIdLength,
              id_rule, &t->smartcard_ids);
}

void readText(JsonReader& r, const Node& n, dvb::notice::NoticeText* text) {
  if (!r.object(n, {"language", "charset", "title", "body"})) return;
  if (auto m = r.member(n, "language", true))
    if (auto s = r.ascii(*m, Ascii::kLetters, 3, 3, "3 letters (ISO 639-2, e.g. zho, spa)"))
      text->language = *s;
  auto charset = dvb::text::Charset::Utf8;
  if (auto m = r.member(n, "charset", false)) charset = r.charset(*m).value_or(charset);
  if (auto m = r.member(n, "title", true))
    if (auto t = r.text(*m, charset, limits::kMaxTitleBytes)) text->title = *t;
  if (auto m = r.member(n, "body", true))
    if (auto t = r.text(*m, charset, limits::kMaxBodyTextBytes)) text->body = *t;
}

void readTexts(JsonReader& r, const Node& n, dvb::notice::Notice* notice) {
  // A cancel record withdraws the notice: it needs no text.
  auto m = r.member(n, "texts", !notice->cancelled());
  auto items = m ? r.array(*m, notice->cancelled() ? 0 : 1, limits::kMaxTexts) : std::nullopt;
  if (!items) return;
  std::set<std::string> languages;
  for (const Node& item : *items) {
    dvb::notice::NoticeText text;
    readText(r, item, &text);
    if (!text.language.empty() && !languages.insert(text.language).second)
      r.fail(childPath(item.path, "language"), "\"" + text.language + "\" appears twice");
    notice->texts.push_back(std::move(text));
  }
}

// "crawl": an emergency's own continuous period and cadence (extension
// fields of the body); either may be left to the box's defaults.
void readCrawl(JsonReader& r, const Node& n, dvb::notice::Notice* notice) {
  auto m = r.member(n, "crawl", false);
  if (!m) return;
  if (notice->kind != dvb::notice::NoticeKind::kEmergency)
    return r.fail(*m, "only an emergency has crawl settings");
  if (!r.object(*m, {"continuous_minutes", "every_minutes"})) return;
  if (auto c = r.member(*m, "continuous_minutes", false))
    if (auto v = r.integer(*c, 0, limits::kMaxCrawlContinuousMinutes))
      notice->crawl_continuous_minutes = static_cast<uint16_t>(*v);
  if (auto e = r.member(*m, "every_minutes", false))
    if (auto v = r.integer(*e, 0, limits::kMaxCrawlEveryMinutes))
      notice->crawl_every_minutes = static_cast<uint16_t>(*v);
}

}  // namespace

void readNotice(JsonReader& r, const Node& n, std::vector<ObjectInput>* out) {
  const size_t problems = r.problemCount();
  if (!r.object(n, {"id", "revision", "kind", "cancel", "priority", "start", "end", "lead_hours",
                    "crawl", "targets", "contact", "texts"}) &&
      !n.value->is_object())
    return;
  dvb::notice::Notice notice;
  const auto id = r.integerAt(n, "id", 0, 0xFFFFFFFF);
  const auto revision = r.integerAt(n, "revision", 1, 0xFFFFFFFF);
  readKind(r, n, &notice);
  if (auto m = r.member(n, "cancel", false))
    if (r.boolean(*m).value_or(false)) notice.flags |= dvb::notice::Notice::kFlagCancel;
  if (auto m = r.member(n, "priority", false))
    notice.priority = static_cast<uint8_t>(r.integer(*m, 0, 255).value_or(0));
  bool have_times = true;
  for (auto [key, field] : {std::pair{"start", &notice.start}, std::pair{"end", &notice.end}}) {
    auto m = r.member(n, key, true);
    auto t = m ? r.utc(*m) : std::nullopt;
    have_times = have_times && t;
    if (t) *field = *t;
  }
  if (have_times && notice.end <= notice.start)
    r.fail(childPath(n.path, "end"), "must be after start");
  readLead(r, n, &notice);
  readCrawl(r, n, &notice);
  readTargets(r, n, &notice.targeting);
  if (auto m = r.member(n, "contact", false))
    notice.contact = r.ascii(*m, Ascii::kPhone, 1, limits::kMaxPhoneLength,
                             "a phone number: 1 to 24 of 0-9 + - ( ) and space")
                         .value_or("");
  readTexts(r, n, &notice);
  if (r.problemCount() != problems || !id || !revision) return;
  appendObject(r, n, static_cast<uint32_t>(*id), static_cast<uint32_t>(*revision), notice, out);
}

}  // namespace tools::notice
