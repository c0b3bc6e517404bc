#!/usr/bin/python3
"""The service desk's journey in a real browser (headless Chromium, Debian's
python3-selenium and chromium-driver), against a real `stb-central serve`.

A box files a fault a day ago (the server under libfaketime, so that the
ticket's acceptance, its events and its certificates are a day old), which
makes the ticket overdue now. Then, in the console: log in as a desk agent,
find the overdue ticket in the queue, assign it, resolve it; the box answers
the return-visit question over mutual TLS (curl with its certificate); the
answer appears on the ticket's timeline; the supervisor's charter dashboard
changes from before to after. Screenshots (1280 wide, Chinese and Spanish)
go to --out.

Usage: console_browser_test.py --bin BUILD/bin --source REPO --out DIR
Fails (exit 1) when chromium, chromedriver, selenium, faketime, curl or
stb-central are missing: it never skips.
"""
import argparse
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import uuid

# The browser's part is shared with scripts/demo.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../scripts"))
import console_browser  # noqa: E402

PASSWORD = "desk-test-password"
BOX = "STB-TEST-0001"
DAY_AGO = "-26h"  # the report's acceptance: its 24 h deadline passed 2 h ago

AREAS = {
    "areas": [
        {"code": "3601", "name": "Nanchang Donghu", "kind": "city", "households": 5200,
         "nodes": ["3601-n01", "3601-n02"], "worker": "li.wei"},
        {"code": "3622", "name": "Anyi county", "kind": "county", "households": 1500,
         "nodes": ["3622-n01"]},
    ]
}


