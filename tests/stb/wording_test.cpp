// The bar's words in zho, spa and eng: language choice, labels, times, fee wording.
#include "stb/wording.h"

#include <gtest/gtest.h>

#include "tests/support/utc_time.h"

namespace stb {
namespace {

using dvb::notice::NoticeKind;

using testing_support::at;

dvb::DvbText text(const std::string& utf8) {
  dvb::DvbText t;
  t.raw.assign(utf8.begin(), utf8.end());
  t.utf8 = utf8;
  return t;
}

dvb::notice::NoticeText noticeText(const std::string& language, const std::string& title,
                                   const std::string& body) {
  return {language, text(title), text(body)};
}

constexpr int kBeijing = 8 * 60;

TEST(Wording, LanguageCodes) {
  EXPECT_EQ(normalizeLanguage("CHI"), "zho");
  EXPECT_EQ(normalizeLanguage("Spa"), "spa");
  EXPECT_TRUE(catalogueHas("zho"));
  EXPECT_TRUE(catalogueHas("chi"));
  EXPECT_FALSE(catalogueHas("fra"));
}

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

TEST(Wording, CatalogueLanguageFallsBackToPreferenceThenEnglish) {
  EXPECT_EQ(catalogueLanguage("spa", {"zho"}), "spa");
  EXPECT_EQ(catalogueLanguage("chi", {"eng"}), "zho");
  EXPECT_EQ(catalogueLanguage("fra", {"deu", "spa", "zho"}), "spa");
  EXPECT_EQ(catalogueLanguage("fra", {"deu"}), "eng");
  EXPECT_EQ(catalogueLanguage("", {"zho", "eng"}), "zho");
}

TEST(Wording, StartsIn) {
  EXPECT_EQ(formatStartsIn("zho", 5 * 3600), "5小时后开始");
  EXPECT_EQ(formatStartsIn("spa", 5 * 3600), "empieza en 5 h");
  EXPECT_EQ(formatStartsIn("eng", 5 * 3600), "starts in 5 h");
  EXPECT_EQ(formatStartsIn("zho", 40 * 60), "40分钟后开始");
  EXPECT_EQ(formatStartsIn("spa", 40 * 60), "empieza en 40 min");
  EXPECT_EQ(formatStartsIn("eng", 40 * 60), "starts in 40 min");
  EXPECT_EQ(formatStartsIn("eng", 39 * 60 + 1), "starts in 40 min");  // minutes round up
  EXPECT_EQ(formatStartsIn("eng", 30), "starts in 1 min");
  EXPECT_EQ(formatStartsIn("eng", 0), "starts in 1 min");
  EXPECT_EQ(formatStartsIn("eng", 59 * 60 + 30), "starts in 1 h");
  EXPECT_EQ(formatStartsIn("eng", 5 * 3600 + 29 * 60), "starts in 5 h");  // hours round
  EXPECT_EQ(formatStartsIn("eng", 5 * 3600 + 31 * 60), "starts in 6 h");
  EXPECT_EQ(formatStartsIn("eng", 24 * 3600), "starts in 24 h");
  EXPECT_EQ(formatStartsIn("zho", 3 * 86400), "3天后开始");
  EXPECT_EQ(formatStartsIn("spa", 3 * 86400), "empieza en 3 días");
  EXPECT_EQ(formatStartsIn("eng", 3 * 86400), "starts in 3 days");
}

TEST(Wording, UntilIsLocalTimeWithTheDateOnlyWhenItIsAnotherDay) {
  const dvb::UtcSeconds end = at("2026-11-29T22:00:00Z");       // 06:00 on 30 Nov in +08:00
  const dvb::UtcSeconds same_day = at("2026-11-29T20:00:00Z");  // 04:00 on 30 Nov
  EXPECT_EQ(formatUntil("zho", end, same_day, kBeijing), "至06:00");
  EXPECT_EQ(formatUntil("spa", end, same_day, kBeijing), "hasta las 06:00");
  EXPECT_EQ(formatUntil("eng", end, same_day, kBeijing), "until 06:00");
  const dvb::UtcSeconds day_before = at("2026-11-29T10:00:00Z");  // 18:00 on 29 Nov
  EXPECT_EQ(formatUntil("zho", end, day_before, kBeijing), "至11月30日06:00");
  EXPECT_EQ(formatUntil("spa", end, day_before, kBeijing), "hasta el 30/11 a las 06:00");
  EXPECT_EQ(formatUntil("eng", end, day_before, kBeijing), "until 06:00, 30 Nov");
  EXPECT_EQ(formatUntil("spa", at("2026-11-29T17:30:00Z"), at("2026-11-29T16:30:00Z"), kBeijing),
            "hasta la 01:30");
  EXPECT_EQ(formatUntil("eng", end, same_day, 0), "until 22:00");
  EXPECT_EQ(formatUntil("eng", end, same_day, -5 * 60), "until 17:00");
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
  EXPECT_EQ(noticeLabel("zho", m, s, n, before, kBeijing), "计划维护 · 5小时后开始");
  EXPECT_EQ(noticeLabel("zho", m, p, n, during, kBeijing), "维护进行中 · 至06:00");
  EXPECT_EQ(noticeLabel("spa", m, s, n, before, kBeijing),
            "Mantenimiento programado · empieza en 5 h");
  EXPECT_EQ(noticeLabel("spa", m, p, n, during, kBeijing),
            "Mantenimiento en curso · hasta las 06:00");
  EXPECT_EQ(noticeLabel("eng", m, s, n, before, kBeijing), "Planned maintenance · starts in 5 h");
  EXPECT_EQ(noticeLabel("eng", m, p, n, during, kBeijing), "Maintenance in progress · until 06:00");

  const dvb::UtcSeconds soon = n.start - 40 * 60;
  EXPECT_EQ(noticeLabel("zho", NoticeKind::kUnplannedOutage, s, n, soon, kBeijing),
            "临时中断 · 40分钟后开始");
  EXPECT_EQ(noticeLabel("zho", NoticeKind::kUnplannedOutage, p, n, during, kBeijing),
            "服务中断 · 至06:00");
  EXPECT_EQ(noticeLabel("spa", NoticeKind::kServiceChange, s, n, soon, kBeijing),
            "Cambio de servicio · empieza en 40 min");
  EXPECT_EQ(noticeLabel("eng", NoticeKind::kEmergency, p, n, during, kBeijing),
            "Emergency in progress · until 06:00");
  EXPECT_EQ(noticeLabel("zho", NoticeKind::kInformation, s, n, before, kBeijing),
            "公告 · 5小时后开始");
}

TEST(Wording, CrawlTextJoinsTitleBodyAndContact) {
  EXPECT_EQ(noticeCrawlText("zho", noticeText("zho", "线路维护", "凌晨1点至6点暂停信号"), "96123"),
            "线路维护：凌晨1点至6点暂停信号。咨询电话 96123");
  EXPECT_EQ(noticeCrawlText("zho", noticeText("zho", "线路维护", "暂停信号。"), ""),
            "线路维护：暂停信号。");
  EXPECT_EQ(
      noticeCrawlText("spa", noticeText("spa", "Mantenimiento", "Sin señal de 1 a 6 h."), "96123"),
      "Mantenimiento: Sin señal de 1 a 6 h. Información: 96123");
  EXPECT_EQ(
      noticeCrawlText("eng", noticeText("eng", "Maintenance", "No signal 01:00-06:00"), "96123"),
      "Maintenance: No signal 01:00-06:00. Info: 96123");
  EXPECT_EQ(noticeCrawlText("eng", noticeText("eng", "", "Body only"), ""), "Body only");
}

TEST(Wording, FeeLabels) {
  EXPECT_EQ(feeLabel("zho", 7), "缴费提醒 · 7天后到期");
  EXPECT_EQ(feeLabel("zho", 1), "缴费提醒 · 明天到期");
  EXPECT_EQ(feeLabel("zho", 0), "缴费提醒 · 今天到期");
  EXPECT_EQ(feeLabel("zho", -1), "缴费提醒 · 已于昨天到期");
  EXPECT_EQ(feeLabel("zho", -3), "缴费提醒 · 已过期3天");
  EXPECT_EQ(feeLabel("spa", 3), "Aviso de pago · vence en 3 días");
  EXPECT_EQ(feeLabel("spa", 1), "Aviso de pago · vence mañana");
  EXPECT_EQ(feeLabel("spa", 0), "Aviso de pago · vence hoy");
  EXPECT_EQ(feeLabel("spa", -2), "Aviso de pago · venció hace 2 días");
  EXPECT_EQ(feeLabel("eng", 3), "Fee reminder · expires in 3 days");
  EXPECT_EQ(feeLabel("eng", 0), "Fee reminder · expires today");
  EXPECT_EQ(feeLabel("eng", -1), "Fee reminder · expired yesterday");
  EXPECT_EQ(feeLabel("eng", -4), "Fee reminder · expired 4 days ago");
}

TEST(Wording, AmountsAndDates) {
  EXPECT_EQ(formatAmount("zho", 2600, "CNY"), "26.00元");
  EXPECT_EQ(formatAmount("spa", 2600, "CNY"), "26.00 CNY");
  EXPECT_EQ(formatAmount("eng", 2600, "CNY"), "26.00 CNY");
  EXPECT_EQ(formatAmount("zho", 1999, "USD"), "19.99 USD");
  EXPECT_EQ(formatAmount("eng", 5, "EUR"), "0.05 EUR");
  EXPECT_EQ(formatAmount("eng", 500, "JPY"), "500 JPY");
  EXPECT_EQ(formatAmount("eng", 1500, "KWD"), "1.500 KWD");
  const int64_t mjd = dvb::mjdFromCivil({2026, 12, 5});
  EXPECT_EQ(formatDate("zho", mjd), "2026年12月5日");
  EXPECT_EQ(formatDate("spa", mjd), "5/12/2026");
  EXPECT_EQ(formatDate("eng", mjd), "5 Dec 2026");
}

TEST(Wording, EveryMonthInEveryLanguage) {
  const char* const eng[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  for (int m = 1; m <= 12; ++m) {
    const int64_t mjd = dvb::mjdFromCivil({2026, m, 9});
    const std::string n = std::to_string(m);
    EXPECT_EQ(formatDate("zho", mjd), "2026年" + n + "月9日");
    EXPECT_EQ(formatDate("spa", mjd), "9/" + n + "/2026");
    EXPECT_EQ(formatDate("eng", mjd), std::string("9 ") + eng[m - 1] + " 2026");
  }
}

TEST(Wording, FeeTextForAPackageOrTheSubscriptionBeforeAndAfterTheLastPaidDay) {
  const int64_t mjd = dvb::mjdFromCivil({2026, 12, 5});
  EXPECT_EQ(feeText("zho", "基本收视包", mjd, -1, "26.00元", ""),
            "您的「基本收视包」已于2026年12月5日到期，应缴费用26.00元。");
  EXPECT_EQ(feeText("zho", "", mjd, 0, "26.00元", "到营业厅缴费。"),
            "您的收视套餐有效期至2026年12月5日，应缴费用26.00元。到营业厅缴费。");
  EXPECT_EQ(feeText("spa", "Básico", mjd, -1, "26.00 CNY", ""),
            "Su paquete «Básico» estaba pagado hasta el 5/12/2026. Importe a pagar: 26.00 CNY.");
  EXPECT_EQ(feeText("spa", "", mjd, 2, "26.00 CNY", ""),
            "Su suscripción está pagada hasta el 5/12/2026. Importe a pagar: 26.00 CNY.");
  EXPECT_EQ(feeText("eng", "", mjd, 2, "26.00 CNY", ""),
            "Your subscription is paid until 5 Dec 2026. Amount due: 26.00 CNY.");
  EXPECT_EQ(feeText("eng", "", mjd, -5, "26.00 CNY", ""),
            "Your subscription was paid until 5 Dec 2026. Amount due: 26.00 CNY.");
  // A placeholder in a value is shown as it is, never filled in.
  EXPECT_EQ(feeText("eng", "{date}", mjd, 2, "{amount}", "{how_to_pay}"),
            "Your package \"{date}\" is paid until 5 Dec 2026. Amount due: {amount}. {how_to_pay}");
}

TEST(Wording, FeeTextInAllThreeLanguages) {
  const int64_t mjd = dvb::mjdFromCivil({2026, 12, 5});
  EXPECT_EQ(feeText("zho", "基本收视包", mjd, 3, "26.00元", defaultHowToPay("zho", "96123")),
            "您的「基本收视包」有效期至2026年12月5日，应缴费用26.00元。请拨打客服热线96123缴费。");
  EXPECT_EQ(feeText("zho", "", mjd, -2, "26.00元", ""),
            "您的收视套餐已于2026年12月5日到期，应缴费用26.00元。");
  EXPECT_EQ(feeText("spa", "Básico", mjd, 3, "26.00 CNY", defaultHowToPay("spa", "96123")),
            "Su paquete «Básico» está pagado hasta el 5/12/2026. Importe a pagar: 26.00 CNY. "
            "Para pagar, llame al 96123.");
  EXPECT_EQ(feeText("spa", "", mjd, -1, "26.00 CNY", ""),
            "Su suscripción estaba pagada hasta el 5/12/2026. Importe a pagar: 26.00 CNY.");
  EXPECT_EQ(feeText("eng", "Basic", mjd, 0, "26.00 CNY", defaultHowToPay("eng", "96123")),
            "Your package \"Basic\" is paid until 5 Dec 2026. Amount due: 26.00 CNY. "
            "To pay, call the hotline 96123.");
  EXPECT_EQ(feeText("eng", "Basic", mjd, -3, "26.00 CNY", "Pay at any branch."),
            "Your package \"Basic\" was paid until 5 Dec 2026. Amount due: 26.00 CNY. "
            "Pay at any branch.");
  EXPECT_EQ(defaultHowToPay("eng", ""), "");
}

}  // namespace
}  // namespace stb
