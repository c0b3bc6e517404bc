// stb-central's console, driven through Console::handle with a fake clock:
// logins, sessions, CSRF, roles, the queue's marks and filters, the forms.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>

#include "tests/tools/stb_central/stb_central_test_util.h"
#include "tools/https/web_bridge.h"
#include "tools/stb-central/console/console.h"
#include "tools/stb-central/console/console_http.h"
#include "tools/stb-central/console/console_text.h"
#include "tools/stb-central/report_validation.h"
#include "tools/stb-central/service_areas.h"
#include "tools/web/password.h"

namespace tools::central {
namespace {

using stb_central_test::reportJson;
using stb_central_test::ScratchDir;

const UtcSeconds kNow = *dvb::parseIso8601("2026-12-04T10:00:00Z");
const char kPassword[] = "s3cret-pass";

std::string header(const web::Response& r, const std::string& name) {
  std::string all;
  for (const auto& [n, v] : r.headers)
    if (n == name) all += (all.empty() ? "" : "\n") + v;
  return all;
}

// NAME's value in the response's Set-Cookie headers.
std::string setCookieValue(const web::Response& r, const std::string& name) {
  for (const auto& [n, v] : r.headers)
    if (n == "Set-Cookie" && v.rfind(name + "=", 0) == 0)
      return v.substr(name.size() + 1, v.find(';') - name.size() - 1);
  return "";
}

std::string csrfIn(const std::string& html) {
  std::smatch m;
  return std::regex_search(html, m, std::regex(R"re(name="csrf" value="([0-9a-f]{64})")re"))
             ? m[1].str()
             : "";
}

class ConsoleTest : public testing::Test {
 protected:
  void SetUp() override {
    std::string error;
    store_ = TicketStore::open(dir_ / "central.db", &error);
    ASSERT_TRUE(store_) << error;
    staff_ = openDeskStaff(dir_ / "central.db", &error);
    ASSERT_TRUE(staff_) << error;
    addStaff("li.wei", StaffRole::kWorker);
    addStaff("zhao.min", StaffRole::kWorker);
    addStaff("chen.desk", StaffRole::kDeskAgent);
    addStaff("wang.boss", StaffRole::kSupervisor);
    console_ =
        std::make_unique<Console>(*store_, *staff_, ConsoleOptions(), [this] { return now_; });
  }
  void addStaff(const std::string& login, StaffRole role) {
    StaffMember m;
    m.login = login;
    m.name = "Name of " + login;
    m.role = roleName(role);
    m.password_hash = *web::hashPassword(kPassword, web::ScryptCost{10, 8, 1});
    StaffStore::AddOutcome outcome;
    std::string error;
    ASSERT_TRUE(staff_->add(m, &outcome, &error)) << error;
    ASSERT_EQ(outcome, StaffStore::AddOutcome::kAdded);
  }
  // A ticket accepted at kNow - AGE with DEADLINE, assigned to ASSIGNEE.
  std::string ticket(int n, UtcSeconds deadline, const std::string& assignee = "",
                     const std::string& extra = "") {
    NewReport r;
    ValidationError problem;
    char id[40];
    std::snprintf(id, sizeof id, "00000000-0000-4000-8000-%012d", n);
    EXPECT_TRUE(parseReport(reportJson(id, "STB-TEST-0001", "no_picture", extra), &r, &problem))
        << problem.message;
    SubmitResult result;
    std::string error;
    EXPECT_TRUE(store_->submit(r,
                               SubmitTerms{Severity::kGeneral, "general_fault", deadline, assignee},
                               kNow - 3600, &result, &error))
        << error;
    return result.ticket.ticket;
  }
  web::Response send(const std::string& method, const std::string& target,
                     const std::string& cookie = "", const std::string& body = "") {
    web::Request r;
    r.method = method;
    const size_t q = target.find('?');
    r.path = target.substr(0, q);
    if (q != std::string::npos) r.query = target.substr(q + 1);
    if (!cookie.empty()) r.headers.emplace_back("cookie", cookie);
    if (method == "POST")
      r.headers.emplace_back("content-type", "application/x-www-form-urlencoded");
    r.body = body;
    return console_->handle(r);
  }
  web::Response tryLogin(const std::string& login, const std::string& password) {
    const web::Response form = send("GET", "/console/login?lang=eng");
    const std::string token = setCookieValue(form, "stb_login");
    return send("POST", "/console/login", "stb_lang=eng; stb_login=" + token,
                "csrf=" + csrfIn(form.body) + "&login=" + login + "&password=" + password +
                    "&next=%2Fconsole%2Fqueue");
  }
  // The session's cookie header (English pages) and its CSRF token.
  std::pair<std::string, std::string> login(const std::string& login) {
    const web::Response r = tryLogin(login, kPassword);
    EXPECT_EQ(r.status, 303) << r.body;
    const std::string cookie = "stb_lang=eng; stb_console=" + setCookieValue(r, "stb_console");
    return {cookie, csrfIn(send("GET", "/console/queue", cookie).body)};
  }

