// The one argument parser every program uses (stbd, the tools, the
// benchmarks): what it takes, what it leaves, and the words of its errors.
#include "platform/arg_cursor.h"

#include <gtest/gtest.h>

namespace platform {
namespace {

bool isPem(const std::string& s) {
  return s.size() > 4 && s.compare(s.size() - 4, 4, ".pem") == 0;
}

TEST(ArgCursor, ReadsFlagsOptionsAndPositionalsInAnyOrder) {
  ArgCursor a({"in.json", "--json", "--out", "x.ts", "-", "--key", "--odd"});
  std::vector<std::string> positional;
  std::string out, key;
  bool json = false;
  while (!a.done()) {
    std::string v;
    if (a.flag("--json")) {
      json = true;
    } else if (a.option("--out", &v)) {
      out = v;
    } else if (a.option("--key", &v)) {
      key = v;  // a value may look like an option
    } else {
      ASSERT_TRUE(a.positional(&v)) << a.unexpected();
      positional.push_back(v);
    }
  }
  EXPECT_TRUE(json);
  EXPECT_EQ(out, "x.ts");
  EXPECT_EQ(key, "--odd");
  EXPECT_EQ(positional, (std::vector<std::string>{"in.json", "-"}));
}

TEST(ArgCursor, TakesAProgramsArgvWithoutItsName) {
  const char* argv[] = {"stbd", "--config", "box.conf"};
  ArgCursor a(3, argv);
  std::string v;
  EXPECT_FALSE(a.is("stbd"));
  EXPECT_TRUE(a.option("--config", &v));
  EXPECT_EQ(v, "box.conf");
  EXPECT_TRUE(a.done());
}

TEST(ArgCursor, ErrorsNameTheArgument) {
  std::string v;
  ArgCursor unknown({"--bogus"});
  EXPECT_FALSE(unknown.positional(&v));
  EXPECT_FALSE(unknown.flag("--json"));
  EXPECT_FALSE(unknown.done());
  EXPECT_EQ(unknown.unexpected(), "unexpected argument --bogus");
  EXPECT_EQ(unknown.unknownOption(), "unknown option --bogus");

  ArgCursor last({"--out"});
  EXPECT_FALSE(last.option("--out", &v));
  EXPECT_FALSE(last.done());
  EXPECT_EQ(last.unexpected(), "--out needs a value");
  EXPECT_EQ(last.unknownOption(), "--out needs a value");
}

TEST(ArgCursor, OnlyAnOptionAskedForNeedsAValue) {
  // "--bogus" last is unknown, not short of a value.
  ArgCursor a({"--bogus"});
  std::string v;
  EXPECT_FALSE(a.option("--out", &v));
  EXPECT_EQ(a.unexpected(), "unexpected argument --bogus");
}

TEST(ArgCursor, ListTakesEveryAcceptedArgument) {
  ArgCursor a({"--trust", "a.pem", "b.pem", "in.ts", "--trust", "c.pem"});
  std::vector<std::string> files;
  std::string v;
  EXPECT_TRUE(a.list("--trust", isPem, "FILE.pem", &files));
  EXPECT_TRUE(a.positional(&v));
  EXPECT_TRUE(a.list("--trust", isPem, "FILE.pem", &files));
  EXPECT_TRUE(a.done());
  EXPECT_EQ(files, (std::vector<std::string>{"a.pem", "b.pem", "c.pem"}));
  EXPECT_EQ(v, "in.ts");
}

TEST(ArgCursor, AListWithNothingItTakesSaysWhatItWants) {
  std::vector<std::string> files;
  ArgCursor wrong({"--trust", "key.txt"});
  EXPECT_FALSE(wrong.list("--trust", isPem, "FILE.pem", &files));
  EXPECT_EQ(wrong.unexpected(), "--trust needs one or more FILE.pem");
  ArgCursor last({"--root"});
  EXPECT_FALSE(last.list("--root", isPem, "FILE.pem", &files));
  EXPECT_EQ(last.unexpected(), "--root needs a value");
  EXPECT_TRUE(files.empty());
}

TEST(ArgCursor, AtTheEndNothingIsUnexpected) {
  ArgCursor a(std::vector<std::string>{});
  EXPECT_TRUE(a.done());
  EXPECT_EQ(a.unexpected(), "missing argument");
}

}  // namespace
}  // namespace platform