def fail(message):
    print(f"console browser test: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def need_tools(bin_dir):
    missing = console_browser.missing_browser()
    missing += [t for t in ("faketime", "curl") if not shutil.which(t)]
    if not os.access(os.path.join(bin_dir, "stb-central"), os.X_OK):
        missing.append(os.path.join(bin_dir, "stb-central"))
    check(not missing, "missing " + ", ".join(missing) + " (scripts/install-deps installs them)")


class Central:
    """One `stb-central serve`, optionally under faketime."""

    def __init__(self, bin_dir, work, args, fake_offset=None):
        self.out_path = os.path.join(work, f"serve-{time.time_ns()}.out")
        self.log_path = self.out_path.replace(".out", ".log")
        command = [os.path.join(bin_dir, "stb-central"), "serve"] + args
        env = dict(os.environ)
        if fake_offset:
            command = ["faketime", "-f", fake_offset] + command
            # libfaketime is preloaded ahead of an ASan build's runtime; ASan
            # works behind it but refuses to start unless told not to check.
            env["ASAN_OPTIONS"] = ":".join(
                o for o in (env.get("ASAN_OPTIONS", ""), "verify_asan_link_order=0") if o)
        self.out = open(self.out_path, "w")
        self.log = open(self.log_path, "w")
        # Its own process group: faketime runs stb-central as its child and does
        # not pass a signal on, so stop() signals the whole group.
        self.process = subprocess.Popen(command, stdout=self.out, stderr=self.log,
                                        start_new_session=True, env=env)
        self.port = self.console_port = None
        for _ in range(100):
            text = open(self.out_path).read()
            box = re.search(r"^listening on 127\.0\.0\.1:(\d+)", text, re.M)
            console = re.search(r"^console listening on 127\.0\.0\.1:(\d+)", text, re.M)
            if box and (console or "--console-listen" not in args):
                self.port = int(box.group(1))
                self.console_port = int(console.group(1)) if console else None
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        self.stop()
        fail(f"stb-central serve did not start: {open(self.log_path).read()}")

    def group_alive(self):
        try:
            os.killpg(self.process.pid, 0)
            return True
        except ProcessLookupError:
            return False

    def stop(self):
        """SIGTERM to the group, and waits for all of it (SIGKILL after 10 s)."""
        if self.group_alive():
            os.killpg(self.process.pid, signal.SIGTERM)
            deadline = time.monotonic() + 10
            while self.group_alive() and time.monotonic() < deadline:
                self.process.poll()  # reaps the leader once it has exited
                time.sleep(0.05)
            if self.group_alive():
                os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self.out.close()
        self.log.close()


def box_call(pki, port, method, path, body, headers=()):
    """The box's HTTPS call with its client certificate: (status, parsed body)."""
    command = ["curl", "-sS", "-X", method, "--cacert", f"{pki}/ca.pem",
               "--cert", f"{pki}/box-{BOX}.pem", "--key", f"{pki}/box-{BOX}.key",
               "-H", "Content-Type: application/json", "-w", "\n%{http_code}",
               "--data-binary", json.dumps(body), f"https://127.0.0.1:{port}{path}"]
    for h in headers:
        command[1:1] = ["-H", h]
    result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    check(result.returncode == 0, f"curl {path}: {result.stderr}")
    text, status = result.stdout.rsplit("\n", 1)
    return int(status), json.loads(text) if text else None


def file_report(pki, port, area, category, created):
    report_id = str(uuid.uuid4())
    report = {"report_id": report_id, "box_id": BOX, "smartcard_id": "8610012345678",
              "area_code": area, "category": category, "callback_phone": "13907910000",
              "visit_period": "morning", "created": created,
              "diagnostics": {"snr_db": 17.5, "ber": 2e-4, "channel": 43, "sw": "1.4.0",
                              "signal_level_dbuv": 48}}
    status, answer = box_call(pki, port, "POST", "/v1/reports", report,
                              [f"Idempotency-Key: {report_id}"])
    check(status == 201, f"the report was not accepted: {status} {answer}")
    return answer


def dashboard_row(browser, table, key):
    """The cells of the dashboard row KEY in TABLE (by-area, by-worker)."""
    rows = browser.all(f"#{table} tr[data-key='{key}'] td")
    check(rows, f"no row {key} in the dashboard's {table}: {browser.text()[:500]}")
    return [cell.text for cell in rows]


def journey(args, work):
    pki = os.path.join(work, "pki")
    db = os.path.join(work, "central.db")
    areas = os.path.join(work, "areas.json")
    with open(areas, "w") as f:
        json.dump(AREAS, f)
    # The PKI is made a day ago too, so that its certificates are valid then.
    subprocess.run(["faketime", "-f", DAY_AGO, os.path.join(args.source, "scripts/make-test-pki"),
                    pki], check=True, capture_output=True)
    for login, role, name in (("chen.desk", "desk_agent", "陈客服"),
                              ("wang.boss", "supervisor", "王主管"),
                              ("li.wei", "worker", "李伟"),
                              ("zhao.min", "worker", "赵敏")):
        subprocess.run([os.path.join(args.bin, "stb-central"), "staff-add", "--db", db,
                        "--login", login, "--role", role, "--name", name],
                       input=PASSWORD + "\n", text=True, check=True, capture_output=True)
    serve = ["--db", db, "--cert", f"{pki}/server.pem", "--key", f"{pki}/server.key",
             "--ca", f"{pki}/ca.pem", "--listen", "127.0.0.1:0", "--areas", areas,
             "--policy", os.path.join(args.source, "tools/stb-central/policy.example.json")]

    # A day ago: the fault in the county area, whose worker's post is vacant.
    yesterday = Central(args.bin, work, serve, fake_offset=DAY_AGO)
    created = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 26 * 3600))
    late = file_report(pki, yesterday.port, "3622", "mosaic_freezing", created)
    yesterday.stop()
    ticket = late["ticket"]
    check(late["charter_category"] == "general_fault" and late["assignee"] is None,
          f"unexpected answer {late}")

    central = Central(args.bin, work, serve + ["--console-listen", "127.0.0.1:0"])
    browser = None
    try:
        now = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        fresh = file_report(pki, central.port, "3601", "no_sound", now)
        check(fresh["assignee"] == "li.wei", f"the city ticket went to {fresh['assignee']}")
        browser = console_browser.Browser(f"https://127.0.0.1:{central.console_port}", args.out)

        # Pages need a login.
        browser.get("/console/queue")
        check("/console/login" in browser.driver.current_url, "the queue showed without a login")
        browser.get("/console/login?lang=zho")
        browser.screenshot("01-login-zho")

        # The supervisor's dashboard before: the 24 h response and the deadline missed.
        browser.login("wang.boss", PASSWORD, "spa")
        browser.get("/console/dashboard")
        before = dashboard_row(browser, "by-area", "3622")
        # key, accepted, 24 h response, deadlines, return visits, satisfaction, complaints
        check(before[1] == "1" and before[2] == "0.0 % (0/1)" and before[3] == "0.0 % (0/1)",
              f"dashboard before: {before}")
        check(before[4] == "—" and before[5] == "—", f"dashboard before: {before}")
        browser.screenshot("02-dashboard-before-spa")
        browser.logout()

        # The desk agent finds the overdue ticket.
        browser.login("chen.desk", PASSWORD, "zho")
        check(browser.find("html").get_attribute("lang") == "zh", "the page is not in Chinese")
        browser.find("#overdue").click()
        browser.click("#filter", "overdue=1", "the overdue filter was not sent")
        rows = browser.all("#queue tr[data-ticket]")
        check([r.get_attribute("data-ticket") for r in rows] == [ticket],
              f"the overdue queue is not just {ticket}: {browser.text()[:500]}")
        check(rows[0].get_attribute("class") == "overdue", "the overdue row is not marked")
        check("超期" in rows[0].text, f"no overdue mark in {rows[0].text}")
        browser.screenshot("03-queue-overdue-zho")
        browser.get("/console/queue")
        check(len(browser.all("#queue tr[data-ticket]")) == 2, "the queue lacks a ticket")
        check("时间均为UTC+08:00。" in browser.text(), "the queue does not say its times are UTC+8")
        browser.screenshot("04-queue-zho")

        # Assign it, resolve it.
        browser.get("/console/queue?overdue=1")
        browser.click(f"#queue tr[data-ticket='{ticket}'] a", f"/console/tickets/{ticket}",
                      "the ticket's page did not open")
        check("13907910000" in browser.text(), "the callback number is not on the ticket page")
        check(browser.all("#diagnostics"), "the diagnostics are not on the ticket page")
        from selenium.webdriver.support.ui import Select

        Select(browser.find("select#worker")).select_by_value("zhao.min")
        browser.click("#do-assign", "done=assigned", "assign did not redirect")
        check(browser.all("#timeline tr[data-kind='assigned']"), "no assigned event")
        check("zhao.min" in browser.find("#facts").text, "the worker is not on the ticket")
        browser.click("#do-resolve", "done=resolved", "resolve did not redirect")
        check("已解决" in browser.find("#facts").text, "the ticket is not shown resolved")
        check(not browser.all("#timeline tr[data-kind='return_visit']"), "an answer too soon")
        browser.screenshot("05-ticket-resolved-zho")

        # The box answers the return-visit question, as the box does.
        status, answer = box_call(pki, central.port, "POST", f"/v1/tickets/{ticket}/return-visit",
                                  {"fixed": True, "score": 4})
        check(status == 200, f"the return visit was refused: {status} {answer}")
        browser.driver.refresh()
        events = browser.all("#timeline tr[data-kind='return_visit']")
        check(len(events) == 1, "the box's answer is not on the timeline")
        check(f"box:{BOX}" in events[0].text and "机顶盒回访" in events[0].text,
              f"the answer's row: {events[0].text}")
        browser.screenshot("06-ticket-return-visit-zho")
        browser.logout()

        # The dashboard after: the return visit within 72 h, the score.
        browser.login("wang.boss", PASSWORD, "spa")
        browser.get("/console/dashboard")
        after = dashboard_row(browser, "by-area", "3622")
        check(after[4] == "100.0 % (1/1)", f"dashboard after: {after}")
        check(after[5].startswith("4.00"), f"dashboard after: {after}")
        worker = dashboard_row(browser, "by-worker", "zhao.min")
        check(worker[4] == "100.0 % (1/1)", f"dashboard after, zhao.min: {worker}")
        check(after != before, "the dashboard did not change")
        check("Panel de la carta" in browser.text(), "the dashboard is not in Spanish")
        browser.screenshot("07-dashboard-after-spa")
        browser.get("/console/dashboard?lang=zho")
        browser.screenshot("08-dashboard-after-zho")
        browser.get("/console/areas?lang=spa")
        over = browser.find("#areas tr[data-area='3601']")
        check("Supera la norma" in over.text, f"no households-norm warning: {over.text}")
        browser.screenshot("09-areas-spa")
        browser.get(f"/console/tickets/{ticket}?lang=spa")
        browser.screenshot("10-ticket-spa")
    finally:
        if browser:
            browser.quit()
        central.stop()
    code = central.process.returncode
    check(code == 0, f"stb-central serve exited {code}: {open(central.log_path).read()[-2000:]}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    need_tools(args.bin)
    os.makedirs(args.out, exist_ok=True)
    for old in os.listdir(args.out):
        if old.endswith(".png"):
            os.remove(os.path.join(args.out, old))
    with tempfile.TemporaryDirectory(prefix="console-browser-") as work:
        try:
            journey(args, work)
        except console_browser.BrowserError as e:
            fail(str(e))
    print("console browser test: passed")


if __name__ == "__main__":
    main()
