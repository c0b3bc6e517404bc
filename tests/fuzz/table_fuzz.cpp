// libFuzzer target: arbitrary bytes as one section, through every table
// decoder; what decodes must encode and decode again to the same values.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <vector>

#include "dvb/tables/nit.h"
#include "dvb/tables/pat.h"
#include "dvb/tables/pmt.h"
#include "dvb/tables/sdt.h"
#include "dvb/tables/tdt.h"
#include "dvb/tables/tot.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string error;
  auto section = dvb::Section::fromBytes(std::vector<uint8_t>(data, data + size), &error);
  if (!section) return 0;
  const std::vector<dvb::Section> table = {*section};
  if (auto pat = dvb::Pat::decode(table, &error)) {
    auto again = dvb::Pat::decode(pat->encode(), &error);
    if (!again || !(again->programs == pat->programs)) std::abort();
  }
  if (auto pmt = dvb::Pmt::decode(table, &error)) {
    if (!dvb::Pmt::decode(pmt->encode(), &error)) std::abort();
  }
  if (auto nit = dvb::Nit::decode(table, &error)) nit->networkName({});
  if (auto sdt = dvb::Sdt::decode(table, &error))
    for (const auto& svc : sdt->services) svc.serviceDescriptor({});
  if (auto tdt = dvb::Tdt::decode(table, &error)) {
    auto again = dvb::Tdt::decode(tdt->encode(), &error);
    if (!again || again->utc != tdt->utc) std::abort();
  }
  if (auto tot = dvb::Tot::decode(table, &error)) tot->localTimeOffsets();
  return 0;
}
