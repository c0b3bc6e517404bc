#pragma once
// Figures over the fleet's exchanges and reports: percentiles and the
// busiest second.
#include <vector>

#include "tools/stb-fleet/fleet_http.h"

namespace tools::fleet {

// The P-th percentile (0-100) of VALUES (nearest rank); 0 when empty.
double percentile(std::vector<double> values, double p);
// Answered exchanges in the busiest one-second window of real time.
double peakPerSecond(const std::vector<Exchange>& exchanges);

}  // namespace tools::fleet
