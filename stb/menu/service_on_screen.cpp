#include "stb/menu/service_on_screen.h"

namespace stb::menu {

ServiceIdentity serviceOnScreen(const std::optional<dvb::Pat>& pat,
                                const std::optional<dvb::Sdt>& sdt) {
  ServiceIdentity s;
  std::optional<uint16_t> sid;
  if (pat) {
    s.tsid = pat->transport_stream_id;
    for (const auto& p : pat->programs)
      if (p.program_number != 0) {
        sid = p.program_number;
        break;
      }
  }
  const bool sdt_fits = sdt && sdt->actual && (!pat || sdt->transport_stream_id == s.tsid);
  if (sdt_fits) {
    s.tsid = sdt->transport_stream_id;
    s.onid = sdt->original_network_id;
    if (!sid && !sdt->services.empty()) sid = sdt->services.front().service_id;
  }
  if (!sid) return s;
  s.sid = *sid;
  if (!sdt_fits) return s;
  for (const auto& service : sdt->services) {
    if (service.service_id != *sid) continue;
    // The name as the broadcaster wrote it, decoded to UTF-8 (EN 300 468
    // Annex A; a string without a selector byte is ISO 6937).
    if (const auto d = service.serviceDescriptor({})) s.name = d->service_name.utf8;
    break;
  }
  return s;
}

}  // namespace stb::menu
