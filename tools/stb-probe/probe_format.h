#pragma once
// stb-probe's two outputs: a human-readable summary and one JSON object with
// the stable keys documented in docs/stb-probe.md.
#include <string>

#include "tools/stb-probe/probe_report.h"

namespace tools {

std::string probeJson(const ProbeReport& report);
std::string probeText(const ProbeReport& report);

}  // namespace tools
