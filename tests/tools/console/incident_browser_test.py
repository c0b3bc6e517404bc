#!/usr/bin/python3
"""The outage loop at the desk in a real browser (headless Chromium), against
a real `stb-central serve` with an outage spool and a signing key.

Three boxes of one area report "no picture" within minutes: the desk groups
them into one suspected incident, which a worker sees but cannot act on. The
supervisor confirms it with an expected restore time: the signed
unplanned-outage notice appears in the spool and `stb-notice verify` accepts
it against the operator's public key, with the area, the times and the three
texts. A report that still comes is attached to the incident, not queued.
The supervisor resolves it: the spool file becomes the cancellation (a higher
revision, cancel set) and every ticket of the incident shows resolved, also
to the box that polls its ticket. Screenshots go to --out.

Usage: incident_browser_test.py --bin BUILD/bin --source REPO --out DIR
Fails (exit 1) when chromium, chromedriver, selenium, curl, stb-central or
stb-notice are missing: it never skips.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import uuid

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../scripts"))
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import console_browser  # noqa: E402
from console_browser_test import Central, check, fail  # noqa: E402

PASSWORD = "desk-test-password"
AREA = "360102"
AREAS = {"areas": [{"code": AREA, "name": "Nanchang Donghu", "kind": "city", "households": 4200,
                    "nodes": ["360102-n01"], "worker": "li.wei"}]}


def box_call(pki, port, box, method, path, body=None, headers=()):
    """A box's HTTPS call with its client certificate: (status, parsed body)."""
    command = ["curl", "-sS", "-X", method, "--cacert", f"{pki}/ca.pem",
               "--cert", f"{pki}/box-{box}.pem", "--key", f"{pki}/box-{box}.key",
               "-w", "\n%{http_code}", f"https://127.0.0.1:{port}{path}"]
    if body is not None:
        command[1:1] = ["-H", "Content-Type: application/json", "--data-binary", json.dumps(body)]
    for h in headers:
        command[1:1] = ["-H", h]
    result = subprocess.run(command, capture_output=True, text=True, timeout=30)
    check(result.returncode == 0, f"curl {path}: {result.stderr}")
    text, status = result.stdout.rsplit("\n", 1)
    return int(status), json.loads(text) if text else None


def no_picture(pki, port, box):
    report_id = str(uuid.uuid4())
    report = {"report_id": report_id, "box_id": box, "smartcard_id": "8610012345678",
              "area_code": AREA, "category": "no_picture", "callback_phone": "13907910000",
              "visit_period": "any", "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
              "diagnostics": {"snr_db": 0.0, "ber": 0.5, "channel": 43, "sw": "1.4.0",
                              "signal_level_dbuv": 12}}
    status, answer = box_call(pki, port, box, "POST", "/v1/reports", report,
                              [f"Idempotency-Key: {report_id}"])
    check(status == 201, f"the report was not accepted: {status} {answer}")
    return answer["ticket"]


def verify(bin_dir, path, pub):
    """`stb-notice verify --json` of the spool file: its one object."""
    result = subprocess.run([os.path.join(bin_dir, "stb-notice"), "verify", path, "--trust", pub,
                             "--json"], capture_output=True, text=True, timeout=30)
    check(result.returncode == 0, f"stb-notice verify {path}: {result.stdout} {result.stderr}")
    report = json.loads(result.stdout)
    check(report["ok"] and len(report["objects"]) == 1, f"the spool file: {report}")
    return report["objects"][0]


