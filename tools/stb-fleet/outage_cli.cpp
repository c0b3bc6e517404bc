#include <cstdio>
#include <cstdlib>
#include <map>

#include "tools/stb-fleet/cli.h"
#include "tools/stb-fleet/outage.h"

namespace tools::fleet {
namespace {

const char kUsage[] =
    "usage: stb-fleet outage --central-bin STB-CENTRAL --pki DIR --work DIR\n"
    "                 [--boxes 20000] [--share 0.05] [--report-anyway 0.15] [--seed 1]\n"
    "                 [--confirm-at-min 10] [--resolve-at-min 180] [--restore-at-min 240]\n"
    "                 [--notice-interval-s 5] [--area 360102]\n"
    "                 [--db postgresql:...] [--instances 1]\n"
    "  DIR (--pki) is made by scripts/make-test-pki (ca, server); --work must exist.\n";

int usage(const std::string& why) {
  std::fprintf(stderr, "stb-fleet: %s\n%s", why.c_str(), kUsage);
  return 2;
}

}  // namespace

int runOutageCli(const std::vector<std::string>& args) {
  std::map<std::string, std::string> v;
  for (size_t i = 1; i < args.size(); i += 2) {
    if (args[i].rfind("--", 0) != 0 || i + 1 >= args.size())
      return usage("option " + args[i] + " needs a value");
    v[args[i].substr(2)] = args[i + 1];
  }
  const auto take = [&v](const char* name) {
    auto it = v.find(name);
    std::string s = it == v.end() ? "" : it->second;
    if (it != v.end()) v.erase(it);
    return s;
  };
  const auto num = [&take](const char* name, double fallback) {
    const std::string s = take(name);
    return s.empty() ? fallback : std::atof(s.c_str());
  };
  OutageConfig c;
  c.central_binary = take("central-bin");
  c.pki_dir = take("pki");
  c.work_dir = take("work");
  c.db = take("db");
  if (c.central_binary.empty() || c.pki_dir.empty() || c.work_dir.empty())
    return usage("--central-bin, --pki and --work are required");
  const std::string area = take("area");
  if (!area.empty()) c.area_code = area;
  c.boxes = static_cast<int>(num("boxes", c.boxes));
  c.report_share = num("share", c.report_share);
  c.report_anyway = num("report-anyway", c.report_anyway);
  c.seed = static_cast<uint64_t>(num("seed", 1));
  c.confirm_at_ms = static_cast<int64_t>(num("confirm-at-min", 10) * 60'000);
  c.resolve_at_ms = static_cast<int64_t>(num("resolve-at-min", 180) * 60'000);
  c.expected_restore_ms = static_cast<int64_t>(num("restore-at-min", 240) * 60'000);
  c.notice_interval_ms = static_cast<int64_t>(num("notice-interval-s", 5) * 1000);
  c.instances = static_cast<int>(num("instances", 1));
  if (!v.empty()) return usage("unknown option --" + v.begin()->first);
  if (c.boxes < 1 || c.boxes > 16'000'000 || c.report_share <= 0 || c.report_share > 1 ||
      c.report_anyway < 0 || c.report_anyway > 1)
    return usage("--boxes must be 1..16000000, --share in (0, 1], --report-anyway in [0, 1]");
  if (c.confirm_at_ms >= c.resolve_at_ms || c.resolve_at_ms >= c.expected_restore_ms ||
      c.notice_interval_ms < 1)
    return usage("confirm < resolve < restore, and a notice interval of 1 ms or more");
  if (c.instances < 1 || c.instances > 16) return usage("--instances must be 1..16");
  if (c.instances > 1 && !isPostgres(c.db))
    return usage("--instances above 1 needs --db postgresql:...");

  OutageResult r;
  std::string error;
  if (!runOutage(c, &r, &error)) {
    std::fprintf(stderr, "stb-fleet: %s\n", error.c_str());
    return 1;
  }
  std::fputs(describe(c, r).c_str(), stdout);
  const bool ok = held(r);
  std::fputs(ok ? "held: yes\n" : "held: NO\n", stdout);
  return ok ? 0 : 1;
}

}  // namespace tools::fleet
