#include "stb/wording.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace stb {

using dvb::notice::NoticeKind;

namespace {

// One language's words. Kind wording is indexed by NoticeKind - 1.
struct Catalogue {
  const char* language;
  const char* scheduled[5];  // planned maintenance, outage, service change, emergency, information
  const char* in_progress[5];  // the same kinds once started
  const char* title_sep;       // between a notice's title and body
  const char* sentence_end;    // added after a body that does not end a sentence
  const char* contact;         // prefix of the phone number
  const char* minutes;         // "starts in" phrases, %d = the count
  const char* hours;
  const char* days;
  const char* fee;  // label of a fee reminder
  const char* fee_in_days;
  const char* fee_tomorrow;
  const char* fee_today;
  const char* fee_yesterday;
  const char* fee_days_ago;
};

// Written for native readers: Chinese puts the time first and uses full-width
// punctuation without spaces; Spanish uses "la" for one o'clock.
const Catalogue kCatalogues[] = {
    {"zho",
     {"计划维护", "临时中断", "业务调整", "紧急通知", "公告"},
     {"维护进行中", "服务中断", "业务调整中", "紧急通知", "公告"},
     "：",
     "。",
     "咨询电话 ",
     "%d分钟后开始",
     "%d小时后开始",
     "%d天后开始",
     "缴费提醒",
     "%d天后到期",
     "明天到期",
     "今天到期",
     "已于昨天到期",
     "已过期%d天"},
    {"spa",
     {"Mantenimiento programado", "Corte de servicio", "Cambio de servicio", "Emergencia", "Aviso"},
     {"Mantenimiento en curso", "Corte de servicio en curso", "Cambio de servicio en curso",
      "Emergencia en curso", "Aviso"},
     ": ",
     ".",
     "Información: ",
     "empieza en %d min",
     "empieza en %d h",
     "empieza en %d días",
     "Aviso de pago",
     "vence en %d días",
     "vence mañana",
     "vence hoy",
     "venció ayer",
     "venció hace %d días"},
    {"eng",
     {"Planned maintenance", "Service outage", "Service change", "Emergency", "Notice"},
     {"Maintenance in progress", "Outage in progress", "Service change in progress",
      "Emergency in progress", "Notice"},
     ": ",
     ".",
     "Info: ",
     "starts in %d min",
     "starts in %d h",
     "starts in %d days",
     "Fee reminder",
     "expires in %d days",
     "expires tomorrow",
     "expires today",
     "expired yesterday",
     "expired %d days ago"},
};

const char* const kMonthsEng[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                  "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

const Catalogue* find(const std::string& language) {
  const std::string code = normalizeLanguage(language);
  for (const Catalogue& c : kCatalogues) {
    if (code == c.language) return &c;
  }
  return nullptr;
}

// Callers pass a catalogue language; anything else reads as English.
const Catalogue& catalogue(const std::string& language) {
  const Catalogue* c = find(language);
  return c ? *c : kCatalogues[2];
}

std::string printf1(const char* format, int64_t value) {
  char buf[96];
  std::snprintf(buf, sizeof buf, format, static_cast<int>(value));
  return buf;
}

std::string twoDigits(int64_t v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d", static_cast<int>(v));
  return buf;
}

bool endsSentence(const std::string& s) {
  static const char* const kEnds[] = {".", "!", "?", "。", "！", "？", "…"};
  for (const char* e : kEnds) {
    const std::string end(e);
    if (s.size() >= end.size() && s.compare(s.size() - end.size(), end.size(), end) == 0) {
      return true;
    }
  }
  return false;
}

bool isZho(const Catalogue& c) {
  return std::string(c.language) == "zho";
}

int currencyExponent(const std::string& currency) {
  static const char* const kZero[] = {"BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW",
                                      "PYG", "RWF", "UGX", "VND", "VUV", "XAF", "XOF", "XPF"};
  static const char* const kThree[] = {"BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"};
  for (const char* c : kZero) {
    if (currency == c) return 0;
  }
  for (const char* c : kThree) {
    if (currency == c) return 3;
  }
  return 2;
}

}  // namespace

std::string normalizeLanguage(const std::string& code) {
  std::string out = code;
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
  if (out == "chi") return "zho";  // ISO 639-2/B spelling of the same language
  return out;
}

bool catalogueHas(const std::string& language) {
  return find(language) != nullptr;
}

const dvb::notice::NoticeText* chooseText(const std::vector<dvb::notice::NoticeText>& texts,
                                          const std::vector<std::string>& preferred) {
  auto usable = [](const dvb::notice::NoticeText& t) {
    return !t.body.undecodable && !t.body.utf8.empty();
  };
  for (const std::string& want : preferred) {
    for (const auto& t : texts) {
      if (usable(t) && normalizeLanguage(t.language) == normalizeLanguage(want)) return &t;
    }
  }
  for (const auto& t : texts) {
    if (usable(t)) return &t;
  }
  return nullptr;
}

std::string catalogueLanguage(const std::string& text_language,
                              const std::vector<std::string>& preferred) {
  if (const Catalogue* c = find(text_language)) return c->language;
  for (const std::string& want : preferred) {
    if (const Catalogue* c = find(want)) return c->language;
  }
  return "eng";
}

std::string formatStartsIn(const std::string& language, int64_t seconds) {
  const Catalogue& c = catalogue(language);
  const int64_t minutes = std::max<int64_t>(1, (seconds + 59) / 60);
  if (minutes < 60) return printf1(c.minutes, minutes);
  const int64_t hours = (minutes + 30) / 60;
  if (hours < 48) return printf1(c.hours, hours);
  return printf1(c.days, (hours + 12) / 24);
}

std::string formatUntil(const std::string& language, dvb::UtcSeconds end, dvb::UtcSeconds now,
                        int local_offset_minutes) {
  const Catalogue& c = catalogue(language);
  const int64_t offset = int64_t{local_offset_minutes} * 60;
  const int64_t local_end = end + offset;
  const int64_t day = dvb::mjdOfUtc(local_end);
  const int64_t minute_of_day = (local_end - dvb::utcOfMjd(day)) / 60;
  const int64_t hh = minute_of_day / 60;
  const std::string hhmm = twoDigits(hh) + ":" + twoDigits(minute_of_day % 60);
  const bool other_day = day != dvb::mjdOfUtc(now + offset);
  const dvb::CivilDate d = dvb::civilFromMjd(day);
  const std::string lang = c.language;
  if (lang == "zho") {
    if (!other_day) return "至" + hhmm;
    return "至" + std::to_string(d.month) + "月" + std::to_string(d.day) + "日" + hhmm;
  }
  if (lang == "spa") {
    const std::string article = hh == 1 ? "la " : "las ";
    if (!other_day) return "hasta " + article + hhmm;
    return "hasta el " + std::to_string(d.day) + "/" + std::to_string(d.month) + " a " + article +
           hhmm;
  }
  if (!other_day) return "until " + hhmm;
  return "until " + hhmm + ", " + std::to_string(d.day) + " " + kMonthsEng[d.month - 1];
}

std::string noticeLabel(const std::string& language, NoticeKind kind, NoticePhase phase,
                        const dvb::notice::Notice& notice, dvb::UtcSeconds now,
                        int local_offset_minutes) {
  const Catalogue& c = catalogue(language);
  int index = static_cast<int>(kind) - 1;
  if (index < 0 || index > 4) index = static_cast<int>(NoticeKind::kInformation) - 1;
  if (phase == NoticePhase::kScheduled) {
    return std::string(c.scheduled[index]) + " · " + formatStartsIn(language, notice.start - now);
  }
  return std::string(c.in_progress[index]) + " · " +
         formatUntil(language, notice.end, now, local_offset_minutes);
}

std::string noticeCrawlText(const std::string& language, const dvb::notice::NoticeText& text,
                            const std::string& contact) {
  const Catalogue& c = catalogue(language);
  std::string out;
  if (!text.title.undecodable && !text.title.utf8.empty()) out = text.title.utf8 + c.title_sep;
  out += text.body.utf8;
  if (contact.empty()) return out;
  if (!endsSentence(out)) out += c.sentence_end;
  if (!isZho(c)) out += " ";
  return out + c.contact + contact;
}

std::string feeLabel(const std::string& language, int days_left) {
  const Catalogue& c = catalogue(language);
  std::string when;
  if (days_left > 1) {
    when = printf1(c.fee_in_days, days_left);
  } else if (days_left == 1) {
    when = c.fee_tomorrow;
  } else if (days_left == 0) {
    when = c.fee_today;
  } else if (days_left == -1) {
    when = c.fee_yesterday;
  } else {
    when = printf1(c.fee_days_ago, -int64_t{days_left});
  }
  return std::string(c.fee) + " · " + when;
}

std::string formatAmount(const std::string& language, uint32_t minor_units,
                         const std::string& currency) {
  const int exponent = currencyExponent(currency);
  uint32_t scale = 1;
  for (int i = 0; i < exponent; ++i) scale *= 10;
  std::string number = std::to_string(minor_units / scale);
  if (exponent > 0) {
    std::string fraction = std::to_string(minor_units % scale);
    fraction.insert(0, exponent - fraction.size(), '0');
    number += "." + fraction;
  }
  if (isZho(catalogue(language)) && currency == "CNY") return number + "元";
  return number + " " + currency;
}

std::string formatDate(const std::string& language, int64_t mjd) {
  const dvb::CivilDate d = dvb::civilFromMjd(mjd);
  const std::string lang = catalogue(language).language;
  if (lang == "zho") {
    return std::to_string(d.year) + "年" + std::to_string(d.month) + "月" + std::to_string(d.day) +
           "日";
  }
  if (lang == "spa") {
    return std::to_string(d.day) + "/" + std::to_string(d.month) + "/" + std::to_string(d.year);
  }
  return std::to_string(d.day) + " " + kMonthsEng[d.month - 1] + " " + std::to_string(d.year);
}

std::string defaultHowToPay(const std::string& language, const std::string& hotline) {
  if (hotline.empty()) return "";
  const std::string lang = catalogue(language).language;
  if (lang == "zho") return "请拨打客服热线" + hotline + "缴费。";
  if (lang == "spa") return "Para pagar, llame al " + hotline + ".";
  return "To pay, call the hotline " + hotline + ".";
}

std::string feeText(const std::string& language, const std::string& package, int64_t paid_mjd,
                    int days_left, const std::string& amount, const std::string& how_to_pay) {
  const std::string lang = catalogue(language).language;
  const std::string date = formatDate(lang, paid_mjd);
  const bool over = days_left < 0;
  std::string out;
  if (lang == "zho") {
    out = "您的" + (package.empty() ? std::string("收视套餐") : "「" + package + "」");
    out += over ? "已于" + date + "到期" : "有效期至" + date;
    out += "，应缴费用" + amount + "。";
  } else if (lang == "spa") {
    out = package.empty() ? std::string("Su suscripción ") : "Su paquete «" + package + "» ";
    out += over ? "estaba " : "está ";
    out += package.empty() ? "pagada" : "pagado";
    out += " hasta el " + date + ". Importe a pagar: " + amount + ".";
  } else {
    out = package.empty() ? std::string("Your subscription ") : "Your package \"" + package + "\" ";
    out += over ? "was" : "is";
    out += " paid until " + date + ". Amount due: " + amount + ".";
  }
  if (how_to_pay.empty()) return out;
  return out + (lang == "zho" ? "" : " ") + how_to_pay;
}

}  // namespace stb