  ScratchDir dir_{"console"};
  UtcSeconds now_ = kNow;
  std::unique_ptr<TicketStore> store_;
  std::unique_ptr<StaffStore> staff_;
  std::unique_ptr<Console> console_;
};

TEST_F(ConsoleTest, EveryTextIsInEveryLanguage) {
  EXPECT_EQ(consoleCatalogue().missing("spa"), std::vector<std::string>{});
  EXPECT_EQ(consoleCatalogue().missing("eng"), std::vector<std::string>{});
}

TEST_F(ConsoleTest, PagesNeedALogin) {
  const web::Response r = send("GET", "/console/queue?overdue=1");
  EXPECT_EQ(r.status, 303);
  EXPECT_EQ(header(r, "Location"), "/console/login?next=%2Fconsole%2Fqueue%3Foverdue%3D1");
  EXPECT_EQ(send("POST", "/console/tickets/T20261204-000001/resolve", "", "csrf=x").status, 401);
  EXPECT_EQ(send("GET", "/favicon.ico").status, 404);
  EXPECT_EQ(header(send("GET", "/"), "Location"), "/console/queue");
}

TEST_F(ConsoleTest, LoginWithTheRightPasswordOnly) {
  const web::Response wrong = tryLogin("li.wei", "wrong-pass");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_NE(wrong.body.find("Wrong login or password."), std::string::npos);
  EXPECT_EQ(setCookieValue(wrong, "stb_console"), "");
  EXPECT_EQ(tryLogin("nobody", kPassword).status, 401);
  const web::Response right = tryLogin("li.wei", kPassword);
  EXPECT_EQ(right.status, 303);
  EXPECT_EQ(header(right, "Location"), "/console/queue");
  const std::string set = header(right, "Set-Cookie");
  EXPECT_NE(set.find("stb_console="), std::string::npos);
  EXPECT_NE(set.find("Path=/console/; HttpOnly; Secure; SameSite=Strict"), std::string::npos);
}

TEST_F(ConsoleTest, LoginFormNeedsItsOwnToken) {
  const web::Response form = send("GET", "/console/login");
  const std::string token = setCookieValue(form, "stb_login");
  ASSERT_EQ(token.size(), 64u);
  EXPECT_EQ(csrfIn(form.body), token);
  // No cookie (a form posted from elsewhere), or a token not matching it.
  EXPECT_EQ(
      send("POST", "/console/login", "", "csrf=" + token + "&login=li.wei&password=" + kPassword)
          .status,
      403);
  EXPECT_EQ(send("POST", "/console/login", "stb_login=" + token,
                 "csrf=" + std::string(64, 'a') + "&login=li.wei&password=" + kPassword)
                .status,
            403);
}

TEST_F(ConsoleTest, RepeatedFailuresLockTheLoginForAWhile) {
  for (int i = 0; i < 5; ++i) EXPECT_EQ(tryLogin("li.wei", "wrong-pass").status, 401);
  EXPECT_EQ(tryLogin("li.wei", kPassword).status, 429);
  EXPECT_EQ(tryLogin("zhao.min", kPassword).status, 303);  // only that login
  now_ += Console::kThrottleSeconds;
  EXPECT_EQ(tryLogin("li.wei", kPassword).status, 303);
}

TEST_F(ConsoleTest, SessionExpiresWhenIdleAndAtLogout) {
  const auto [cookie, csrf] = login("chen.desk");
  now_ += 29 * 60;
  EXPECT_EQ(send("GET", "/console/queue", cookie).status, 200);
  now_ += 30 * 60;
  EXPECT_EQ(send("GET", "/console/queue", cookie).status, 303);

  const auto [again, token] = login("chen.desk");
  EXPECT_EQ(send("POST", "/console/logout", again, "csrf=").status, 403);
  const web::Response out = send("POST", "/console/logout", again, "csrf=" + token);
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(header(out, "Location"), "/console/login?bye=1");
  EXPECT_EQ(send("GET", "/console/queue", again).status, 303);
}

TEST_F(ConsoleTest, QueueMarksOverdueAndDueSoonAndFilters) {
  const std::string late = ticket(1, kNow - 600);
  const std::string soon = ticket(2, kNow + 3 * 3600);
  const std::string later = ticket(3, kNow + 20 * 3600, "li.wei");
  const auto [cookie, csrf] = login("chen.desk");
  const std::string page = send("GET", "/console/queue", cookie).body;
  EXPECT_NE(page.find("<tr class=\"overdue\" data-ticket=\"" + late + "\">"), std::string::npos);
  EXPECT_NE(page.find("<tr class=\"due-soon\" data-ticket=\"" + soon + "\">"), std::string::npos);
  EXPECT_NE(page.find("<tr data-ticket=\"" + later + "\">"), std::string::npos);
  EXPECT_NE(page.find("overdue by 0 h 10 min"), std::string::npos);
  // Most urgent first.
  EXPECT_LT(page.find(late), page.find(soon));
  EXPECT_LT(page.find(soon), page.find(later));

  const std::string overdue = send("GET", "/console/queue?overdue=1", cookie).body;
  EXPECT_NE(overdue.find(late), std::string::npos);
  EXPECT_EQ(overdue.find(soon), std::string::npos);
  const std::string mine = send("GET", "/console/queue?worker=li.wei", cookie).body;
  EXPECT_EQ(mine.find(late), std::string::npos);
  EXPECT_NE(mine.find(later), std::string::npos);
  const std::string nobody = send("GET", "/console/queue?worker=-", cookie).body;
  EXPECT_NE(nobody.find(late), std::string::npos);
  EXPECT_EQ(nobody.find(later), std::string::npos);
}

TEST_F(ConsoleTest, PostsNeedTheSessionsCsrfToken) {
  const std::string t = ticket(1, kNow + 3600);
  const auto [cookie, csrf] = login("chen.desk");
  const auto [other_cookie, other_csrf] = login("wang.boss");
  const std::string assign = "/console/tickets/" + t + "/assign";
  EXPECT_EQ(send("POST", assign, cookie, "worker=li.wei").status, 403);
  EXPECT_EQ(send("POST", assign, cookie, "worker=li.wei&csrf=" + other_csrf).status, 403);
  std::optional<Ticket> stored;
  std::string error;
  ASSERT_TRUE(store_->findTicket(t, &stored, &error));
  EXPECT_FALSE(stored->assignee);

  const web::Response done = send("POST", assign, cookie, "worker=li.wei&csrf=" + csrf);
  EXPECT_EQ(done.status, 303);
  EXPECT_EQ(header(done, "Location"), "/console/tickets/" + t + "?lang=eng&done=assigned");
  ASSERT_TRUE(store_->findTicket(t, &stored, &error));
  EXPECT_EQ(stored->assignee, std::optional<std::string>("li.wei"));
  const std::string page = send("GET", header(done, "Location"), cookie).body;
  EXPECT_NE(page.find("<p class=\"notice\">Assigned.</p>"), std::string::npos);
  EXPECT_NE(page.find("<tr data-kind=\"assigned\"><td>2026-12-04 10:00</td><td>chen.desk</td>"),
            std::string::npos);
}

TEST_F(ConsoleTest, RolesDecideWhatOneSeesAndDoes) {
  const std::string own = ticket(1, kNow + 3600, "li.wei");
  const std::string others = ticket(2, kNow + 3600, "zhao.min");
  const std::string free = ticket(3, kNow + 3600);
  const auto [worker, worker_csrf] = login("li.wei");
  const auto [desk, desk_csrf] = login("chen.desk");
  const auto [boss, boss_csrf] = login("wang.boss");

  // A worker: their own tickets only, no assigning, resolving their own.
  const std::string queue = send("GET", "/console/queue?worker=", worker).body;
  EXPECT_NE(queue.find(own), std::string::npos);
  EXPECT_EQ(queue.find(others), std::string::npos);
  EXPECT_EQ(send("GET", "/console/tickets/" + others, worker).status, 403);
  EXPECT_EQ(send("POST", "/console/tickets/" + free + "/assign", worker,
                 "worker=li.wei&csrf=" + worker_csrf)
                .status,
            403);
  EXPECT_EQ(
      send("POST", "/console/tickets/" + others + "/resolve", worker, "csrf=" + worker_csrf).status,
      403);
  EXPECT_EQ(
      send("POST", "/console/tickets/" + own + "/resolve", worker, "csrf=" + worker_csrf).status,
      303);

  // A desk agent assigns a free ticket but does not take one from its worker.
  EXPECT_EQ(send("POST", "/console/tickets/" + free + "/assign", desk,
                 "worker=zhao.min&csrf=" + desk_csrf)
                .status,
            303);
  EXPECT_EQ(send("POST", "/console/tickets/" + others + "/assign", desk,
                 "worker=li.wei&csrf=" + desk_csrf)
                .status,
            403);
  EXPECT_EQ(send("GET", "/console/tickets/" + others, desk).body.find("do-assign"),
            std::string::npos);
  // A supervisor reassigns; only to a worker.
  EXPECT_NE(send("GET", "/console/tickets/" + others, boss).body.find("do-assign"),
            std::string::npos);
  EXPECT_EQ(header(send("POST", "/console/tickets/" + others + "/assign", boss,
                        "worker=chen.desk&csrf=" + boss_csrf),
                   "Location"),
            "/console/tickets/" + others + "?lang=eng&err=bad_field");
  EXPECT_EQ(send("POST", "/console/tickets/" + others + "/assign", boss,
                 "worker=li.wei&csrf=" + boss_csrf)
                .status,
            303);
  std::optional<Ticket> stored;
  std::string error;
  ASSERT_TRUE(store_->findTicket(others, &stored, &error));
  EXPECT_EQ(stored->assignee, std::optional<std::string>("li.wei"));
}

TEST_F(ConsoleTest, ResolvedTicketGoesToTheCallBackQueueAndACallBackReopensIt) {
  const std::string t = ticket(1, kNow + 3600, "li.wei");
  const auto [desk, csrf] = login("chen.desk");
  ASSERT_EQ(send("POST", "/console/tickets/" + t + "/resolve", desk, "csrf=" + csrf).status, 303);
  std::string page = send("GET", "/console/return-visits", desk).body;
  const size_t pending = page.find("id=\"return-visits\"");
  ASSERT_NE(pending, std::string::npos) << page;
  EXPECT_NE(page.find(t, pending), std::string::npos);
  EXPECT_EQ(page.find("id=\"callbacks\""), std::string::npos);

  now_ += 73 * 3600;
  const auto [desk2, csrf2] = login("chen.desk");
  page = send("GET", "/console/return-visits", desk2).body;
  const size_t callbacks = page.find("id=\"callbacks\"");
  ASSERT_NE(callbacks, std::string::npos) << page;
  EXPECT_NE(page.find("tel:13800138000", callbacks), std::string::npos);
  EXPECT_EQ(header(send("POST", "/console/tickets/" + t + "/callback", desk2,
                        "fixed=maybe&score=3&csrf=" + csrf2),
                   "Location"),
            "/console/tickets/" + t + "?lang=eng&err=bad_field");
  ASSERT_EQ(send("POST", "/console/tickets/" + t + "/callback", desk2,
                 "fixed=no&score=2&note=still+no+picture&csrf=" + csrf2)
                .status,
            303);
  std::optional<Ticket> stored;
  std::string error;
  ASSERT_TRUE(store_->findTicket(t, &stored, &error));
  EXPECT_EQ(stored->status, TicketStatus::kTechnicianAssigned);
  EXPECT_TRUE(stored->flags & kFlagLowScore);
  page = send("GET", "/console/tickets/" + t, desk2).body;
  EXPECT_NE(page.find("data-kind=\"callback_logged\""), std::string::npos);
  EXPECT_NE(page.find("data-kind=\"reopened\""), std::string::npos);
}

TEST_F(ConsoleTest, TicketPageShowsDiagnosticsAndTheCallbackNumber) {
  const std::string t = ticket(1, kNow + 3600);
  const auto [desk, csrf] = login("chen.desk");
  const std::string page = send("GET", "/console/tickets/" + t, desk).body;
  EXPECT_NE(page.find("<a href=\"tel:13800138000\">13800138000</a>"), std::string::npos);
  EXPECT_NE(page.find("<tr><th>snr_db</th><td>21.5</td></tr>"), std::string::npos);
  EXPECT_NE(page.find("<tr><th>sw</th><td>1.2.3</td></tr>"), std::string::npos);
  EXPECT_EQ(send("GET", "/console/tickets/T20261204-999999", desk).status, 404);
  EXPECT_EQ(send("GET", "/console/tickets/..%2Fetc", desk).status, 404);
}

TEST_F(ConsoleTest, LanguageFromQueryCookieOrAcceptLanguage) {
  const auto [cookie, csrf] = login("chen.desk");
  const std::string session = cookie.substr(cookie.find("stb_console="));
  const web::Response spa = send("GET", "/console/queue?lang=spa", session);
  EXPECT_NE(spa.body.find("<html lang=\"es\">"), std::string::npos);
  EXPECT_NE(spa.body.find("<h1>Cola de tickets</h1>"), std::string::npos);
  EXPECT_EQ(setCookieValue(spa, "stb_lang"), "spa");
  const std::string zho = send("GET", "/console/queue", session).body;
  EXPECT_NE(zho.find("<html lang=\"zh\">"), std::string::npos);
  EXPECT_NE(zho.find("<h1>工单队列</h1>"), std::string::npos);
  web::Request r;
  r.method = "GET";
  r.path = "/console/queue";
  r.headers = {{"cookie", session}, {"accept-language", "es-MX,es;q=0.9"}};
  EXPECT_NE(console_->handle(r).body.find("<h1>Cola de tickets</h1>"), std::string::npos);
}

}  // namespace
}  // namespace tools::central

