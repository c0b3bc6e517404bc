#!/usr/bin/python3
"""stb-central's staff console in headless Chromium (Debian's chromium,
chromium-driver and python3-selenium; run with /usr/bin/python3).

As a module: Browser, which the browser test (tests/tools/console) drives.
As a command, for scripts/demo: logs in and saves whole-page screenshots,
1280 wide, of the pages named, printing each page's tables as text lines
("TABLE-ID: cell | cell | ...") for the caller to check.

  console_browser.py --url https://127.0.0.1:PORT --login LOGIN --out DIR \\
                     NAME=/console/PATH ... < password
Exit 1 with a message when Chromium, chromedriver or selenium is missing, or
when the login or a page fails.
"""
import argparse
import os
import struct
import sys

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
WIDTH = 1280


class BrowserError(Exception):
    pass


def missing_browser():
    """What is missing to drive Chromium: a list of names, empty when nothing is."""
    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not os.access(p, os.X_OK)]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("python3-selenium (run with /usr/bin/python3)")
    return missing


def png_size(path):
    with open(path, "rb") as f:
        head = f.read(24)
    if head[:8] != b"\x89PNG\r\n\x1a\n":
        raise BrowserError(f"{path} is not a PNG")
    return struct.unpack(">II", head[16:24])


class Browser:
    """One headless Chromium on the console at BASE (https://HOST:PORT)."""

    def __init__(self, base, out_dir):
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        # Chromium as root needs --no-sandbox.
        for arg in ("--no-sandbox", "--headless=new", "--disable-gpu", "--disable-dev-shm-usage",
                    f"--window-size={WIDTH},900", "--hide-scrollbars"):
            options.add_argument(arg)
        # The server's certificate is from a test CA that Chromium does not know.
        options.accept_insecure_certs = True
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.base = base
        self.out_dir = out_dir

    def get(self, path):
        self.driver.get(self.base + path)

    def find(self, css):
        from selenium.webdriver.common.by import By

        return self.driver.find_element(By.CSS_SELECTOR, css)

    def all(self, css):
        from selenium.webdriver.common.by import By

        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def text(self):
        return self.find("body").text

    def wait_for_url(self, fragment, what):
        """After a click: waits (10 s at most) for the page whose URL holds FRAGMENT."""
        from selenium.common.exceptions import TimeoutException
        from selenium.webdriver.support.ui import WebDriverWait

        try:
            WebDriverWait(self.driver, 10).until(lambda d: fragment in d.current_url)
        except TimeoutException:
            raise BrowserError(f"{what}: still at {self.driver.current_url}: {self.text()[:300]}")

    def click(self, css, fragment, what):
        self.find(css).click()
        self.wait_for_url(fragment, what)

    def login(self, login, password, lang):
        self.get(f"/console/login?lang={lang}")
        self.find("#login").send_keys(login)
        self.find("#password").send_keys(password)
        self.click("#login-submit", "/console/queue", f"{login} did not get to the queue")

    def logout(self):
        self.click("#logout", "/console/login?bye=1", "logout did not lead to the login page")

    def screenshot(self, name):
        """The whole page, WIDTH wide, as OUT_DIR/NAME.png."""
        height = self.driver.execute_script(
            "return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
        self.driver.set_window_size(WIDTH, max(600, min(height + 20, 4000)))
        path = os.path.join(self.out_dir, name + ".png")
        if not self.driver.save_screenshot(path):
            raise BrowserError(f"no screenshot {path}")
        width, _ = png_size(path)
        if width != WIDTH:
            raise BrowserError(f"{path} is {width} px wide, not {WIDTH}")
        self.driver.set_window_size(WIDTH, 900)
        print(f"screenshot {path}")
        return path

    def tables(self):
        """The page's tables as lines "ID: cell | cell | ...", one per row."""
        lines = []
        for table in self.all("table[id]"):
            for row in table.find_elements("css selector", "tr"):
                cells = [c.text for c in row.find_elements("css selector", "th, td")]
                lines.append(table.get_attribute("id") + ": " + " | ".join(cells))
        return lines

    def quit(self):
        self.driver.quit()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--login", required=True)
    parser.add_argument("--lang", default="zho")
    parser.add_argument("--out", required=True)
    parser.add_argument("pages", nargs="+", help="NAME=/console/PATH")
    args = parser.parse_args()
    missing = missing_browser()
    if missing:
        sys.exit("console_browser: missing " + ", ".join(missing) +
                 " (scripts/install-deps installs them)")
    password = sys.stdin.readline().rstrip("\r\n")
    os.makedirs(args.out, exist_ok=True)
    browser = Browser(args.url, args.out)
    try:
        browser.login(args.login, password, args.lang)
        for page in args.pages:
            name, _, path = page.partition("=")
            browser.get(path)
            browser.screenshot(name)
            for line in browser.tables():
                print(f"{name} {line}")
    except BrowserError as e:
        sys.exit(f"console_browser: {e}")
    finally:
        browser.quit()


if __name__ == "__main__":
    main()
