#include "tools/web/layout.h"

#include "tools/web/html.h"

namespace tools::web {
namespace {

// Plain and readable: system fonts (with CJK ones named), a narrow palette,
// tables that scroll sideways on a small screen. Rows a page marks
// class="overdue" or class="due-soon" stand out, with a text mark too for
// those who cannot tell the colours apart.
const char kStyle[] = R"css(
*{box-sizing:border-box}
body{margin:0;font:15px/1.45 system-ui,"Noto Sans CJK SC","WenQuanYi Micro Hei",sans-serif;color:#1d2126;background:#f6f7f9}
header{background:#1f3a5f;color:#fff;padding:.5rem 1rem;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem;align-items:center}
header a{color:#fff}
header .site{font-weight:700}
header nav a{margin-right:.9rem;text-decoration:none;border-bottom:2px solid transparent}
header nav a.current{border-bottom-color:#ffd166}
header .user{margin-left:auto}
header form{display:inline}
header button{background:none;border:1px solid #fff;color:#fff;padding:.1rem .5rem;cursor:pointer}
main{padding:1rem;max-width:1400px}
h1{font-size:1.35rem;margin:.2rem 0 .8rem}
h2{font-size:1.1rem;margin:1.2rem 0 .5rem}
.notice{background:#e3f4e6;border-left:4px solid #2e7d32;padding:.4rem .8rem;margin-bottom:.8rem}
.error{background:#fde8e8;border-left:4px solid #c62828;padding:.4rem .8rem;margin-bottom:.8rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;background:#fff;min-width:60%}
th,td{border:1px solid #d5d9df;padding:.3rem .55rem;text-align:left;vertical-align:top}
th{background:#e9edf2}
td.num{text-align:right;font-variant-numeric:tabular-nums}
tr.overdue td{background:#fde8e8}
tr.due-soon td{background:#fff4d6}
.tag{display:inline-block;padding:0 .35rem;border-radius:3px;font-size:.85em;font-weight:600}
.tag.overdue{background:#c62828;color:#fff}
.tag.due-soon{background:#f0a500;color:#1d2126}
.tag.warn{background:#c62828;color:#fff}
form.filters,form.action{display:flex;flex-wrap:wrap;gap:.4rem .9rem;align-items:end;background:#fff;border:1px solid #d5d9df;padding:.6rem .8rem;margin:.5rem 0 1rem}
label{display:inline-flex;flex-direction:column;font-size:.9em;gap:.15rem}
label.tick{display:flex;flex-direction:row;align-items:center;gap:.4rem;margin:.2rem 0}
input,select,textarea{font:inherit;padding:.2rem .35rem}
button{font:inherit;padding:.25rem .9rem;cursor:pointer}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;background:#fff;border:1px solid #d5d9df;padding:.6rem .8rem}
dt{font-weight:600}
dd{margin:0}
pre{background:#fff;border:1px solid #d5d9df;padding:.5rem;overflow-x:auto}
)css";

}  // namespace

std::string renderPage(const Page& p) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"" + escapeHtml(p.lang_tag) +
                    "\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                    "<title>" +
                    escapeHtml(p.title) + " · " + escapeHtml(p.site_name) + "</title>\n<style>" +
                    kStyle + "</style>\n</head>\n<body>\n<header>\n<span class=\"site\">" +
                    escapeHtml(p.site_name) + "</span>\n";
  if (!p.nav.empty()) {
    out += "<nav>";
    for (const NavLink& l : p.nav)
      out += "<a href=\"" + escapeHtml(l.href) + "\"" + (l.current ? " class=\"current\"" : "") +
             ">" + escapeHtml(l.label) + "</a>";
    out += "</nav>\n";
  }
  out += "<span class=\"user\">";
  if (!p.user_line.empty()) out += escapeHtml(p.user_line) + " ";
  out += p.logout_html + "</span>\n<span class=\"langs\">";
  for (const auto& [href, name] : p.languages) {
    if (name == p.current_language_name)
      out += "<strong>" + escapeHtml(name) + "</strong> ";
    else
      out += link(href, name) + " ";
  }
  out += "</span>\n</header>\n<main>\n<h1>" + escapeHtml(p.title) + "</h1>\n";
  if (!p.notice.empty()) out += "<p class=\"notice\">" + escapeHtml(p.notice) + "</p>\n";
  if (!p.error.empty()) out += "<p class=\"error\">" + escapeHtml(p.error) + "</p>\n";
  out += p.content_html + "\n</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace tools::web