namespace tools::central {
namespace {

TEST_F(ConsoleTest, DashboardForSupervisorsWithItsPeriodAndCsv) {
  const std::string t = ticket(1, kNow + 20 * 3600, "li.wei");
  const auto [desk, desk_csrf] = login("chen.desk");
  EXPECT_EQ(send("GET", "/console/dashboard", desk).status, 403);
  EXPECT_EQ(send("GET", "/console/dashboard", desk).body.find("nav.dashboard"), std::string::npos);
  ASSERT_EQ(send("POST", "/console/tickets/" + t + "/resolve", desk, "csrf=" + desk_csrf).status,
            303);
  const auto [boss, boss_csrf] = login("wang.boss");
  const std::string page = send("GET", "/console/dashboard", boss).body;
  EXPECT_NE(page.find("value=\"2026-11-05\""), std::string::npos);  // the last 30 days
  EXPECT_NE(page.find("value=\"2026-12-04\""), std::string::npos);
  // Resolved 1 h after acceptance: the 24 h response and the deadline met,
  // in the area's row and the worker's.
  EXPECT_NE(page.find("<tr data-key=\"A01\"><td>A01</td><td class=\"num\">1</td>"
                      "<td class=\"num\">100.0 % (1/1)</td>"
                      "<td class=\"num\">100.0 % (1/1)</td>"),
            std::string::npos)
      << page;
  EXPECT_NE(page.find("<tr data-key=\"li.wei\"><td>li.wei</td><td class=\"num\">1</td>"
                      "<td class=\"num\">100.0 % (1/1)"),
            std::string::npos);
  // A ticket just accepted counts at once, before any figure of it is known.
  ticket(2, kNow + 20 * 3600, "zhao.min");
  const std::string fresh = send("GET", "/console/dashboard", boss).body;
  EXPECT_NE(fresh.find("<tr data-key=\"zhao.min\"><td>zhao.min</td><td class=\"num\">1</td>"
                       "<td class=\"num\">—</td>"),
            std::string::npos)
      << fresh;
  EXPECT_NE(fresh.find("<tr data-key=\"A01\"><td>A01</td><td class=\"num\">2</td>"),
            std::string::npos);
  // A deadline later today is not missed yet; once it has passed, it is.
  const std::string soon = ticket(3, kNow + 600, "zhao.min");
  const std::string zhao =
      "<tr data-key=\"zhao.min\"><td>zhao.min</td><td class=\"num\">2</td>"
      "<td class=\"num\">—</td><td class=\"num\">";
  EXPECT_NE(send("GET", "/console/dashboard", boss).body.find(zhao + "—</td>"), std::string::npos);
  now_ += 601;
  EXPECT_NE(send("GET", "/console/dashboard", boss).body.find(zhao + "0.0 % (0/1)</td>"),
            std::string::npos);
  // A period before the tickets counts nothing.
  const std::string before =
      send("GET", "/console/dashboard?from=2026-11-01&to=2026-11-30", boss).body;
  EXPECT_EQ(before.find("data-key=\"A01\""), std::string::npos);
  EXPECT_EQ(send("GET", "/console/dashboard?from=2026-12-05&to=2026-12-01", boss).status, 400);
  EXPECT_EQ(send("GET", "/console/dashboard?from=yesterday", boss).status, 400);

  const web::Response csv =
      send("GET", "/console/dashboard.csv?from=2026-12-01&to=2026-12-04", boss);
  EXPECT_EQ(csv.status, 200);
  EXPECT_EQ(header(csv, "Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(header(csv, "Content-Disposition"),
            "attachment; filename=\"charter-2026-12-01-2026-12-04.csv\"");
  EXPECT_EQ(csv.body.rfind("period_from,period_to,scope,key,", 0), 0u) << csv.body;
  EXPECT_NE(csv.body.find(",area,A01,1,1,100.0,"), std::string::npos) << csv.body;
}

TEST_F(ConsoleTest, AreasPageWarnsWhereTheHouseholdsNormIsExceeded) {
  std::string error;
  const auto areas = ServiceAreas::fromJson(
      R"({"areas": [{"code": "A01", "name": "Donghu", "kind": "city", "households": 5200,
                     "nodes": ["A01-n1"], "worker": "li.wei"},
                    {"code": "C07", "name": "Anyi", "kind": "county", "households": 1800,
                     "nodes": ["C07-n1"], "worker": "zhao.min"}]})",
      &error);
  ASSERT_TRUE(areas) << error;
  ConsoleOptions options;
  options.areas = &*areas;
  console_ = std::make_unique<Console>(*store_, *staff_, options, [this] { return now_; });
  const auto [desk, csrf] = login("chen.desk");
  const std::string page = send("GET", "/console/areas", desk).body;
  const size_t a01 = page.find("<tr class=\"overdue\" data-area=\"A01\">");
  ASSERT_NE(a01, std::string::npos) << page;
  EXPECT_LT(page.find("Over the norm", a01), page.find("data-area=\"C07\""));
  EXPECT_NE(page.find("<tr data-area=\"C07\">"), std::string::npos);
  EXPECT_NE(page.find("<td class=\"num\">5200</td><td class=\"num\">4500</td>"), std::string::npos);
  // The queue's area filter lists them.
  EXPECT_NE(
      send("GET", "/console/queue", desk).body.find("<option value=\"C07\">C07 Anyi</option>"),
      std::string::npos);
  const auto [worker, worker_csrf] = login("li.wei");
  EXPECT_EQ(send("GET", "/console/areas", worker).status, 403);
}

}  // namespace
}  // namespace tools::central

