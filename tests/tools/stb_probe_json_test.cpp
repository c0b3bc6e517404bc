// stb-probe --json stays valid JSON whatever bytes its strings carry (a file
// name is any bytes; a service name comes off the air).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tools/stb-probe/probe_format.h"

namespace tools {
namespace {

nlohmann::json parsed(const ProbeReport& r) {
  const std::string text = probeJson(r);
  EXPECT_TRUE(nlohmann::json::accept(text)) << text;
  return nlohmann::json::parse(text, nullptr, false);
}

TEST(StbProbeJson, AFileNameThatIsNotUtf8BecomesAReplacementCharacter) {
  ProbeReport r;
  r.source = "file bad\xff.ts";
  EXPECT_EQ(parsed(r).value("source", ""), "file bad\xef\xbf\xbd.ts");
}

TEST(StbProbeJson, ControlCharactersAndQuotesRoundTrip) {
  ProbeReport r;
  r.source = std::string("file a\"b\\c\x01\x08\x0c\t\n\x1f") + "\xe5\x8d\x97.ts";
  EXPECT_EQ(parsed(r).value("source", ""), r.source);
  // UTF-8 is printed as it is, not as \u escapes.
  EXPECT_NE(probeJson(r).find("\xe5\x8d\x97.ts"), std::string::npos);
}

}  // namespace
}  // namespace tools
