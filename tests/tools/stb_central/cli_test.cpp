// stb-central's command lines: what each command takes, and the usage error
// (exit 2) for anything else, before any database or certificate is opened.
#include "tools/stb-central/cli.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>

namespace tools::central {
namespace {

struct Outcome {
  int status = -1;
  std::string err;  // the first line only: the usage text follows it
};

Outcome run(const std::vector<std::string>& args) {
  char* text = nullptr;
  size_t size = 0;
  std::FILE* err = open_memstream(&text, &size);
  Outcome o;
  o.status = runCli(args, stdout, err);
  std::fclose(err);
  const std::string all(text, size);
  std::free(text);
  o.err = all.substr(0, all.find('\n'));
  return o;
}

TEST(CentralCli, UsageErrorsNameTheArgument) {
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
      {{}, "stb-central: no command"},
      {{"bogus"}, "stb-central: unknown command bogus"},
      {{"serve"}, "stb-central: --db is required"},
      {{"serve", "--db", "x.db", "--cert", "c.pem"}, "stb-central: --key is required"},
      {{"serve", "--db", "x.db", "--db", "y.db"}, "stb-central: --db given twice"},
      {{"serve", "--db"}, "stb-central: --db needs a value"},
      {{"serve", "--bogus"}, "stb-central: unknown option --bogus"},
      {{"serve", "extra", "--bogus"}, "stb-central: unknown option --bogus"},
      {{"serve", "extra", "--db", "x.db"}, "stb-central: unexpected argument extra"},
      {{"serve", "--db", "x", "--cert", "c", "--key", "k", "--ca", "a", "--listen", "1.2.3"},
       "stb-central: --listen must be IPV4:PORT, e.g. 127.0.0.1:8443"},
      {{"serve", "--db", "x", "--cert", "c", "--key", "k", "--ca", "a", "--hotline", "call"},
       "stb-central: --hotline must be a phone number"},
      {{"serve", "--db", "x", "--cert", "c", "--key", "k", "--ca", "a", "--refuse-with-retry-after",
        "soon"},
       "stb-central: --refuse-with-retry-after needs a number of seconds"},
      {{"tickets", "--db", "x.db", "extra"}, "stb-central: unexpected argument extra"},
      {{"return-visits", "--db", "x.db", "--bogus"}, "stb-central: unknown option --bogus"},
      {{"report", "--db", "x.db", "--json", "T1"}, "stb-central: unknown option --json"},
      {{"report", "--db", "x.db"}, "stb-central: report needs one TICKET"},
      {{"set-status", "--db", "x.db", "T1"}, "stb-central: set-status needs TICKET STATUS"},
      {{"set-status", "--db", "x.db", "T1", "bogus"}, "stb-central: unknown status bogus"},
  };
  for (const auto& [args, want] : cases) {
    const Outcome o = run(args);
    std::string line;
    for (const std::string& a : args) line += a + " ";
    EXPECT_EQ(o.status, kExitUsage) << line;
    EXPECT_EQ(o.err, want) << line;
  }
}

TEST(CentralCli, AMissingDatabaseIsAFailureNotAUsageError) {
  const Outcome o = run({"tickets", "--json", "--db", "/nonexistent/x.db"});
  EXPECT_EQ(o.status, kExitFailure);
  EXPECT_EQ(o.err, "stb-central: /nonexistent/x.db: no such database");
}

}  // namespace
}  // namespace tools::central
