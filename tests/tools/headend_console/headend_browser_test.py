#!/usr/bin/python3
"""The authoring console's journey in a real browser (headless Chromium,
Debian's python3-selenium and chromium-driver) against a real stb-headend
playing to a file, and a box (stbd) that plays that file afterwards.

Log in as an editor, write a notice with an error and see it flagged beside
its field, fix it, preview it (stb-preview's pictures: three sizes, each
language, ahead and live, and the crossing times), publish it, see it in the
list, the audit log and the status page; then stbd reads what stb-headend
played and shows the crawl. Screenshots of the pages, the preview pictures
and the box's screen go to --out.

Usage: headend_browser_test.py --bin BUILD/bin --source REPO --out DIR [--preview PROGRAM]
Fails (exit 1) when chromium, chromedriver, selenium, stb-headend, stbd,
stb-notice, stb-preview or scripts/make-test-pki are missing: it never skips.
"""
import argparse
import base64
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "../../../scripts"))
import console_browser  # noqa: E402

PASSWORD = "headend-test-password"
AREAS = {"areas": [
    {"code": "360102", "name": "Nanchang Donghu", "kind": "city", "households": 4200,
     "nodes": ["360102-n01"], "worker": None},
    {"code": "4401", "name": "Guangzhou", "kind": "city", "households": 4000,
     "nodes": ["4401-n01"], "worker": None},
]}
SIZES = ("720x576", "1280x720", "1920x1080")
LANGUAGES = ("zho", "spa", "eng")


def fail(message):
    print(f"headend browser test: FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def check(condition, message):
    if not condition:
        fail(message)


def need_tools(args):
    missing = console_browser.missing_browser()
    for program in ("stb-headend", "stbd", "stb-notice"):
        if not os.access(os.path.join(args.bin, program), os.X_OK):
            missing.append(os.path.join(args.bin, program))
    if not os.access(args.preview, os.X_OK):
        missing.append(args.preview)
    if not os.access(os.path.join(args.source, "scripts/make-test-pki"), os.X_OK):
        missing.append("scripts/make-test-pki")
    check(not missing, "missing " + ", ".join(missing))


def utc(seconds):
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(seconds))