namespace tools::central {
namespace {

TEST_F(ConsoleTest, PagesShowTheOperatorsLocalTimeAndDays) {
  ConsoleOptions options;
  options.utc_offset_minutes = 480;
  console_ = std::make_unique<Console>(*store_, *staff_, options, [this] { return now_; });
  const std::string t = ticket(1, kNow + 3600);  // accepted 09:00Z = 17:00 in UTC+8
  const auto [boss, csrf] = login("wang.boss");
  const std::string page = send("GET", "/console/tickets/" + t, boss).body;
  EXPECT_NE(page.find("<dd>2026-12-04 17:00</dd>"), std::string::npos) << page;
  EXPECT_NE(page.find("Times are UTC+08:00."), std::string::npos);
  EXPECT_NE(page.find("<dd>No picture</dd>"), std::string::npos);
  EXPECT_NE(page.find("<dd>Morning</dd>"), std::string::npos);
  EXPECT_NE(page.find("deadline: 2026-12-04 19:00; severity: general"), std::string::npos);
  // 23:30Z is already 5 December in UTC+8: the default period ends then, and a
  // ticket of that local day is not in a period ending on the 4th.
  now_ = *dvb::parseIso8601("2026-12-04T23:30:00Z");
  const auto [late, late_csrf] = login("wang.boss");
  EXPECT_NE(send("GET", "/console/dashboard", late).body.find("value=\"2026-12-05\""),
            std::string::npos);
  EXPECT_NE(send("GET", "/console/dashboard?from=2026-12-04&to=2026-12-04", late)
                .body.find("data-key=\"A01\""),
            std::string::npos);
  EXPECT_EQ(send("GET", "/console/dashboard?from=2026-12-05&to=2026-12-05", late)
                .body.find("data-key=\"A01\""),
            std::string::npos);
}

}  // namespace
}  // namespace tools::central

