#pragma once
// Which service a fault report names: the first program of the PAT (a box
// on a file or UDP source shows that one), with the network id and the name
// from the SDT of this transport stream.
#include <optional>

#include "dvb/tables/pat.h"
#include "dvb/tables/sdt.h"
#include "stb/menu/report_body.h"

namespace stb::menu {

// An SDT whose transport_stream_id is not the PAT's (left from another
// multiplex) names nothing. Without a PAT, the SDT's first service.
ServiceIdentity serviceOnScreen(const std::optional<dvb::Pat>& pat,
                                const std::optional<dvb::Sdt>& sdt);

}  // namespace stb::menu