def journey(args, work):
    pki = os.path.join(work, "pki")
    db = os.path.join(work, "central.db")
    spool = os.path.join(work, "spool")
    os.makedirs(spool)
    areas = os.path.join(work, "areas.json")
    with open(areas, "w") as f:
        json.dump(AREAS, f)
    subprocess.run([os.path.join(args.source, "scripts/make-test-pki"), pki], check=True,
                   capture_output=True)
    subprocess.run([os.path.join(args.bin, "stb-notice"), "keygen", "--out",
                    os.path.join(work, "keys"), "--name", "operator"], check=True,
                   capture_output=True)
    key = os.path.join(work, "keys/operator.key.pem")
    pub = os.path.join(work, "keys/operator.pub.pem")
    for login, role, name in (("wang.boss", "supervisor", "王主管"), ("li.wei", "worker", "李伟")):
        subprocess.run([os.path.join(args.bin, "stb-central"), "staff-add", "--db", db,
                        "--login", login, "--role", role, "--name", name],
                       input=PASSWORD + "\n", text=True, check=True, capture_output=True)
    serve = ["--db", db, "--cert", f"{pki}/server.pem", "--key", f"{pki}/server.key",
             "--ca", f"{pki}/ca.pem", "--listen", "127.0.0.1:0", "--areas", areas,
             "--policy", os.path.join(args.source, "tools/stb-central/policy.example.json"),
             "--hotline", "96123", "--console-listen", "127.0.0.1:0",
             "--incident-window", "900", "--incident-min-reports", "3",
             "--outage-spool", spool, "--outage-signing-key", key]

    central = Central(args.bin, work, serve)
    browser = None
    try:
        tickets = [no_picture(pki, central.port, box)
                   for box in ("STB-TEST-0001", "STB-TEST-0002", "STB-TEST-0001")]
        browser = console_browser.Browser(f"https://127.0.0.1:{central.console_port}", args.out)

        # A worker sees the incident, and no button to move it.
        browser.login("li.wei", PASSWORD, "zho")
        browser.get("/console/incidents")
        rows = browser.all("#incidents tr[data-incident]")
        check(len(rows) == 1, f"not one incident: {browser.text()[:500]}")
        incident = rows[0].get_attribute("data-incident")
        browser.get(f"/console/incidents/{incident}")
        check(not browser.all("#do-confirm") and not browser.all("#do-resolve"),
              "a worker is offered the supervisor's moves")
        browser.logout()

        # The supervisor: the incident, its three reports grouped.
        browser.login("wang.boss", PASSWORD, "zho")
        browser.get("/console/incidents")
        row = browser.find(f"#incidents tr[data-incident='{incident}']")
        check(AREA in row.text and "待确认" in row.text, f"the incident's row: {row.text}")
        cells = [c.text for c in browser.all(f"#incidents tr[data-incident='{incident}'] td")]
        check(cells[2] == "3", f"the incident does not count three reports: {cells}")
        browser.screenshot("01-incidents-zho")
        browser.click(f"#incidents tr[data-incident='{incident}'] a",
                      f"/console/incidents/{incident}", "the incident's page did not open")
        listed = [r.get_attribute("data-ticket")
                  for r in browser.all("#incident-tickets tr[data-ticket]")]
        check(sorted(listed) == sorted(tickets), f"the incident's tickets: {listed} vs {tickets}")
        # The ordinary queue does not hold them: the incident is the unit of work.
        browser.get("/console/queue")
        queued = [r.get_attribute("data-ticket") for r in browser.all("#queue tr[data-ticket]")]
        check(not set(queued) & set(tickets), f"attached tickets in the queue: {queued}")

        # Confirm with an expected restore time three hours on (local time, UTC+8).
        browser.get(f"/console/incidents/{incident}")
        restore = (int(time.time()) // 60 + 180) * 60
        local = time.strftime("%Y-%m-%dT%H:%M", time.gmtime(restore + 8 * 3600))
        field = browser.find("input[name='restore']")
        browser.driver.execute_script("arguments[0].value = arguments[1];", field, local)
        browser.screenshot("02-incident-suspected-zho")
        browser.click("#do-confirm", "done=confirmed", "confirm did not redirect")
        check("已确认" in browser.find("#facts").text, "the incident is not shown confirmed")
        notice = browser.find("#notice")
        check(notice.get_attribute("data-revision") == "1", "no notice revision 1 recorded")
        browser.screenshot("03-incident-confirmed-zho")

        path = os.path.join(spool, f"central-incident-{incident}.bin")
        check(os.path.exists(path), f"no spool file {path}: {os.listdir(spool)}")
        published = verify(args.bin, path, pub)
        body = published["body"]
        check(published["status"] == "verified" and published["revision"] == 1,
              f"the notice: {published}")
        check(str(published["object_id"]) == notice.get_attribute("data-object-id"),
              "the page's object id is not the spool's")
        check(body["kind"] == "unplanned_outage" and not body["cancelled"], f"the notice: {body}")
        check(body["targets"]["areas"] == [AREA], f"the notice's areas: {body['targets']}")
        check(body["end"] == time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(restore)),
              f"the notice's end is not the restore time: {body['end']}")
        check(body["contact"] == "96123", f"the notice's contact: {body}")
        texts = {t["language"]: t["body"] for t in body["texts"]}
        check(sorted(texts) == ["eng", "spa", "zho"], f"the notice's languages: {sorted(texts)}")
        check(local[11:16] in texts["eng"] and local[11:16] in texts["zho"],
              f"the texts do not give the local restore time {local[11:16]}: {texts}")

        # A viewer who reports anyway: attached to the incident, not a new unit of work.
        late = no_picture(pki, central.port, "STB-TEST-0002")
        browser.driver.refresh()
        listed = [r.get_attribute("data-ticket")
                  for r in browser.all("#incident-tickets tr[data-ticket]")]
        check(late in listed, f"the late report {late} is not attached: {listed}")
        tickets.append(late)

        # Resolve: the cancellation over the same file, every ticket resolved.
        browser.click("#do-resolve", "done=incident_resolved", "resolve did not redirect")
        check("已恢复" in browser.find("#facts").text, "the incident is not shown resolved")
        statuses = [r.get_attribute("data-status")
                    for r in browser.all("#incident-tickets tr[data-ticket]")]
        check(statuses == ["resolved"] * len(tickets), f"the tickets after resolve: {statuses}")
        check(browser.find("#notice").get_attribute("data-revision") == "2",
              "the cancellation's revision is not recorded")
        browser.screenshot("04-incident-resolved-zho")
        withdrawn = verify(args.bin, path, pub)
        check(withdrawn["revision"] == 2 and withdrawn["body"]["cancelled"],
              f"the spool file is not the cancellation: {withdrawn}")
        check(withdrawn["object_id"] == published["object_id"], "the cancellation's object id")
        check(os.listdir(spool) == [os.path.basename(path)], f"the spool: {os.listdir(spool)}")
        status, polled = box_call(pki, central.port, "STB-TEST-0001", "GET",
                                  f"/v1/tickets/{tickets[0]}")
        check(status == 200 and polled["status"] == "resolved", f"the box's poll: {polled}")

        browser.get(f"/console/incidents/{incident}?lang=spa")
        browser.screenshot("05-incident-resolved-spa")
        browser.get(f"/console/incidents?lang=eng")
        check(browser.all("#no-incidents"), "a resolved incident is still listed as open")
        browser.screenshot("06-incidents-none-eng")
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
    missing = console_browser.missing_browser()
    missing += [p for p in (os.path.join(args.bin, "stb-central"),
                            os.path.join(args.bin, "stb-notice")) if not os.access(p, os.X_OK)]
    if missing:
        fail("missing " + ", ".join(missing) + " (scripts/install-deps installs them)")
    os.makedirs(args.out, exist_ok=True)
    for old in os.listdir(args.out):
        if old.endswith(".png"):
            os.remove(os.path.join(args.out, old))
    with tempfile.TemporaryDirectory(prefix="incident-browser-") as work:
        try:
            journey(args, work)
        except console_browser.BrowserError as e:
            fail(str(e))
    print("incident browser test: passed")


if __name__ == "__main__":
    main()
