#include "tests/bench/bare_libdvbpsi.h"

#include <fcntl.h>
#include <unistd.h>

#include <vector>

// libdvbpsi's headers need dvbpsi.h and psi.h first.
extern "C" {
#include <dvbpsi/dvbpsi.h>
#include <dvbpsi/psi.h>

#include <dvbpsi/demux.h>
#include <dvbpsi/descriptor.h>
#include <dvbpsi/eit.h>
#include <dvbpsi/nit.h>
#include <dvbpsi/pat.h>
#include <dvbpsi/sdt.h>
#include <dvbpsi/tot.h>
}

namespace bench {
namespace {

void onPat(void* data, dvbpsi_pat_t* pat) {
  ++static_cast<BareCounts*>(data)->pats;
  dvbpsi_pat_delete(pat);
}
void onNit(void* data, dvbpsi_nit_t* nit) {
  ++static_cast<BareCounts*>(data)->nits;
  dvbpsi_nit_delete(nit);
}
void onSdt(void* data, dvbpsi_sdt_t* sdt) {
  ++static_cast<BareCounts*>(data)->sdts;
  dvbpsi_sdt_delete(sdt);
}
void onEit(void* data, dvbpsi_eit_t* eit) {
  ++static_cast<BareCounts*>(data)->eits;
  dvbpsi_eit_delete(eit);
}
void onTot(void* data, dvbpsi_tot_t* tot) {
  ++static_cast<BareCounts*>(data)->times;
  dvbpsi_tot_delete(tot);
}

// libdvbpsi's demux calls this for every new (table_id, extension) seen.
void onNewTable(dvbpsi_t* h, uint8_t table_id, uint16_t extension, void* data) {
  if (table_id == 0x40 || table_id == 0x41) dvbpsi_nit_attach(h, table_id, extension, onNit, data);
  if (table_id == 0x42 || table_id == 0x46) dvbpsi_sdt_attach(h, table_id, extension, onSdt, data);
  if (table_id >= 0x4E && table_id <= 0x6F) dvbpsi_eit_attach(h, table_id, extension, onEit, data);
  if (table_id == 0x70 || table_id == 0x73) dvbpsi_tot_attach(h, table_id, extension, onTot, data);
}

dvbpsi_t* newDemux(BareCounts* counts) {
  dvbpsi_t* h = dvbpsi_new(nullptr, DVBPSI_MSG_NONE);
  dvbpsi_AttachDemux(h, onNewTable, counts);
  return h;
}

}  // namespace

bool runBareLibdvbpsi(const std::string& path, BareCounts* counts, std::string* error) {
  const int fd = open(path.c_str(), O_RDONLY);
  if (fd < 0) {
    *error = "cannot open " + path;
    return false;
  }
  dvbpsi_t* pat = dvbpsi_new(nullptr, DVBPSI_MSG_NONE);
  dvbpsi_pat_attach(pat, onPat, counts);
  dvbpsi_t* nit = newDemux(counts);
  dvbpsi_t* sdt = newDemux(counts);
  dvbpsi_t* eit = newDemux(counts);
  dvbpsi_t* tdt = newDemux(counts);
  std::vector<uint8_t> buffer(188 * 5577);  // ~1 MiB of whole packets
  ssize_t n;
  while ((n = read(fd, buffer.data(), buffer.size())) > 0) {
    for (ssize_t i = 0; i + 188 <= n; i += 188) {
      uint8_t* p = buffer.data() + i;
      const uint16_t pid = static_cast<uint16_t>(((p[1] & 0x1F) << 8) | p[2]);
      switch (pid) {
        case 0x00:
          dvbpsi_packet_push(pat, p);
          break;
        case 0x10:
          dvbpsi_packet_push(nit, p);
          break;
        case 0x11:
          dvbpsi_packet_push(sdt, p);
          break;
        case 0x12:
          dvbpsi_packet_push(eit, p);
          break;
        case 0x14:
          dvbpsi_packet_push(tdt, p);
          break;
        default:
          break;
      }
    }
  }
  close(fd);
  dvbpsi_pat_detach(pat);
  dvbpsi_delete(pat);
  for (dvbpsi_t* h : {nit, sdt, eit, tdt}) {
    dvbpsi_DetachDemux(h);
    dvbpsi_delete(h);
  }
  return true;
}

}  // namespace bench
