#pragma once
#include <memory>

// Turns the SI demux's callbacks into a ProbeReport.
#include "dvb/framing/ts_framer.h"
#include "dvb/notice/object_verifier.h"
#include "dvb/si_demux.h"
#include "dvb/ts_packet.h"
#include "tools/stb-probe/probe_report.h"

namespace tools {

// The PID the notice sections of a file of sections are pushed to the demux
// on: the null PID, which no --pid or registration names. A file has no PIDs:
// its objects report PID 0, and its sections are no PID's.
constexpr uint16_t kFileObjectPid = dvb::kNullPid;

class ProbeCollector : public dvb::SiListener {
 public:
  ProbeCollector(const dvb::text::DecodeOptions& text, std::shared_ptr<dvb::notice::KeyRing> keys);

  // For SiDemuxOptions::gather: every notice object table on a private PID.
  bool gathers(uint16_t pid, uint8_t table_id);

  void onPat(const dvb::Pat& pat) override;
  void onPmt(uint16_t pid, const dvb::Pmt& pmt) override;
  void onNit(const dvb::Nit& nit) override;
  void onSdt(const dvb::Sdt& sdt) override;
  void onTdt(const dvb::Tdt& tdt) override;
  void onTot(const dvb::Tot& tot) override;
  void onPrivateTable(uint16_t pid, const std::vector<dvb::Section>& sections) override;
  void onOtherSection(uint16_t pid, const dvb::Section& section) override;
  void onTableError(uint16_t pid, uint8_t table_id, const std::string& why) override;

  // Copies the counters of the framer and demux into the report.
  void finish(const dvb::TsFramer& framer, const dvb::SiDemux& demux);

  ProbeReport& report() { return report_; }

 private:
  void countSection(uint16_t pid, uint8_t table_id);

  dvb::text::DecodeOptions text_;
  ProbeReport report_;
  std::shared_ptr<dvb::notice::KeyRing> keys_;
  std::unique_ptr<dvb::notice::ObjectVerifier> verifier_;
};

}  // namespace tools