class Headend:
    """One stb-headend with its console, playing to WORK/air.ts in real time."""

    def __init__(self, args, work, config):
        self.log_path = os.path.join(work, "headend.log")
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [os.path.join(args.bin, "stb-headend"), "--config", config],
            stdout=subprocess.DEVNULL, stderr=self.log)
        self.port = None
        for _ in range(100):
            found = re.search(r"console listening on port (\d+)", open(self.log_path).read())
            if found:
                self.port = int(found.group(1))
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        self.stop()
        fail(f"stb-headend did not start its console: {open(self.log_path).read()[-2000:]}")

    def stop(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


def fill(browser, values):
    """Types VALUES ({name: text}) into the form's fields, replacing what is there."""
    for name, value in values.items():
        field = browser.find(f"#notice-form [name='{name}']")
        field.clear()
        field.send_keys(value)


def setup(args, work):
    keys = os.path.join(work, "keys")
    subprocess.run([os.path.join(args.bin, "stb-notice"), "keygen", "--out", keys], check=True,
                   capture_output=True)
    pki = os.path.join(work, "pki")
    subprocess.run([os.path.join(args.source, "scripts/make-test-pki"), pki], check=True,
                   capture_output=True)
    areas = os.path.join(work, "areas.json")
    with open(areas, "w") as f:
        json.dump(AREAS, f)
    staff_db = os.path.join(work, "staff.db")
    for login, role, name in (("li.editor", "editor", "李编辑"), ("wang.boss", "supervisor", "王主管")):
        result = subprocess.run([os.path.join(args.bin, "stb-headend"), "staff-add", "--db",
                                 staff_db, "--login", login, "--role", role, "--name", name],
                                input=PASSWORD + "\n", text=True, capture_output=True)
        check(result.returncode == 0, f"staff-add {login}: {result.stderr}")
    for d in ("spool", "state"):
        os.makedirs(os.path.join(work, d))
    config = {
        "spool_dir": os.path.join(work, "spool"), "state_dir": os.path.join(work, "state"),
        "output": "file:" + os.path.join(work, "air.ts"), "bitrate_kbps": 1000,
        "budget_kbps": 200, "tdt": {"enabled": True, "country": "CHN", "offset_minutes": 480},
        "console": {"listen": "127.0.0.1:0", "cert": f"{pki}/server.pem",
                    "key": f"{pki}/server.key", "staff_db": staff_db,
                    "signing_key": os.path.join(keys, "operator.key.pem"), "areas": areas,
                    "preview_program": args.preview},
    }
    path = os.path.join(work, "headend.json")
    with open(path, "w") as f:
        json.dump(config, f)
    return path, keys


def write_and_preview(browser, args):
    """The form with an error, flagged beside its field; fixed; the preview."""
    browser.get("/headend/new")
    check("/headend/login" in browser.driver.current_url, "the form showed without a login")
    browser.get("/headend/login?lang=eng&next=/headend/new")
    browser.find("#login").send_keys("li.editor")
    browser.find("#password").send_keys(PASSWORD)
    browser.click("#login-submit", "/headend/new", "the editor did not get to the form")
    now = time.time()
    browser.find("#notice-form input[name='area'][value='360102']").click()
    fill(browser, {
        "priority": "2", "start": utc(now - 1800), "end": utc(now + 3 * 3600),
        "title_zho": "计划维护", "body_zho": "今晚光缆维护，部分频道可能中断。",
        "title_spa": "Mantenimiento", "body_spa": "Mantenimiento de la red esta noche.",
        "title_eng": "Maintenance", "body_eng": "Network maintenance tonight.",
        "contact": "call us",  # the error: a contact is a phone number
    })
    browser.click("#preview", "/headend/new", "the form was not sent")
    flagged = browser.all("#error-contact")
    check(len(flagged) == 1, f"the contact's error is not beside it: {browser.text()[:600]}")
    check(not browser.all("#error-start") and not browser.all("#error-title_zho"),
          "a field without an error is flagged")
    check(not browser.all("#preview-result"), "a preview of an invalid notice")
    browser.screenshot("01-form-error-eng")

    fill(browser, {"contact": "96123"})
    browser.click("#preview", "/headend/new", "the form was not sent again")
    check(not browser.all(".field-error"), f"errors left: {browser.text()[:600]}")
    check(not browser.all("#preview-error"), f"the preview failed: {browser.text()[:600]}")
    images = browser.all("#preview-result img")
    sources = [i.get_attribute("src") for i in images]
    check(len(images) == len(LANGUAGES) * len(SIZES) * 2, f"{len(images)} preview pictures")
    for lang in LANGUAGES:
        for size in SIZES:
            for state in ("ahead", "live"):
                name = f"{lang}-{size}-{state}.png"
                check(any(s.endswith("/" + name) for s in sources), f"no preview {name}")
    loaded = browser.driver.execute_script(
        "return Array.from(document.querySelectorAll('#preview-result img'))"
        ".filter(i => i.complete && i.naturalWidth > 0).length")
    check(loaded == len(images), f"only {loaded} of {len(images)} preview pictures loaded")
    crossings = browser.all("#crossings tr td:nth-child(2)")
    check(len(crossings) >= 3 and all(float(c.text) > 0 for c in crossings),
          f"no crossing times: {[c.text for c in crossings]}")
    browser.screenshot("02-preview-eng")


def save_previews(browser, out):
    """The live previews in Chinese at the three sizes, as the page loaded them
    (an authenticated GET each), saved for looking at."""
    for size in SIZES:
        width, height = map(int, size.split("x"))
        img = browser.find(f"#preview-result img[src$='/zho-{size}-live.png']")
        natural = browser.driver.execute_script(
            "return [arguments[0].naturalWidth, arguments[0].naturalHeight]", img)
        check(natural == [width, height], f"the {size} preview is {natural}")
        # The picture as the browser holds it, at its own size (the page's
        # policy lets no script fetch; a canvas of the same origin may read it).
        data = browser.driver.execute_script(
            "const i = arguments[0], c = document.createElement('canvas');"
            "c.width = i.naturalWidth; c.height = i.naturalHeight;"
            "c.getContext('2d').drawImage(i, 0, 0); return c.toDataURL('image/png');", img)
        check(data.startswith("data:image/png;base64,"), f"the {size} preview did not read")
        path = os.path.join(out, f"03-preview-zho-{size}-live.png")
        with open(path, "wb") as f:
            f.write(base64.b64decode(data.split(",", 1)[1]))
        check(console_browser.png_size(path) == (width, height), f"{path} is not {size}")


def journey(args, work):
    config, keys = setup(args, work)
    headend = Headend(args, work, config)
    browser = None
    try:
        browser = console_browser.Browser(f"https://127.0.0.1:{headend.port}", args.out)
        write_and_preview(browser, args)
        save_previews(browser, args.out)
        # Published from the previewed form, as it stands.
        browser.click("#publish", "done=published", "publishing did not lead to the list")
        rows = browser.all("#published tr[id^='notice-']")
        check(len(rows) == 1 and "计划维护" in rows[0].text,
              f"the notice is not in the list: {browser.text()[:600]}")
        browser.screenshot("04-published-eng")
        browser.get("/headend/audit?lang=zho")
        audit = browser.all("#audit tr td")
        check(audit and "li.editor" in browser.find("#audit").text and
              re.search(r"[0-9a-f]{64}", browser.find("#audit").text),
              f"no audit row with its hash: {browser.text()[:600]}")
        browser.screenshot("05-audit-zho")
        # The playout takes it from the spool; the status page says it is on air.
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            browser.get("/headend/status?lang=spa")
            cells = [c.text for c in browser.all("#on-air tr td")]
            if "0xC0" in cells and any(re.match(r"\d{4}-\d\d-\d\dT", c) for c in cells):
                break
            time.sleep(1)
        else:
            fail(f"the notice never showed on air: {browser.text()[:800]}")
        browser.screenshot("06-status-spa")
        time.sleep(6)  # more than one notice interval on air after that
    finally:
        if browser:
            browser.quit()
        headend.stop()
    check(headend.process.returncode == 0,
          f"stb-headend exited {headend.process.returncode}: {open(headend.log_path).read()[-2000:]}")
    box(args, work, keys)


def box(args, work, keys):
    """stbd plays what stb-headend played; its screen shows the crawl."""
    state = os.path.join(work, "box-state")
    screens = os.path.join(work, "box-screens")
    os.makedirs(state)
    os.makedirs(screens)
    conf = os.path.join(work, "stbd.conf")
    with open(conf, "w") as f:
        f.write(f"[box]\narea_code = 360102\nnode = 17\nbox_id = STB-TEST-0001\n"
                f"smartcard_id = 8610012345678\n[keys]\nsigning = {keys}/operator.pub.pem\n"
                f"[display]\nsize = 1280x720\nsystem = dummy\n[languages]\npreferred = zho, eng\n"
                f"[state]\ndir = {state}\n[schedule]\nviewing_hours = 00:00-24:00\n")
    log = os.path.join(work, "stbd.log")
    with open(log, "w") as err:
        result = subprocess.run([os.path.join(args.bin, "stbd"), "--config", conf, "--source",
                                 os.path.join(work, "air.ts"), "--replay", "fast",
                                 "--snapshot-dir", screens, "--snapshot-every", "2s",
                                 "--log-level", "debug"], stderr=err, timeout=120)
    text = open(log, errors="replace").read()
    check(result.returncode == 0, f"stbd exited {result.returncode}: {text[-2000:]}")
    bars = re.findall(r"bar: notice:1 at (\S+)Z.*", text)
    check(bars, f"stbd never showed the notice: {text[-2000:]}")
    check("计划维护" in text or "维护" in text, "the crawl is not the Chinese text")
    # The first screenshot after the bar came up.
    stamp = bars[0].replace("-", "").replace(":", "")
    shots = sorted(n for n in os.listdir(screens) if n.endswith(".png") and n[:-4] > stamp)
    check(shots, f"no screenshot after {stamp}: {sorted(os.listdir(screens))[:10]}")
    shutil.copy(os.path.join(screens, shots[0]), os.path.join(args.out, "07-box-crawl.png"))
    check(console_browser.png_size(os.path.join(args.out, "07-box-crawl.png")) == (1280, 720),
          "the box's screenshot is not 1280x720")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--out", required=True)
    parser.add_argument("--preview", help="the preview program (default: BIN/stb-preview)")
    args = parser.parse_args()
    args.preview = args.preview or os.path.join(args.bin, "stb-preview")
    need_tools(args)
    os.makedirs(args.out, exist_ok=True)
    for old in os.listdir(args.out):
        if old.endswith(".png"):
            os.remove(os.path.join(args.out, old))
    with tempfile.TemporaryDirectory(prefix="headend-browser-") as work:
        try:
            journey(args, work)
        except console_browser.BrowserError as e:
            fail(str(e))
    print("headend browser test: passed")


if __name__ == "__main__":
    main()
