#include "tests/stbd/preview/preview_fixture.h"

#include <gtest/gtest.h>

#include "dvb/notice/body_codec.h"
#include "tests/support/command.h"
#include "tests/support/corpus.h"
#include "tests/support/files.h"

namespace preview_test {
namespace {

using dvb::text::Charset;

dvb::DvbText text(const std::string& utf8, Charset charset) {
  dvb::DvbText t;
  std::string error;
  EXPECT_TRUE(dvb::DvbText::fromUtf8(utf8, charset, &t, &error)) << error;
  return t;
}

dvb::UtcSeconds at(const char* iso) {
  return *dvb::parseIso8601(iso);
}

}  // namespace

dvb::notice::Notice maintenance(bool longer) {
  dvb::notice::Notice n;
  n.kind = dvb::notice::NoticeKind::kPlannedMaintenance;
  n.start = at("2026-12-10T02:00:00Z");
  n.end = at("2026-12-10T06:00:00Z");
  n.lead_minutes = 24 * 60;
  n.targeting.areas = {{"36"}};
  n.contact = "96123";
  n.texts.push_back({"zho", text("网络维护", Charset::Gb2312),
                     text(std::string("本区有线电视网络维护，期间部分频道无信号。") +
                              (longer ? "详情请关注本台公告。" : ""),
                          Charset::Gb2312)});
  n.texts.push_back(
      {"spa", text("Mantenimiento de red", Charset::Iso6937),
       text(std::string("Mantenimiento de la red de cable; algunos canales sin señal.") +
                (longer ? " Más información en este canal." : ""),
            Charset::Iso6937)});
  return n;
}

dvb::notice::Notice emergency() {
  dvb::notice::Notice n;
  n.kind = dvb::notice::NoticeKind::kEmergency;
  n.start = at("2026-12-10T08:00:00Z");
  n.end = at("2026-12-10T20:00:00Z");
  n.lead_minutes = 60;
  n.texts.push_back(
      {"zho", text("紧急通知", Charset::Gb2312), text("暴雨预警，请留在室内。", Charset::Gb2312)});
  n.texts.push_back({"spa", text("Alerta", Charset::Iso6937),
                     text("Tormenta fuerte, permanezca en casa.", Charset::Iso6937)});
  return n;
}

void writeBody(const dvb::notice::Notice& notice, const std::string& path) {
  std::string error;
  const auto body = dvb::notice::encodeBody(notice, &error);
  ASSERT_TRUE(body.has_value()) << error;
  testing_support::writeTextFile(path, std::string(body->begin(), body->end()));
}

PreviewRun runPreview(const std::string& args) {
  // stderr alone: the program writes nothing else.
  const auto r = testing_support::runCommand(testing_support::binPath("stb-preview") + " " + args +
                                             " 2>&1 >/dev/null");
  return {r.status, r.out};
}

}  // namespace preview_test
