// tools/web/html.h and layout.h: data never becomes markup.
#include <gtest/gtest.h>

#include "tools/web/html.h"
#include "tools/web/layout.h"
#include "tools/web/web_types.h"

namespace tools::web {
namespace {

TEST(WebHtml, EscapesEveryMarkupCharacter) {
  EXPECT_EQ(escapeHtml(R"(<script>alert("x&'y")</script>)"),
            "&lt;script&gt;alert(&quot;x&amp;&#39;y&quot;)&lt;/script&gt;");
  EXPECT_EQ(escapeHtml("王丽 ñ"), "王丽 ñ");
}

TEST(WebHtml, ControlsEscapeNamesValuesAndLabels) {
  EXPECT_EQ(hiddenInput("csrf", "a\"><b"),
            R"(<input type="hidden" name="csrf" value="a&quot;&gt;&lt;b">)");
  const std::string select =
      selectInput("Status", "status", {{"", "all"}, {"resolved", "<Resolved>"}}, "resolved");
  EXPECT_NE(select.find(R"(<option value="resolved" selected>&lt;Resolved&gt;</option>)"),
            std::string::npos);
  EXPECT_NE(select.find(R"(<option value="">all</option>)"), std::string::npos);
  EXPECT_EQ(link("/q?a=1&b=2", "x<y"), R"(<a href="/q?a=1&amp;b=2">x&lt;y</a>)");
}

TEST(WebLayout, PageEscapesItsTextsAndKeepsItsHtml) {
  Page p;
  p.lang_tag = "zh";
  p.title = "队列 <1>";
  p.site_name = "Desk";
  p.user_line = "wang<li>";
  p.nav = {{"/console/queue", "Queue", true}, {"/console/dashboard", "Dash", false}};
  p.languages = {{"?lang=zho", "中文"}, {"?lang=spa", "Español"}};
  p.current_language_name = "中文";
  p.notice = "done & dusted";
  p.content_html = "<table id=\"t\"></table>";
  const std::string html = renderPage(p);
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n<html lang=\"zh\">", 0), 0u);
  EXPECT_NE(html.find("<h1>队列 &lt;1&gt;</h1>"), std::string::npos);
  EXPECT_NE(html.find("wang&lt;li&gt;"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"/console/queue\" class=\"current\">Queue</a>"), std::string::npos);
  EXPECT_NE(html.find("<strong>中文</strong>"), std::string::npos);
  EXPECT_NE(html.find("<a href=\"?lang=spa\">Español</a>"), std::string::npos);
  EXPECT_NE(html.find("<p class=\"notice\">done &amp; dusted</p>"), std::string::npos);
  EXPECT_NE(html.find("<table id=\"t\"></table>"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
}

TEST(WebTypes, ResponsesCarryTypeAndSafetyHeaders) {
  const Response page = Response::html(200, "<p>x</p>");
  auto has = [](const Response& r, const std::string& name, const std::string& value) {
    for (const auto& [n, v] : r.headers)
      if (n == name && v == value) return true;
    return false;
  };
  EXPECT_TRUE(has(page, "Content-Type", "text/html; charset=utf-8"));
  EXPECT_TRUE(has(page, "Cache-Control", "no-store"));
  EXPECT_TRUE(has(page, "X-Frame-Options", "DENY"));
  const Response moved = Response::redirect("/console/queue");
  EXPECT_EQ(moved.status, 303);
  EXPECT_TRUE(has(moved, "Location", "/console/queue"));
  const Response csv = Response::csv("a,b\n", "x.csv");
  EXPECT_TRUE(has(csv, "Content-Disposition", "attachment; filename=\"x.csv\""));
}

}  // namespace
}  // namespace tools::web