namespace tools::central {
namespace {

TEST(ConsoleHttp, RequestsAndAnswersCrossBetweenTheServersTypesAndTheWebParts) {
  HttpRequest h;
  h.method = "GET";
  h.target = "/console/queue?status=all&lang=spa";
  h.path = "/console/queue";
  h.headers = {{"cookie", "stb_lang=spa"}};
  const web::Request r = https::toWebRequest(h);
  EXPECT_EQ(r.path, "/console/queue");
  EXPECT_EQ(r.query, "status=all&lang=spa");
  ASSERT_NE(r.header("cookie"), nullptr);
  web::Response page = web::Response::html(403, "<p>no</p>");
  page.addHeader("Set-Cookie", "a=1");
  page.addHeader("Set-Cookie", "b=2");
  const HttpResponse out = https::toHttpResponse(page);
  EXPECT_EQ(out.status, 403);
  EXPECT_EQ(out.body, "<p>no</p>");
  int cookies = 0, cache = 0;
  for (const auto& [name, value] : out.headers) {
    cookies += name == "Set-Cookie";
    cache += name == "Cache-Control";
  }
  EXPECT_EQ(cookies, 2);
  EXPECT_EQ(cache, 0);  // the server adds its own
}

}  // namespace
}  // namespace tools::central

