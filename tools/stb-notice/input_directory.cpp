// $.directories[i] -> a service directory, table 0xC2 (docs/protocol.md 2.3).
#include "dvb/notice/limits.h"
#include "tools/stb-notice/input_readers.h"

namespace tools::notice {
namespace {

using dvb::notice::Ascii;
namespace limits = dvb::notice::limits;

std::string phone(JsonReader& r, const Node& n, const char* key) {
  auto m = r.member(n, key, true);
  return m ? r.ascii(*m, Ascii::kPhone, 1, limits::kMaxPhoneLength,
                     "a phone number: 1 to 24 of 0-9 + - ( ) and space")
                 .value_or("")
           : "";
}

}  // namespace

void readDirectory(JsonReader& r, const Node& n, std::vector<ObjectInput>* out) {
  const size_t problems = r.problemCount();
  if (!r.object(n, {"id", "revision", "area", "hotline", "supervision_phone", "office_phone",
                    "office_address", "technician_name", "technician_staff_no", "charset"}) &&
      !n.value->is_object())
    return;
  dvb::notice::Directory d;
  const auto id = r.integerAt(n, "id", 0, 0xFFFFFFFF);
  const auto revision = r.integerAt(n, "revision", 1, 0xFFFFFFFF);
  if (auto m = r.member(n, "area", true))
    d.area.digits = r.ascii(*m, Ascii::kDigits, 1, 6,
                            "1 to 6 digits of an administrative division code (36, 3601, 360102)")
                        .value_or("");
  d.hotline = phone(r, n, "hotline");
  d.supervision_phone = phone(r, n, "supervision_phone");
  d.office_phone = phone(r, n, "office_phone");
  auto charset = dvb::text::Charset::Utf8;
  if (auto m = r.member(n, "charset", false)) charset = r.charset(*m).value_or(charset);
  if (auto m = r.member(n, "office_address", true))
    if (auto t = r.text(*m, charset, limits::kMaxAddressBytes)) d.office_address = *t;
  if (auto m = r.member(n, "technician_name", true))
    if (auto t = r.text(*m, charset, limits::kMaxNameBytes)) d.technician_name = *t;
  if (auto m = r.member(n, "technician_staff_no", true))
    d.technician_staff_no = r.ascii(*m, Ascii::kIdentifier, 1, limits::kMaxIdLength,
                                    "1 to 32 characters A-Z a-z 0-9 - _ . :")
                                .value_or("");
  if (r.problemCount() != problems || !id || !revision) return;
  appendObject(r, n, static_cast<uint32_t>(*id), static_cast<uint32_t>(*revision), d, out);
}

}  // namespace tools::notice
