#pragma once
#include <memory>

// Turns the SI demux's callbacks into a ProbeReport.
#include "dvb/framing/ts_framer.h"
#include "dvb/notice/object_verifier.h"
#include "dvb/si_demux.h"
#include "dvb/table_gatherer.h"
#include "tools/stb-probe/probe_report.h"

namespace tools {

class ProbeCollector : public dvb::SiListener {
 public:
  ProbeCollector(const dvb::text::DecodeOptions& text, std::shared_ptr<dvb::notice::KeyRing> keys);

  void onPat(const dvb::Pat& pat) override;
  void onPmt(uint16_t pid, const dvb::Pmt& pmt) override;
  void onNit(const dvb::Nit& nit) override;
  void onSdt(const dvb::Sdt& sdt) override;
  void onTdt(const dvb::Tdt& tdt) override;
  void onTot(const dvb::Tot& tot) override;
  void onOtherSection(uint16_t pid, const dvb::Section& section) override;
  void onTableError(uint16_t pid, uint8_t table_id, const std::string& why) override;

  // A notice-protocol section read from a file of sections (no PID).
  void onObjectSection(const dvb::Section& section) { objects_.push(0, section); }

  // Copies the counters of the framer and demux into the report.
  void finish(const dvb::TsFramer& framer, const dvb::SiDemux& demux);

  ProbeReport& report() { return report_; }

 private:
  void onObjectTable(uint16_t pid, const std::vector<dvb::Section>& sections);

  dvb::text::DecodeOptions text_;
  ProbeReport report_;
  std::shared_ptr<dvb::notice::KeyRing> keys_;
  std::unique_ptr<dvb::notice::ObjectVerifier> verifier_;
  dvb::TableGatherer objects_;
};

}  // namespace tools
