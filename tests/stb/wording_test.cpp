// The bar's words in zho, spa and eng: language choice, labels, times, fee wording.
#include "stb/wording.h"

#include <gtest/gtest.h>

#include "tests/dvb/notice/notice_test_util.h"
#include "tests/support/utc_time.h"

namespace stb {
namespace {

using dvb::notice::NoticeKind;

using dvb::notice::testing_util::text;
using testing_support::at;

dvb::notice::NoticeText noticeText(const std::string& language, const std::string& title,
                                   const std::string& body) {
  return {language, text(title), text(body)};
}

constexpr int kBeijing = 8 * 60;

TEST(Wording, ChoosesTheFirstPreferredLanguageTheNoticeHas) {
  const std::vector<dvb::notice::NoticeText> texts = {noticeText("eng", "T", "English"),
                                                      noticeText("spa", "T", "Español")};
  EXPECT_EQ(chooseText(texts, {"zho", "spa", "eng"})->body.utf8, "Español");
  EXPECT_EQ(chooseText(texts, {"eng", "spa"})->body.utf8, "English");
  EXPECT_EQ(chooseText(texts, {"fra"})->body.utf8, "English");  // else the first
  EXPECT_EQ(chooseText(texts, {})->body.utf8, "English");
  EXPECT_EQ(chooseText({noticeText("chi", "", "中文")}, {"zho"})->language, "chi");
}

TEST(Wording, NeverChoosesAnUndecodableOrEmptyText) {
  std::vector<dvb::notice::NoticeText> texts = {noticeText("zho", "T", ""),
                                                noticeText("eng", "T", "x")};
  texts[1].body.undecodable = true;
  texts[1].body.utf8.clear();
  EXPECT_EQ(chooseText(texts, {"zho", "eng"}), nullptr);
  texts.push_back(noticeText("spa", "T", "sí"));
  EXPECT_EQ(chooseText(texts, {"zho", "eng"})->language, "spa");
}

TEST(Wording, WordingLanguageIsTheTextsThenThePreferenceThenEnglish) {
  EXPECT_EQ(wordingLanguage("spa", {"zho"}), Language::kSpa);
  EXPECT_EQ(wordingLanguage("chi", {"eng"}), Language::kZho);
  EXPECT_EQ(wordingLanguage("fra", {"deu", "spa", "zho"}), Language::kSpa);
  EXPECT_EQ(wordingLanguage("fra", {"deu"}), Language::kEng);
  EXPECT_EQ(wordingLanguage("", {"zho", "eng"}), Language::kZho);
}

TEST(Wording, StartsIn) {
  EXPECT_EQ(formatStartsIn(Language::kZho, 5 * 3600), "5小时后开始");
  EXPECT_EQ(formatStartsIn(Language::kSpa, 5 * 3600), "empieza en 5 h");
  EXPECT_EQ(formatStartsIn(Language::kEng, 5 * 3600), "starts in 5 h");
  EXPECT_EQ(formatStartsIn(Language::kZho, 40 * 60), "40分钟后开始");
  EXPECT_EQ(formatStartsIn(Language::kSpa, 40 * 60), "empieza en 40 min");
  EXPECT_EQ(formatStartsIn(Language::kEng, 40 * 60), "starts in 40 min");
  EXPECT_EQ(formatStartsIn(Language::kEng, 39 * 60 + 1), "starts in 40 min");  // minutes round up
  EXPECT_EQ(formatStartsIn(Language::kEng, 30), "starts in 1 min");
  EXPECT_EQ(formatStartsIn(Language::kEng, 0), "starts in 1 min");
  EXPECT_EQ(formatStartsIn(Language::kEng, 59 * 60 + 30), "starts in 1 h");
  EXPECT_EQ(formatStartsIn(Language::kEng, 5 * 3600 + 29 * 60), "starts in 5 h");  // hours round
  EXPECT_EQ(formatStartsIn(Language::kEng, 5 * 3600 + 31 * 60), "starts in 6 h");
  EXPECT_EQ(formatStartsIn(Language::kEng, 24 * 3600), "starts in 24 h");
  EXPECT_EQ(formatStartsIn(Language::kZho, 3 * 86400), "3天后开始");
  EXPECT_EQ(formatStartsIn(Language::kSpa, 3 * 86400), "empieza en 3 días");
  EXPECT_EQ(formatStartsIn(Language::kEng, 3 * 86400), "starts in 3 days");
}

TEST(Wording, UntilIsLocalTimeWithTheDateOnlyWhenItIsAnotherDay) {
  const dvb::UtcSeconds end = at("2026-11-29T22:00:00Z");       // 06:00 on 30 Nov in +08:00
  const dvb::UtcSeconds same_day = at("2026-11-29T20:00:00Z");  // 04:00 on 30 Nov
  EXPECT_EQ(formatUntil(Language::kZho, end, same_day, kBeijing), "至06:00");
  EXPECT_EQ(formatUntil(Language::kSpa, end, same_day, kBeijing), "hasta las 06:00");
  EXPECT_EQ(formatUntil(Language::kEng, end, same_day, kBeijing), "until 06:00");
  const dvb::UtcSeconds day_before = at("2026-11-29T10:00:00Z");  // 18:00 on 29 Nov
  EXPECT_EQ(formatUntil(Language::kZho, end, day_before, kBeijing), "至11月30日06:00");
  EXPECT_EQ(formatUntil(Language::kSpa, end, day_before, kBeijing), "hasta el 30/11 a las 06:00");
  EXPECT_EQ(formatUntil(Language::kEng, end, day_before, kBeijing), "until 06:00, 30 Nov");
  EXPECT_EQ(
      formatUntil(Language::kSpa, at("2026-11-29T17:30:00Z"), at("2026-11-29T16:30:00Z"), kBeijing),
      "hasta la 01:30");
  EXPECT_EQ(formatUntil(Language::kEng, end, same_day, 0), "until 22:00");
  EXPECT_EQ(formatUntil(Language::kEng, end, same_day, -5 * 60), "until 17:00");
}

TEST(Wording, NoticeLabels) {
  dvb::notice::Notice n;
  n.start = at("2026-11-29T17:00:00Z");  // 01:00 local
  n.end = at("2026-11-29T22:00:00Z");    // 06:00 local
  const dvb::UtcSeconds before = n.start - 5 * 3600;
  const dvb::UtcSeconds during = n.start + 3600;
  const auto m = NoticeKind::kPlannedMaintenance;
  const auto s = NoticePhase::kScheduled;
  const auto p = NoticePhase::kInProgress;
  EXPECT_EQ(noticeLabel(Language::kZho, m, s, n, before, kBeijing), "计划维护 · 5小时后开始");
  EXPECT_EQ(noticeLabel(Language::kZho, m, p, n, during, kBeijing), "维护进行中 · 至06:00");
  EXPECT_EQ(noticeLabel(Language::kSpa, m, s, n, before, kBeijing),
            "Mantenimiento programado · empieza en 5 h");
  EXPECT_EQ(noticeLabel(Language::kSpa, m, p, n, during, kBeijing),
            "Mantenimiento en curso · hasta las 06:00");
  EXPECT_EQ(noticeLabel(Language::kEng, m, s, n, before, kBeijing),
            "Planned maintenance · starts in 5 h");
  EXPECT_EQ(noticeLabel(Language::kEng, m, p, n, during, kBeijing),
            "Maintenance in progress · until 06:00");

  const dvb::UtcSeconds soon = n.start - 40 * 60;
  EXPECT_EQ(noticeLabel(Language::kZho, NoticeKind::kUnplannedOutage, s, n, soon, kBeijing),
            "临时中断 · 40分钟后开始");
  EXPECT_EQ(noticeLabel(Language::kZho, NoticeKind::kUnplannedOutage, p, n, during, kBeijing),
            "服务中断 · 至06:00");
  EXPECT_EQ(noticeLabel(Language::kSpa, NoticeKind::kServiceChange, s, n, soon, kBeijing),
            "Cambio de servicio · empieza en 40 min");
  EXPECT_EQ(noticeLabel(Language::kEng, NoticeKind::kEmergency, p, n, during, kBeijing),
            "Emergency in progress · until 06:00");
  EXPECT_EQ(noticeLabel(Language::kZho, NoticeKind::kInformation, s, n, before, kBeijing),
            "公告 · 5小时后开始");
}

TEST(Wording, CrawlTextJoinsTitleBodyAndContact) {
  EXPECT_EQ(noticeCrawlText(Language::kZho, noticeText("zho", "线路维护", "凌晨1点至6点暂停信号"),
                            "96123"),
            "线路维护：凌晨1点至6点暂停信号。咨询电话 96123");
  EXPECT_EQ(noticeCrawlText(Language::kZho, noticeText("zho", "线路维护", "暂停信号。"), ""),
            "线路维护：暂停信号。");
  EXPECT_EQ(noticeCrawlText(Language::kSpa,
                            noticeText("spa", "Mantenimiento", "Sin señal de 1 a 6 h."), "96123"),
            "Mantenimiento: Sin señal de 1 a 6 h. Información: 96123");
  EXPECT_EQ(noticeCrawlText(Language::kEng,
                            noticeText("eng", "Maintenance", "No signal 01:00-06:00"), "96123"),
            "Maintenance: No signal 01:00-06:00. Info: 96123");
  EXPECT_EQ(noticeCrawlText(Language::kEng, noticeText("eng", "", "Body only"), ""), "Body only");
}

TEST(Wording, FeeLabels) {
  EXPECT_EQ(feeLabel(Language::kZho, 7), "缴费提醒 · 7天后到期");
  EXPECT_EQ(feeLabel(Language::kZho, 1), "缴费提醒 · 明天到期");
  EXPECT_EQ(feeLabel(Language::kZho, 0), "缴费提醒 · 今天到期");
  EXPECT_EQ(feeLabel(Language::kZho, -1), "缴费提醒 · 已于昨天到期");
  EXPECT_EQ(feeLabel(Language::kZho, -3), "缴费提醒 · 已过期3天");
  EXPECT_EQ(feeLabel(Language::kSpa, 3), "Aviso de pago · vence en 3 días");
  EXPECT_EQ(feeLabel(Language::kSpa, 1), "Aviso de pago · vence mañana");
  EXPECT_EQ(feeLabel(Language::kSpa, 0), "Aviso de pago · vence hoy");
  EXPECT_EQ(feeLabel(Language::kSpa, -2), "Aviso de pago · venció hace 2 días");
  EXPECT_EQ(feeLabel(Language::kEng, 3), "Fee reminder · expires in 3 days");
  EXPECT_EQ(feeLabel(Language::kEng, 0), "Fee reminder · expires today");
  EXPECT_EQ(feeLabel(Language::kEng, -1), "Fee reminder · expired yesterday");
  EXPECT_EQ(feeLabel(Language::kEng, -4), "Fee reminder · expired 4 days ago");
}

TEST(Wording, AmountsAndDates) {
  EXPECT_EQ(formatAmount(Language::kZho, 2600, "CNY"), "26.00元");
  EXPECT_EQ(formatAmount(Language::kSpa, 2600, "CNY"), "26.00 CNY");
  EXPECT_EQ(formatAmount(Language::kEng, 2600, "CNY"), "26.00 CNY");
  EXPECT_EQ(formatAmount(Language::kZho, 1999, "USD"), "19.99 USD");
  EXPECT_EQ(formatAmount(Language::kEng, 5, "EUR"), "0.05 EUR");
  EXPECT_EQ(formatAmount(Language::kEng, 500, "JPY"), "500 JPY");
  EXPECT_EQ(formatAmount(Language::kEng, 1500, "KWD"), "1.500 KWD");
  const int64_t mjd = dvb::mjdFromCivil({2026, 12, 5});
  EXPECT_EQ(formatDate(Language::kZho, mjd), "2026年12月5日");
  EXPECT_EQ(formatDate(Language::kSpa, mjd), "5/12/2026");
  EXPECT_EQ(formatDate(Language::kEng, mjd), "5 Dec 2026");
}

TEST(Wording, EveryMonthInEveryLanguage) {
  const char* const eng[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (int m = 1; m <= 12; ++m) {
    const int64_t mjd = dvb::mjdFromCivil({2026, m, 9});
    const std::string n = std::to_string(m);
    EXPECT_EQ(formatDate(Language::kZho, mjd), "2026年" + n + "月9日");
    EXPECT_EQ(formatDate(Language::kSpa, mjd), "9/" + n + "/2026");
    EXPECT_EQ(formatDate(Language::kEng, mjd), std::string("9 ") + eng[m - 1] + " 2026");
  }
}

TEST(Wording, FeeTextForAPackageOrTheSubscriptionBeforeAndAfterTheLastPaidDay) {
  const int64_t mjd = dvb::mjdFromCivil({2026, 12, 5});
  EXPECT_EQ(feeText(Language::kZho, "基本收视包", mjd, -1, "26.00元", ""),
            "您的「基本收视包」已于2026年12月5日到期，应缴费用26.00元。");
  EXPECT_EQ(feeText(Language::kZho, "", mjd, 0, "26.00元", "到营业厅缴费。"),
            "您的收视套餐有效期至2026年12月5日，应缴费用26.00元。到营业厅缴费。");
  EXPECT_EQ(feeText(Language::kSpa, "Básico", mjd, -1, "26.00 CNY", ""),
            "Su paquete «Básico» estaba pagado hasta el 5/12/2026. Importe a pagar: 26.00 CNY.");
  EXPECT_EQ(feeText(Language::kSpa, "", mjd, 2, "26.00 CNY", ""),
            "Su suscripción está pagada hasta el 5/12/2026. Importe a pagar: 26.00 CNY.");
  EXPECT_EQ(feeText(Language::kEng, "", mjd, 2, "26.00 CNY", ""),
            "Your subscription is paid until 5 Dec 2026. Amount due: 26.00 CNY.");
  EXPECT_EQ(feeText(Language::kEng, "", mjd, -5, "26.00 CNY", ""),
            "Your subscription was paid until 5 Dec 2026. Amount due: 26.00 CNY.");
  // A placeholder in a value is shown as it is, never filled in.
  EXPECT_EQ(feeText(Language::kEng, "{date}", mjd, 2, "{amount}", "{how_to_pay}"),
            "Your package \"{date}\" is paid until 5 Dec 2026. Amount due: {amount}. {how_to_pay}");
}

TEST(Wording, FeeTextInAllThreeLanguages) {
  const int64_t mjd = dvb::mjdFromCivil({2026, 12, 5});
  EXPECT_EQ(feeText(Language::kZho, "基本收视包", mjd, 3, "26.00元",
                    defaultHowToPay(Language::kZho, "96123")),
            "您的「基本收视包」有效期至2026年12月5日，应缴费用26.00元。请拨打客服热线96123缴费。");
  EXPECT_EQ(feeText(Language::kZho, "", mjd, -2, "26.00元", ""),
            "您的收视套餐已于2026年12月5日到期，应缴费用26.00元。");
  EXPECT_EQ(feeText(Language::kSpa, "Básico", mjd, 3, "26.00 CNY",
                    defaultHowToPay(Language::kSpa, "96123")),
            "Su paquete «Básico» está pagado hasta el 5/12/2026. Importe a pagar: 26.00 CNY. "
            "Para pagar, llame al 96123.");
  EXPECT_EQ(feeText(Language::kSpa, "", mjd, -1, "26.00 CNY", ""),
            "Su suscripción estaba pagada hasta el 5/12/2026. Importe a pagar: 26.00 CNY.");
  EXPECT_EQ(feeText(Language::kEng, "Basic", mjd, 0, "26.00 CNY",
                    defaultHowToPay(Language::kEng, "96123")),
            "Your package \"Basic\" is paid until 5 Dec 2026. Amount due: 26.00 CNY. "
            "To pay, call the hotline 96123.");
  EXPECT_EQ(feeText(Language::kEng, "Basic", mjd, -3, "26.00 CNY", "Pay at any branch."),
            "Your package \"Basic\" was paid until 5 Dec 2026. Amount due: 26.00 CNY. "
            "Pay at any branch.");
  EXPECT_EQ(defaultHowToPay(Language::kEng, ""), "");
}

}  // namespace
}  // namespace stb
