#include "tools/stb-central/outage_notice.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

#include "dvb/mjd_time.h"
#include "tools/stb-headend/console/publisher.h"
#include "tools/stb-headend/spool.h"
#include "tools/stb-notice/input.h"

namespace tools::central {
namespace {

// The texts: the wording of the box's own known-outage page
// (stb/catalogue.cpp, kOutageTitle/kOutageBody), so that the bar and the
// page the viewer opens next say the same; plus the hotline.
struct Wording {
  const char* language;
  const char* charset;  // what the guide's example notices use for each
  const char* title;
  const char* body;     // {until} replaced
  const char* contact;  // appended when there is a hotline; {contact} replaced
};
constexpr Wording kWordings[] = {
    {"zho", "gb2312", "已知区域故障", "您所在区域有已知故障，预计{until}恢复服务。",
     "如有疑问请拨打{contact}。"},
    {"spa", "iso6937", "Avería conocida en su zona",
     "Hay una avería conocida en su zona. Está previsto que el servicio vuelva a las {until}.",
     " Información: {contact}."},
    {"eng", "iso6937", "Known outage",
     "Known outage in your area, service expected back at {until}.", " Enquiries: {contact}."},
};

std::string replaced(std::string text, const std::string& key, const std::string& value) {
  const std::string marker = "{" + key + "}";
  for (size_t at = text.find(marker); at != std::string::npos;
       at = text.find(marker, at + value.size()))
    text.replace(at, marker.size(), value);
  return text;
}

const char* const kSpanishMonths[] = {"enero",      "febrero", "marzo",     "abril",
                                      "mayo",       "junio",   "julio",     "agosto",
                                      "septiembre", "octubre", "noviembre", "diciembre"};
const char* const kEnglishMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                      "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

}  // namespace

std::optional<uint32_t> outageObjectId(int64_t incident_id) {
  if (incident_id < 1 || incident_id > kMaxOutageIncidentId) return std::nullopt;
  const auto id = static_cast<uint32_t>(incident_id);
  return kOutageObjectIdBase + ((id >> 12) << 16) + (id & 0xFFF);
}

std::string outageSpoolName(int64_t incident_id) {
  return "central-incident-" + std::to_string(incident_id);
}

std::string outageUntilText(const OutageFacts& facts, const std::string& language) {
  const int64_t offset = static_cast<int64_t>(facts.utc_offset_minutes) * 60;
  const UtcSeconds local = facts.expected_restore + offset;
  const int64_t second_of_day = local - dvb::utcOfMjd(dvb::mjdOfUtc(local));
  char clock[8];
  std::snprintf(clock, sizeof clock, "%02d:%02d", static_cast<int>(second_of_day / 3600),
                static_cast<int>(second_of_day / 60 % 60));
  // The box's page shows the time of day alone; a restore on a later local
  // day than the confirmation names its date too.
  if (dvb::mjdOfUtc(local) == dvb::mjdOfUtc(facts.start + offset)) return clock;
  const dvb::CivilDate d = dvb::civilFromMjd(dvb::mjdOfUtc(local));
  if (language == "zho")
    return std::to_string(d.month) + "月" + std::to_string(d.day) + "日" + clock;
  if (language == "spa")
    return std::string(clock) + " del " + std::to_string(d.day) + " de " +
           kSpanishMonths[d.month - 1];
  return std::string(clock) + " on " + std::to_string(d.day) + " " + kEnglishMonths[d.month - 1];
}

std::optional<nlohmann::json> outageNoticeJson(const OutageFacts& facts, std::string* error) {
  const std::optional<uint32_t> object_id = outageObjectId(facts.incident_id);
  if (!object_id) {
    *error = "incident " + std::to_string(facts.incident_id) +
             " has no outage notice id (ids 1 to " + std::to_string(kMaxOutageIncidentId) + ")";
    return std::nullopt;
  }
  nlohmann::json notice = {
      {"id", *object_id},
      {"revision", 1u},
      {"kind", "unplanned_outage"},
      // The headend console's default: order by kind (an outage before
      // maintenance and information, docs/protocol.md 2.1).
      {"priority", 0u},
      {"start", dvb::formatIso8601(facts.start)},
      {"end", dvb::formatIso8601(facts.expected_restore)},
      {"targets", {{"areas", {facts.area_code}}}},
  };
  if (!facts.contact.empty()) notice["contact"] = facts.contact;
  nlohmann::json texts = nlohmann::json::array();
  for (const Wording& w : kWordings) {
    std::string body = replaced(w.body, "until", outageUntilText(facts, w.language));
    if (!facts.contact.empty()) body += replaced(w.contact, "contact", facts.contact);
    texts.push_back(
        {{"language", w.language}, {"charset", w.charset}, {"title", w.title}, {"body", body}});
  }
  notice["texts"] = texts;
  return notice;
}

std::optional<OutagePublisher> OutagePublisher::open(const std::string& spool_dir,
                                                     const std::string& key_path,
                                                     std::string* error) {
  struct stat st {};
  const bool found = ::stat(spool_dir.c_str(), &st) == 0;
  if (!found || !S_ISDIR(st.st_mode)) {
    *error = "outage spool " + spool_dir + ": " +
             (found ? "not a directory" : std::strerror(errno)) + " (stb-headend's spool_dir)";
    return std::nullopt;
  }
  std::optional<dvb::notice::PrivateKey> key = headend::console::loadSigningKey(key_path, error);
  if (!key) return std::nullopt;
  return OutagePublisher(spool_dir, std::move(*key));
}

std::optional<SpooledNotice> OutagePublisher::spool(const OutageFacts& facts,
                                                    const nlohmann::json& notice, UtcSeconds now,
                                                    std::string* error) const {
  std::vector<notice::FieldProblem> problems;
  const std::optional<notice::ObjectInput> object = notice::checkNotice(notice, &problems);
  if (!object) {
    *error = "the outage notice is refused";
    for (const notice::FieldProblem& p : problems) *error += "; " + p.path + ": " + p.why;
    return std::nullopt;
  }
  const auto signed_notice = headend::console::signNotice(*object, key_, now, error);
  if (!signed_notice) return std::nullopt;
  struct stat st {};
  if (::stat(spool_dir_.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    *error = "outage spool " + spool_dir_ + ": no such directory (stb-headend's spool_dir)";
    return std::nullopt;
  }
  const std::string name = outageSpoolName(facts.incident_id);
  if (!headend::writeSpoolFile(spool_dir_, name, signed_notice->sections, error))
    return std::nullopt;
  SpooledNotice out;
  out.object_id = object->header.object_id;
  out.revision = object->header.revision;
  out.sha256 = signed_notice->sha256;
  out.path = spool_dir_ + "/" + name + ".bin";
  return out;
}

std::optional<SpooledNotice> OutagePublisher::publish(const OutageFacts& facts, uint32_t revision,
                                                      UtcSeconds now, std::string* error) const {
  std::optional<nlohmann::json> notice = outageNoticeJson(facts, error);
  if (!notice) return std::nullopt;
  (*notice)["revision"] = revision;
  return spool(facts, *notice, now, error);
}

std::optional<SpooledNotice> OutagePublisher::withdraw(const OutageFacts& facts,
                                                       uint32_t last_revision, UtcSeconds now,
                                                       std::string* error) const {
  std::optional<nlohmann::json> notice = outageNoticeJson(facts, error);
  if (!notice) return std::nullopt;
  // As the headend console cancels (docs/protocol.md 2.6): the withdrawn
  // notice's kind, times and targets, a higher revision, the cancel flag,
  // no texts.
  (*notice)["revision"] = last_revision + 1;
  (*notice)["cancel"] = true;
  (*notice)["texts"] = nlohmann::json::array();
  return spool(facts, *notice, now, error);
}

}  // namespace tools::central
