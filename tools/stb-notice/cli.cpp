#include "tools/stb-notice/cli.h"

#include <ctime>

#include "platform/arg_cursor.h"
#include "platform/arg_values.h"
#include "tools/stb-notice/cli_values.h"
#include "tools/stb-notice/crossing_time.h"
#include "tools/stb-notice/keygen.h"
#include "tools/stb-notice/verify.h"
#include "tools/stb-notice/verify_print.h"

namespace tools::notice {
namespace {

using platform::ArgCursor;

const char kUsage[] =
    "usage: stb-notice keygen --out DIR [--algorithm ed25519|p256] [--name NAME]\n"
    "       stb-notice build INPUT.json... --key PRIV.pem --out FILE.bin|FILE.ts|udp://G:P "
    "[options]\n"
    "       stb-notice verify SOURCE --trust PUB.pem... [--root ROOT.pub.pem...] [--pid PID] "
    "[--json]\n"
    "Run a subcommand with --help for its options; docs/operator-guide.md has examples.\n";

const char kKeygenUsage[] =
    "usage: stb-notice keygen --out DIR [--algorithm ed25519|p256] [--name NAME]\n"
    "  writes DIR/NAME.key.pem (private, mode 0600) and DIR/NAME.pub.pem, prints the key id\n"
    "  --algorithm  ed25519 (default) or p256 (ECDSA P-256)\n"
    "  --name       file name stem (default operator); existing keys are never overwritten\n";

const char kVerifyUsage[] =
    "usage: stb-notice verify SOURCE --trust PUB.pem... [--root ROOT.pub.pem...] [--pid PID] "
    "[--now UTC] [--json]\n"
    "  SOURCE   a transport stream (notice PID from PAT/PMT, registration \"STBN\") or a .bin\n"
    "           file of sections\n"
    "  --trust  signing keys the boxes hold (one or more .pem files)\n"
    "  --root   root keys the boxes hold (verify key lists)\n"
    "  --pid    read the notices on this PID instead of looking in the PMT\n"
    "  --now    judge notices ended at this time (default: the stream's TDT/TOT, as a box\n"
    "           does; for a .bin or a stream without them, this computer's clock)\n"
    "  --json   one JSON object on stdout\n"
    "  --crawl-limit D    warn when a text's crawl takes longer than D to cross the screen\n"
    "                     (default 60s; on stderr with --json)\n"
    "  --crawl-speed PX   the boxes' crawl speed in pixels per second (default 120)\n"
    "  exit status: 0 everything verified, 1 something rejected (a notice that has ended too)\n"
    "  or nothing found, 2 usage\n";

bool isPem(const std::string& s) {
  return s.size() > 4 && s[0] != '-' && s.compare(s.size() - 4, 4, ".pem") == 0;
}

}  // namespace

int usageError(std::FILE* err, const std::string& why, const char* usage) {
  std::fprintf(err, "stb-notice: %s\n%s", why.c_str(), usage);
  return kExitUsage;
}

int runCli(const std::vector<std::string>& args, std::FILE* out, std::FILE* err) {
  if (args.empty()) return usageError(err, "no subcommand", kUsage);
  const std::string& command = args[0];
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  if (command == "keygen") return runKeygenCli(rest, out, err);
  if (command == "build") return runBuildCli(rest, out, err);
  if (command == "verify") return runVerifyCli(rest, out, err);
  if (command == "--help" || command == "-h" || command == "help") {
    std::fputs(kUsage, out);
    return kExitOk;
  }
  return usageError(err, "unknown subcommand " + command, kUsage);
}

int runKeygenCli(const std::vector<std::string>& args, std::FILE* out, std::FILE* err) {
  KeygenOptions options;
  ArgCursor a(args);
  while (!a.done()) {
    std::string value;
    if (a.flag("--help") || a.flag("-h")) {
      std::fputs(kKeygenUsage, out);
      return kExitOk;
    } else if (a.option("--out", &value)) {
      options.dir = value;
    } else if (a.option("--name", &value)) {
      options.name = value;
    } else if (a.option("--algorithm", &value)) {
      const auto algorithm = algorithmFromName(value);
      if (!algorithm) return usageError(err, "--algorithm must be ed25519 or p256", kKeygenUsage);
      options.algorithm = *algorithm;
    } else {
      return usageError(err, a.unexpected(), kKeygenUsage);
    }
  }
  if (options.dir.empty()) return usageError(err, "--out DIR is required", kKeygenUsage);
  std::string error;
  const auto r = generateKeyPair(options, &error);
  if (!r) {
    std::fprintf(err, "stb-notice: %s\n", error.c_str());
    return kExitFailure;
  }
  std::fprintf(out,
               "private key %s (mode 0600; keep it off the boxes and off the network)\n"
               "public key  %s (give it to the boxes)\n"
               "key id      %s (%s)\n",
               r->private_path.c_str(), r->public_path.c_str(), r->key_id.c_str(),
               algorithmName(options.algorithm));
  return kExitOk;
}

int runVerifyCli(const std::vector<std::string>& args, std::FILE* out, std::FILE* err) {
  VerifyOptions options;
  CrossingLimit crossing;
  bool json = false;
  ArgCursor a(args);
  while (!a.done()) {
    std::string value;
    if (a.flag("--help") || a.flag("-h")) {
      std::fputs(kVerifyUsage, out);
      return kExitOk;
    } else if (a.flag("--json")) {
      json = true;
    } else if (crawlOption(a, &crossing, &value)) {
      if (!value.empty()) return usageError(err, value, kVerifyUsage);
    } else if (a.list("--trust", isPem, "FILE.pem", &options.trust) ||
               a.list("--root", isPem, "FILE.pem", &options.root)) {
      // the files are in options.trust or options.root
    } else if (a.option("--pid", &value)) {
      const auto pid = platform::parseUnsigned(value, 0x0020, 0x1FFE);
      if (!pid) return usageError(err, "--pid must be 0x0020..0x1FFE", kVerifyUsage);
      options.pid = static_cast<uint16_t>(*pid);
    } else if (a.option("--now", &value)) {
      const auto now = parseUtc(value);
      if (!now) return usageError(err, "--now wants UTC like 2026-11-29T08:00:00Z", kVerifyUsage);
      options.now = *now;
    } else if (options.source.empty() && a.positional(&value)) {
      options.source = value;
    } else {
      return usageError(err, a.unexpected(), kVerifyUsage);
    }
  }
  if (options.source.empty()) return usageError(err, "no SOURCE given", kVerifyUsage);
  if (options.trust.empty() && options.root.empty())
    return usageError(err, "give the keys to trust with --trust (and --root)", kVerifyUsage);
  VerifyReport report;
  std::string error;
  if (!runVerify(options, &report, &error)) {
    std::fprintf(err, "stb-notice: %s\n", error.c_str());
    return kExitUsage;
  }
  const std::string text = json ? verifyJson(report) : verifyText(report);
  std::fwrite(text.data(), 1, text.size(), out);
  const std::string warnings = crossingReport(report, crossing);
  std::fputs(warnings.c_str(), json ? err : out);
  return report.ok() ? kExitOk : kExitFailure;
}

}  // namespace tools::notice
