// tools/web/form.h and cookies.h: decoding what browsers send, with limits.
#include <gtest/gtest.h>

#include "tools/web/cookies.h"
#include "tools/web/form.h"

namespace tools::web {
namespace {

TEST(WebForm, DecodesPlusPercentAndRepeatedNames) {
  Form f;
  std::string error;
  ASSERT_TRUE(parseForm("status=accepted&q=a+b%2Bc&area=&area=A02&&lone", {}, &f, &error)) << error;
  EXPECT_EQ(f.value("status"), "accepted");
  EXPECT_EQ(f.value("q"), "a b+c");
  EXPECT_EQ(f.get("area"), std::optional<std::string>(""));  // the first one
  EXPECT_EQ(f.get("lone"), std::optional<std::string>(""));
  EXPECT_FALSE(f.get("missing"));
  EXPECT_EQ(f.fields().size(), 5u);
}

TEST(WebForm, DecodesUtf8) {
  Form f;
  std::string error;
  ASSERT_TRUE(parseForm("name=%E7%8E%8B%E4%B8%BD&es=%C3%B1", {}, &f, &error)) << error;
  EXPECT_EQ(f.value("name"), "王丽");
  EXPECT_EQ(f.value("es"), "ñ");
}

TEST(WebForm, RefusesBadInput) {
  const std::pair<const char*, const char*> cases[] = {
      {"a=%4", "truncated escape"},
      {"a=%zz", "non-hex escape"},
      {"a=%00", "NUL"},
      {"a=%C3", "cut UTF-8"},
      {"a=%C0%AF", "overlong UTF-8"},
      {"a=%ED%A0%80", "surrogate"},
      {"a=%1B%5B31m", "escape sequence"},
      {"a=%FF", "invalid byte"},
  };
  for (const auto& [text, why] : cases) {
    Form f;
    std::string error;
    EXPECT_FALSE(parseForm(text, {}, &f, &error)) << why;
    EXPECT_FALSE(error.empty()) << why;
  }
}

TEST(WebForm, HoldsItsLimits) {
  FormLimits limits;
  limits.max_bytes = 100;
  limits.max_fields = 3;
  limits.max_value = 10;
  Form f;
  std::string error;
  EXPECT_FALSE(parseForm(std::string(101, 'a'), limits, &f, &error));
  EXPECT_NE(error.find("100 bytes"), std::string::npos);
  EXPECT_FALSE(parseForm("a=1&b=2&c=3&d=4", limits, &f, &error));
  EXPECT_NE(error.find("3 form fields"), std::string::npos);
  EXPECT_FALSE(parseForm("a=12345678901", limits, &f, &error));
  EXPECT_TRUE(parseForm("a=1234567890&b=2&c=3", limits, &f, &error)) << error;
}

TEST(WebForm, PercentEncodeRoundTrips) {
  const std::string text = "T20261204-000001 & 王/?=";
  EXPECT_EQ(percentEncode("a b/c"), "a%20b%2Fc");
  EXPECT_EQ(percentDecode(percentEncode(text)), std::optional<std::string>(text));
}

TEST(WebCookies, ReadsTheNamedCookie) {
  EXPECT_EQ(cookieValue("lang=spa; stb_session=abc123", "stb_session"),
            std::optional<std::string>("abc123"));
  EXPECT_EQ(cookieValue("x_stb_session=no;stb_session=\"q\"", "stb_session"),
            std::optional<std::string>("q"));
  EXPECT_FALSE(cookieValue("lang=spa", "stb_session"));
  EXPECT_FALSE(cookieValue("", "stb_session"));
}

TEST(WebCookies, WritesSafeAttributesAndRefusesUnsafeValues) {
  CookieOptions o;
  o.path = "/console/";
  o.max_age_seconds = 1800;
  EXPECT_EQ(setCookie("stb_session", "ab12", o),
            "stb_session=ab12; Path=/console/; Max-Age=1800; HttpOnly; Secure; SameSite=Strict");
  EXPECT_EQ(setCookie("s", "a;b", o), "");
  EXPECT_EQ(setCookie("s", "a\r\nSet-Cookie: x=1", o), "");
}

}  // namespace
}  // namespace tools::web
