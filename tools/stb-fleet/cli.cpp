#include "tools/stb-fleet/cli.h"

#include <cstdio>
#include <cstdlib>
#include <map>

#include "tools/stb-fleet/fee_carousel.h"
#include "tools/stb-fleet/storm.h"

namespace tools::fleet {
namespace {

const char kUsage[] =
    "usage: stb-fleet storm --central-bin STB-CENTRAL --pki DIR --work DIR\n"
    "                 [--boxes 2000] [--share 0.25] [--seed 1] [--down-at-min 10]\n"
    "                 [--down-for-min 30] [--refuse-for-min 5] [--retry-after 120]\n"
    "                 [--max-pending N] [--filing-min 60]\n"
    "  --max-pending: the server sheds by itself (with --refuse-for-min 0 it is never\n"
    "  told to refuse); --filing-min: the reports come over this many minutes.\n"
    "                 [--db postgresql:...] [--instances 1]\n"
    "  DIR (--pki) is made by scripts/make-test-pki (ca, server); --work must exist.\n";

int usage(const std::string& why) {
  std::fprintf(stderr, "stb-fleet: %s\n%s", why.c_str(), kUsage);
  return 2;
}

}  // namespace

int runCli(const std::vector<std::string>& args) {
  // The fee carousel has its own options (fee_carousel.cpp).
  if (!args.empty() && args[0] == "fee-carousel") return feeCarouselCommand(args);
  if (!args.empty() && args[0] == "outage") return runOutageCli(args);
  if (args.empty() || args[0] != "storm")
    return usage("the scenario must be `storm`, `outage` or `fee-carousel`");
  std::map<std::string, std::string> v;
  for (size_t i = 1; i < args.size(); i += 2) {
    if (args[i].rfind("--", 0) != 0 || i + 1 >= args.size())
      return usage("option " + args[i] + " needs a value");
    v[args[i].substr(2)] = args[i + 1];
  }
  StormConfig c;
  const auto take = [&v](const char* name) {
    auto it = v.find(name);
    std::string s = it == v.end() ? "" : it->second;
    if (it != v.end()) v.erase(it);
    return s;
  };
  c.central_binary = take("central-bin");
  c.pki_dir = take("pki");
  c.work_dir = take("work");
  c.db = take("db");
  if (c.central_binary.empty() || c.pki_dir.empty() || c.work_dir.empty())
    return usage("--central-bin, --pki and --work are required");
  const auto num = [&take](const char* name, double fallback) {
    const std::string s = take(name);
    return s.empty() ? fallback : std::atof(s.c_str());
  };
  c.boxes = static_cast<int>(num("boxes", c.boxes));
  c.report_share = num("share", c.report_share);
  c.seed = static_cast<uint64_t>(num("seed", 1));
  c.down_at_ms = static_cast<int64_t>(num("down-at-min", 10) * 60'000);
  c.down_for_ms = static_cast<int64_t>(num("down-for-min", 30) * 60'000);
  c.refuse_for_ms = static_cast<int64_t>(num("refuse-for-min", 5) * 60'000);
  c.retry_after_s = static_cast<int>(num("retry-after", c.retry_after_s));
  if (const double n = num("max-pending", -1); n >= 0) c.max_pending = static_cast<int>(n);
  c.filing_span_ms = static_cast<int64_t>(num("filing-min", 60) * 60'000);
  c.instances = static_cast<int>(num("instances", 1));
  if (c.instances < 1 || c.instances > 16) return usage("--instances must be 1..16");
  if (c.instances > 1 && !isPostgres(c.db))
    return usage("--instances above 1 needs --db postgresql:...");
  if (!v.empty()) return usage("unknown option --" + v.begin()->first);
  if (c.boxes < 1 || c.boxes > 16'000'000 || c.report_share <= 0 || c.report_share > 1)
    return usage("--boxes must be 1..16000000 and --share in (0, 1]");
  if (c.filing_span_ms < 1) return usage("--filing-min must be above 0");

  StormResult r;
  std::string error;
  if (!runStorm(c, &r, &error)) {
    std::fprintf(stderr, "stb-fleet: %s\n", error.c_str());
    return 1;
  }
  std::fputs(describe(c, r).c_str(), stdout);
  const bool held = r.delivered == r.filed && r.tickets.tickets == r.filed &&
                    r.tickets.distinct_reports == r.filed && r.early == 0 &&
                    r.before_retry_after == 0;
  std::fputs(held ? "held: yes\n" : "held: NO\n", stdout);
  return held ? 0 : 1;
}

}  // namespace tools::fleet
