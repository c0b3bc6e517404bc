#pragma once
// What the menu and a fault report may read about the box, and nothing
// more: the time, the notices and the directory the box holds, its
// identity, the service on screen and how healthy the stream has been.
// stb::Daemon provides it; tests give a fake instead of a whole daemon.
#include <cstdint>
#include <map>
#include <optional>

#include "dvb/mjd_time.h"
#include "dvb/notice/directory.h"
#include "dvb/notice/notice.h"
#include "dvb/tables/pat.h"
#include "dvb/tables/sdt.h"
#include "stb/held_notice.h"

namespace stb {

// Since the box started: transport-stream packets, their continuity
// errors, and sections dropped for a bad CRC_32.
struct StreamHealthFigures {
  uint64_t packets = 0;
  uint64_t continuity_errors = 0;
  uint64_t crc_errors = 0;
};

class BoxStatus {
 public:
  virtual ~BoxStatus() = default;

  // UTC now (the stream's TDT/TOT, or a synchronised system clock);
  // nullopt until the box knows it.
  virtual std::optional<dvb::UtcSeconds> utcNow() const = 0;
  // Minutes east of UTC for local times on screen: the TOT's, else the
  // configured fallback.
  virtual int localOffsetMinutes() const = 0;
  // Notices aimed at this box, not cancelled, not ended; by notice id.
  virtual const std::map<uint32_t, HeldNotice>& heldNotices() const = 0;
  // The service directory of the box's area (hotline, office), if received.
  virtual const std::optional<dvb::notice::Directory>& directory() const = 0;
  virtual const dvb::notice::BoxIdentity& boxIdentity() const = 0;
  // The latest PAT and this transport stream's SDT: the service on screen.
  virtual const std::optional<dvb::Pat>& pat() const = 0;
  virtual const std::optional<dvb::Sdt>& sdt() const = 0;
  virtual StreamHealthFigures streamHealth() const = 0;
};

}  // namespace stb