namespace tools::central {
namespace {

TEST_F(ConsoleTest, QueueShowsTheMostUrgentThousandAndSaysSo) {
  for (int n = 1; n <= 1001; ++n) ticket(n, kNow + n * 60);
  const auto [desk, csrf] = login("chen.desk");
  const std::string page = send("GET", "/console/queue", desk).body;
  EXPECT_NE(page.find("The 1000 most urgent tickets are shown; narrow the filter"),
            std::string::npos);
  size_t rows = 0;
  for (size_t at = page.find("data-ticket="); at != std::string::npos;
       at = page.find("data-ticket=", at + 1))
    ++rows;
  EXPECT_EQ(rows, 1000u);
  EXPECT_EQ(page.find("T20261204-001001"), std::string::npos);  // the least urgent
}

}  // namespace
}  // namespace tools::central

namespace tools::central {
namespace {

TEST_F(ConsoleTest, LoginGoesBackToAConsolePageOnly) {
  const std::pair<const char*, const char*> cases[] = {
      {"%2Fconsole%2Ftickets%2FT20261204-000001%3Flang%3Dspa",
       "/console/tickets/T20261204-000001?lang=spa"},
      {"https%3A%2F%2Fevil.example%2F", "/console/queue"},
      {"%2F%2Fevil.example%2Fconsole%2F", "/console/queue"},
      {"%2Fconsole%2F..%2F%2Fevil", "/console/queue"},
      {"%2Fconsole%2F..%2Fv1%2Ftickets", "/console/queue"},
      {"%2Fconsole%2Fqueue%0D%0ASet-Cookie%3A+x%3D1", "/console/queue"},
      {"%2Fconsole%2Flogin", "/console/queue"},
  };
  for (const auto& [next, expected] : cases) {
    const web::Response form = send("GET", "/console/login");
    const std::string token = setCookieValue(form, "stb_login");
    const web::Response r =
        send("POST", "/console/login", "stb_login=" + token,
             "csrf=" + token + "&login=li.wei&password=" + kPassword + "&next=" + next);
    EXPECT_EQ(r.status, 303) << next;
    EXPECT_EQ(header(r, "Location"), expected) << next;
  }
}

// Three outage reports of one area make an incident that everyone sees and
// only a supervisor moves.
TEST_F(ConsoleTest, IncidentsForEveryoneMovesForTheSupervisor) {
  store_->setIncidentRules(IncidentRules{});
  std::vector<std::string> tickets;
  for (int n = 1; n <= 3; ++n) tickets.push_back(ticket(n, kNow + 3600, "li.wei"));
  std::vector<Incident> open;
  std::string error;
  ASSERT_TRUE(store_->listIncidents(true, &open, &error)) << error;
  ASSERT_EQ(open.size(), 1u);
  const std::string page = "/console/incidents/" + std::to_string(open[0].id);
  const auto [worker, worker_csrf] = login("li.wei");
  const auto [desk, desk_csrf] = login("chen.desk");
  const auto [boss, boss_csrf] = login("wang.boss");

  const web::Response list = send("GET", "/console/incidents", worker);
  EXPECT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("data-incident=\"" + std::to_string(open[0].id) + "\""),
            std::string::npos);
  const web::Response seen = send("GET", page, worker);
  EXPECT_EQ(seen.status, 200);
  for (const std::string& t : tickets) EXPECT_NE(seen.body.find(t), std::string::npos) << t;
  EXPECT_EQ(seen.body.find("do-confirm"), std::string::npos);
  EXPECT_EQ(send("GET", page, desk).body.find("do-confirm"), std::string::npos);
  EXPECT_NE(send("GET", page, boss).body.find("do-confirm"), std::string::npos);
  EXPECT_EQ(send("POST", page + "/confirm", worker, "restore=2026-12-04T21:00&csrf=" + worker_csrf)
                .status,
            403);
  EXPECT_EQ(send("POST", page + "/dismiss", desk, "csrf=" + desk_csrf).status, 403);
  // A restore time not after now is refused; then confirmed (no outage spool here).
  EXPECT_EQ(
      header(send("POST", page + "/confirm", boss, "restore=2026-12-04T09:59&csrf=" + boss_csrf),
             "Location"),
      page + "?lang=eng&err=bad_restore");
  EXPECT_EQ(
      header(send("POST", page + "/confirm", boss, "restore=2026-12-04T21:00&csrf=" + boss_csrf),
             "Location"),
      page + "?lang=eng&done=confirmed");
  std::optional<Incident> i;
  ASSERT_TRUE(store_->findIncident(open[0].id, &i, &error)) << error;
  EXPECT_EQ(i->status, IncidentStatus::kConfirmed);
  // The pages' local time is UTC here: 21:00 is 21:00 UTC.
  EXPECT_EQ(i->expected_restore, dvb::parseIso8601("2026-12-04T21:00:00Z"));
  EXPECT_EQ(header(send("POST", page + "/dismiss", boss, "csrf=" + boss_csrf), "Location"),
            page + "?lang=eng&err=incident_status");
  EXPECT_EQ(header(send("POST", page + "/resolve", boss, "csrf=" + boss_csrf), "Location"),
            page + "?lang=eng&done=incident_resolved");
  const std::string after = send("GET", page, boss).body;
  EXPECT_EQ(after.find("do-resolve"), std::string::npos);
  EXPECT_NE(after.find("data-status=\"resolved\""), std::string::npos);
  EXPECT_EQ(after.find("data-status=\"accepted\""), std::string::npos);
  EXPECT_NE(send("GET", "/console/incidents", boss).body.find("id=\"no-incidents\""),
            std::string::npos);
}

// A notice the check refuses (this area is no division code): the page
// says why and the incident stays suspected.
TEST_F(ConsoleTest, RefusedOutageNoticeIsShownAndTheIncidentStaysSuspected) {
  const std::filesystem::path dir = dir_ / "outage";
  std::filesystem::create_directories(dir / "spool");
  std::string error;
  const auto key =
      dvb::notice::PrivateKey::generate(dvb::notice::SignatureAlgorithm::Ed25519, &error);
  ASSERT_TRUE(key) << error;
  std::ofstream((dir / "key.pem").string()) << key->pem();
  std::filesystem::permissions(
      dir / "key.pem", std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  auto publisher =
      OutagePublisher::open((dir / "spool").string(), (dir / "key.pem").string(), &error);
  ASSERT_TRUE(publisher) << error;
  ConsoleOptions options;
  options.outage.publisher = &*publisher;
  console_ = std::make_unique<Console>(*store_, *staff_, options, [this] { return now_; });
  store_->setIncidentRules(IncidentRules{});
  for (int n = 1; n <= 3; ++n) ticket(n, kNow + 3600);
  std::vector<Incident> open;
  ASSERT_TRUE(store_->listIncidents(true, &open, &error)) << error;
  ASSERT_EQ(open.size(), 1u);
  const std::string page = "/console/incidents/" + std::to_string(open[0].id);
  const auto [boss, boss_csrf] = login("wang.boss");
  const web::Response r =
      send("POST", page + "/confirm", boss, "restore=2026-12-04T21:00&csrf=" + boss_csrf);
  EXPECT_EQ(r.status, 502);
  EXPECT_NE(r.body.find("Not done: the outage notice is refused; $.targets.areas[0]"),
            std::string::npos)
      << r.body;
  std::optional<Incident> i;
  ASSERT_TRUE(store_->findIncident(open[0].id, &i, &error)) << error;
  EXPECT_EQ(i->status, IncidentStatus::kSuspected);
  EXPECT_TRUE(std::filesystem::is_empty(dir / "spool"));
}

}  // namespace
}  // namespace tools::central
