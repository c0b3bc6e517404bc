#include "tools/stb-fleet/storm_figures.h"

#include <algorithm>
#include <cmath>
#include <deque>

namespace tools::fleet {

double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const auto rank = static_cast<size_t>(std::ceil(p / 100.0 * static_cast<double>(values.size())));
  return values[std::min(values.size() - 1, rank == 0 ? 0 : rank - 1)];
}

double peakPerSecond(const std::vector<Exchange>& exchanges) {
  std::deque<std::chrono::steady_clock::time_point> window;
  size_t peak = 0;
  for (const Exchange& e : exchanges) {  // in the order they finished
    if (e.http_status == 0) continue;
    window.push_back(e.finished);
    while (e.finished - window.front() >= std::chrono::seconds(1)) window.pop_front();
    peak = std::max(peak, window.size());
  }
  return static_cast<double>(peak);
}

}  // namespace tools::fleet
