#!/usr/bin/python3
"""The web dashboard in a real browser (issue 16): headless Chromium driven by Selenium through
chromium-driver, against the real langnghe-server on loopback with a fresh station holding sample
records that a field device synced.

It logs in with a one-time password, changes it, reads the overview, switches language, checks that
no page opens without a session, that a form posted without its CSRF token is refused, and that a
ward's user never sees another ward. Each page is checked for accessibility basics in the page
itself (a label for every input, one h1, headings in order, a lang attribute, text contrast of
4.5:1) and saved as a screenshot under --screenshots for a person to look at.

Exit 0: passed; 1: failed; 77: skipped (CTest SKIP_RETURN_CODE) because chromium, chromium-driver or
python3-selenium is missing (scripts/install-deps installs them). Every process it starts is stopped
at the end, on failure too, and the whole run is bounded by --timeout.
"""
import argparse
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time

SKIP = 77
CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"

UNITS = """code,name,kind,parent_code
01,Thành phố Hà Nội,city,
00004,Phường Ba Đình,ward,01
00007,Phường Ngọc Hà,ward,01
"""

# Runs in the page: what a person using a screen reader or a low-contrast screen would trip over.
A11Y_SCRIPT = r"""
const problems = [];
if (!document.documentElement.getAttribute('lang')) problems.push('no lang attribute on <html>');
for (const input of document.querySelectorAll('input, select, textarea')) {
  if (input.type === 'hidden') continue;
  const labelled = (input.id && document.querySelector('label[for="' + CSS.escape(input.id) + '"]')) ||
                   input.closest('label') || input.getAttribute('aria-label');
  if (!labelled) problems.push('input without a label: ' + (input.name || input.id || input.outerHTML));
}
const h1s = document.querySelectorAll('h1').length;
if (h1s !== 1) problems.push('expected one h1, found ' + h1s);
let last = 0;
for (const h of document.querySelectorAll('h1, h2, h3, h4, h5, h6')) {
  const level = Number(h.tagName[1]);
  if (last && level > last + 1) problems.push('heading level jumps from h' + last + ' to h' + level + ': ' + h.textContent);
  last = level;
}
function rgba(text) {
  const m = text.match(/rgba?\(([^)]*)\)/);
  if (!m) return null;
  const p = m[1].split(',').map(Number);
  return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
}
function luminance(c) {
  const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
}
function background(el) {
  for (let e = el; e; e = e.parentElement) {
    const c = rgba(getComputedStyle(e).backgroundColor);
    if (c && c.a === 1) return c;
  }
  return {r: 255, g: 255, b: 255, a: 1};
}
let checked = 0;
for (const el of document.body.querySelectorAll('*')) {
  if (el.closest('svg')) continue;
  const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  if (!own || !el.getClientRects().length) continue;
  const fg = rgba(getComputedStyle(el).color);
  if (!fg || fg.a !== 1) continue;
  const l1 = luminance(fg), l2 = luminance(background(el));
  const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
  checked++;
  if (ratio < 4.5) problems.push('contrast ' + ratio.toFixed(2) + ':1 for "' + el.textContent.trim().slice(0, 40) + '"');
}
if (!checked) problems.push('no text was checked for contrast');
return problems;
"""


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def run(argv, env=None):
    result = subprocess.run(argv, capture_output=True, text=True, timeout=60, env=env)
    if result.returncode != 0:
        raise Failure("%s: exit %d\n%s%s" % (" ".join(argv), result.returncode, result.stdout, result.stderr))
    return result.stdout


def one_time_password(printed):
    m = re.search(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", printed)
    check(m, "no one-time password in: " + printed)
    return m.group(0)


class Run:
    def __init__(self, args, tmp):
        self.args = args
        self.tmp = tmp
        self.processes = []
        self.driver = None
        self.service = None
        self.shots = []

    # ---- the station and its records ----
    def server(self, *argv):
        return run([self.args.server, "--lang", "en", "--data", os.path.join(self.tmp, "station")] + list(argv))

    def start_station(self):
        self.server("init")
        units = os.path.join(self.tmp, "units.csv")
        with open(units, "w", encoding="utf-8") as f:
            f.write(UNITS)
        self.server("unit", "import", units)
        self.port = free_port()
        self.url = "http://127.0.0.1:%d" % self.port
        self.server_out = open(os.path.join(self.tmp, "server.out"), "w")
        self.server_err = open(os.path.join(self.tmp, "server.err"), "w")
        process = subprocess.Popen([self.args.server, "--data", os.path.join(self.tmp, "station"), "serve", "--listen",
                                    "127.0.0.1:%d" % self.port], stdout=self.server_out, stderr=self.server_err)
        self.processes.append(process)
        deadline = time.monotonic() + 20
        while True:
            with open(os.path.join(self.tmp, "server.out")) as f:
                if "listening on" in f.read():
                    break
            check(process.poll() is None, "the server ended: " + open(os.path.join(self.tmp, "server.err")).read())
            check(time.monotonic() < deadline, "the server did not start listening within 20 s")
            time.sleep(0.05)
        # A field device enrolls, writes sample records of both wards (the last 90 days) and syncs them.
        env = dict(os.environ, LANGNGHE_OFFICER="Thượng úy Lê Văn Bình")
        for name in ("LANG", "LC_ALL", "LANGUAGE", "LANGNGHE_DB"):
            env.pop(name, None)
        device = ["--lang", "en", "--db", os.path.join(self.tmp, "device.db")]
        code = self.server("enroll-code", "issue", "--unit", "01", "--role", "officer").splitlines()[0]
        run([self.args.cli] + device + ["init", "--officer", env["LANGNGHE_OFFICER"]], env)
        run([self.args.cli] + device + ["enroll", "--server", self.url, "--code", code], env)
        run([self.args.cli] + device + ["sample", "--unit", "01", "--feedback", "20", "--forums", "2", "--ballots", "6"], env)
        run([self.args.cli] + device + ["sync"], env)
        self.device, self.device_env = device, env

    # ---- the browser ----
    def start_browser(self):
        from selenium import webdriver
        from selenium.webdriver.chrome.options import Options
        from selenium.webdriver.chrome.service import Service
        options = Options()
        options.binary_location = CHROMIUM
        for a in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=1280,900",
                  "--user-data-dir=" + os.path.join(self.tmp, "chromium"), "--no-first-run", "--disable-extensions"):
            options.add_argument(a)
        self.service = Service(executable_path=CHROMEDRIVER, port=free_port(),
                               log_path=os.path.join(self.tmp, "chromedriver.log"))
        self.driver = webdriver.Chrome(service=self.service, options=options)
        self.driver.set_page_load_timeout(30)
        self.driver.set_script_timeout(30)

    def get(self, path):
        self.driver.get(self.url + path)

    def path(self):
        return self.driver.current_url[len(self.url):]

    def text(self):
        return self.driver.find_element("tag name", "body").text

    def click_and_wait(self, css):
        # A click returns before the page it submits to has loaded. Mark the old page and wait for a
        # loaded page without the mark; while the browser navigates, asking about the old page may
        # fail in several ways (stale element, "node does not belong to the document"), each of
        # which only means the answer is not there yet.
        from selenium.common.exceptions import WebDriverException
        from selenium.webdriver.support.ui import WebDriverWait
        self.driver.execute_script("window.langngheOldPage = true")
        self.driver.find_element("css selector", css).click()

        def new_page_loaded(driver):
            return driver.execute_script(
                "return window.langngheOldPage === undefined && document.readyState === 'complete'")

        WebDriverWait(self.driver, 30, ignored_exceptions=(WebDriverException,)).until(new_page_loaded)

    def fill(self, fields):
        for name, value in fields.items():
            element = self.driver.find_element("name", name)
            element.clear()
            element.send_keys(value)
        self.click_and_wait("main form button[type=submit]")

    def accessible(self, what):
        problems = self.driver.execute_script(A11Y_SCRIPT)
        check(not problems, "%s: accessibility problems: %s" % (what, "; ".join(problems)))

    def screenshot(self, name, width=1280):
        height = self.driver.execute_script("return document.documentElement.scrollHeight")
        self.driver.set_window_size(width, max(600, min(int(height) + 40, 6000)))
        path = os.path.join(self.args.screenshots, name + ".png")
        check(self.driver.save_screenshot(path), "could not save " + path)
        self.shots.append(path)
        self.driver.set_window_size(1280, 900)

    def log_in(self, name, password):
        self.driver.delete_all_cookies()
        self.get("/ui/")
        self.fill({"username": name, "password": password})

    # ---- the scenario ----
    def scenario(self):
        otp = one_time_password(self.server("user", "add", "--name", "giamsat", "--unit", "01", "--role", "supervisor"))
        ward_otp = one_time_password(self.server("user", "add", "--name", "phuong.a", "--unit", "00004", "--role", "unit_head"))

        # No page opens without a session: each lands on the login form.
        for path in ("/ui/password", "/ui/feedback", "/ui/devices", "/ui/no-such-page"):
            self.get(path)
            check(self.path() == "/ui/", "%s without a session ended at %s, not the login form" % (path, self.path()))
            check(self.driver.find_elements("name", "username"), path + ": no login form")
        check(self.driver.execute_script("return document.documentElement.lang") == "vi", "the login form is not Vietnamese first")
        self.accessible("login")
        self.screenshot("01-login")

        # A wrong password is refused without saying whether the name exists.
        self.fill({"username": "giamsat", "password": "sai mật khẩu"})
        check(self.driver.find_elements("css selector", ".error"), "a wrong password showed no error")
        check(self.path() == "/ui/login", "a wrong password did not stay on the form")
        self.accessible("login refused")

        # The one-time password opens only the change form.
        self.fill({"username": "giamsat", "password": otp})
        check(self.path() == "/ui/password", "the one-time password led to %s, not the password form" % self.path())
        self.accessible("password form")
        self.screenshot("02-change-password")
        self.get("/ui/")
        check(self.path() == "/ui/password", "the overview opened before the password was changed")

        # A form posted without its CSRF token is refused, and the password stays as it was.
        status = self.driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            fetch('/ui/password', {method: 'POST', headers: {'Content-Type': 'application/x-www-form-urlencoded'},
                                   body: 'current=' + encodeURIComponent(arguments[0]) + '&new_password=abcdefghijkl&confirm=abcdefghijkl'})
              .then(r => done(r.status), e => done(String(e)));""", otp)
        check(status == 403, "a POST without the CSRF token answered %r, not 403" % (status,))
        self.get("/ui/")
        check(self.path() == "/ui/password", "the password changed without a CSRF token")

        new_password = "Mật khẩu mới 2026"
        self.fill({"current": otp, "new_password": new_password, "confirm": new_password})
        check(self.path() == "/ui/", "after the change the browser is at %s" % self.path())
        heading = self.driver.find_element("tag name", "h1").text
        check(heading.startswith("Tổng quan: 01"), "the overview's heading is %r" % heading)
        body = self.text()
        for expected in ("Tổng số ý kiến", "Đã giải đáp", "Phường Ba Đình", "Phường Ngọc Hà", "Mức hài lòng theo tháng"):
            check(expected in body, "the overview lacks %r" % expected)
        check(self.driver.find_elements("css selector", ".chart svg"), "the overview has no satisfaction chart")
        self.accessible("overview")
        self.screenshot("03-overview")

        self.get("/ui/?lang=en")
        check(self.driver.execute_script("return document.documentElement.lang") == "en", "?lang=en did not switch")
        self.get("/ui/")
        check("Feedback received" in self.text(), "the English choice was not kept by its cookie")
        self.accessible("overview in English")
        self.screenshot("04-overview-en")
        self.get("/ui/?lang=vi")

        # Readable on a phone: nothing wider than the screen but inside its scrolling box.
        self.driver.set_window_size(390, 844)
        self.get("/ui/")
        overflow = self.driver.execute_script("return document.documentElement.scrollWidth - window.innerWidth")
        check(overflow <= 1, "at 390 px the page is %d px wider than the screen" % overflow)
        self.screenshot("05-overview-phone", width=390)

        self.click_and_wait("header form button")  # log out
        self.get("/ui/password")
        check(self.path() == "/ui/", "a page opened after logging out")

        # A ward's unit head sees that ward only.
        self.log_in("phuong.a", ward_otp)
        self.fill({"current": ward_otp, "new_password": "Phường A mật khẩu", "confirm": "Phường A mật khẩu"})
        check(self.driver.find_element("tag name", "h1").text.startswith("Tổng quan: 00004"), "the ward user is not on ward 00004")
        check("Ngọc Hà" not in self.driver.page_source and "00007" not in self.driver.page_source,
              "ward 00004's user sees ward 00007")
        self.screenshot("06-ward-overview")
        self.get("/ui/?unit=00007")
        check(self.driver.find_element("tag name", "h1").text == "Không tìm thấy", "ward 00004's user opened ward 00007")
        check("Ngọc Hà" not in self.driver.page_source, "the refusal names ward 00007")
        self.accessible("not found")

    def feedback_scenario(self):
        # Still the ward's unit head (scenario ends signed in as phuong.a): the feedback table of
        # ward 00004, filtered through its form, a detail page, and an export of the filter.
        self.get("/ui/feedback")
        heading = self.driver.find_element("tag name", "h1").text
        check(heading.startswith("Ý kiến người dân: 00004"), "the feedback table's heading is %r" % heading)
        check("00007" not in self.driver.page_source and "Ngọc Hà" not in self.driver.page_source,
              "ward 00004's table shows ward 00007")
        rows = self.driver.find_elements("css selector", "main tbody tr th[scope=row] a")
        check(rows, "the feedback table has no rows")
        total = int(re.search(r"(\d+) ý kiến", self.text()).group(1))
        self.accessible("feedback table")
        self.screenshot("07-feedback-table")

        # Filter by a status: the form is a GET, so the filter is in the address and every row has it.
        box = self.driver.find_element("name", "status_new")
        status_label = box.find_element("xpath", "..").text.strip()
        box.click()
        self.click_and_wait("main form button[type=submit]")
        check("status_new=1" in self.path(), "the filter is not in the address: %s" % self.path())
        check(self.driver.find_element("name", "status_new").is_selected(), "the filtered page lost the checked status")
        filtered = int(re.search(r"(\d+) ý kiến", self.text()).group(1))
        check(0 < filtered <= total, "filtering by status kept %d of %d rows" % (filtered, total))
        statuses = {td.text for td in self.driver.find_elements("css selector", "main tbody tr td:nth-of-type(3)")}
        check(statuses == {status_label}, "rows filtered by %r have statuses %r" % (status_label, statuses))
        self.accessible("feedback table filtered")
        self.screenshot("08-feedback-filtered")

        # A detail page, with its history sections.
        self.click_and_wait("main tbody tr th[scope=row] a")
        check(self.path().startswith("/ui/feedback/fb-"), "the row link led to %s" % self.path())
        check(self.driver.find_element("tag name", "h1").text.startswith("Ý kiến "), "the detail page has no heading")
        for section in ("Lịch sử trạng thái", "Các lần sửa", "Ghi chú", "Kế hoạch khắc phục", "Xung đột được giữ lại"):
            check(section in self.text(), "the detail page lacks %r" % section)
        self.accessible("feedback detail")
        self.screenshot("09-feedback-detail")

        # The export of the filter: CSV with a BOM, and a line in the audit log.
        self.driver.back()
        link = self.driver.find_element("link text", "CSV").get_attribute("href")
        check("status_new=1" in link, "the export link does not carry the filter: " + link)
        answer = self.driver.execute_async_script("""
            const done = arguments[arguments.length - 1];
            fetch(arguments[0]).then(r => r.arrayBuffer().then(b => done(
                {status: r.status, type: r.headers.get('Content-Type'), head: Array.from(new Uint8Array(b).slice(0, 3)),
                 lines: new TextDecoder().decode(b).split('\\n').filter(l => l).length})), e => done({error: String(e)}));""", link)
        check(answer.get("status") == 200, "the CSV export answered %r" % (answer,))
        check(answer["head"] == [0xEF, 0xBB, 0xBF], "the CSV export does not start with a BOM: %r" % (answer["head"],))
        check(answer["lines"] == filtered + 1, "the CSV export has %d lines for %d rows" % (answer["lines"], filtered))
        audit = self.server("user", "audit")
        check(re.search(r"phuong\.a\t[^\t]*\texport\tcsv with personal data status_new=1", audit),
              "no export line in the audit log:\n" + audit)
        self.get("/ui/feedback?lang=en")
        check("Feedback" in self.driver.find_element("tag name", "h1").text, "the English table has no English heading")
        self.accessible("feedback table in English")
        self.screenshot("10-feedback-table-en")
        self.get("/ui/feedback?lang=vi")
        self.get("/ui/audit")
        check(self.driver.find_element("tag name", "h1").text == "Bị từ chối", "a unit head opened the audit log")

        # An admin reads the audit log, newest first: the unit head's export is there.
        admin_otp = one_time_password(self.server("user", "add", "--name", "quantri", "--unit", "01", "--role", "admin"))
        self.log_in("quantri", admin_otp)
        self.fill({"current": admin_otp, "new_password": "Quản trị mật khẩu", "confirm": "Quản trị mật khẩu"})
        self.get("/ui/feedback")
        self.click_and_wait("main a[href='/ui/audit']")
        check(self.driver.find_element("tag name", "h1").text == "Nhật ký truy cập", "the admin's audit link led elsewhere")
        check("Xuất dữ liệu" in self.text() and "phuong.a" in self.text(), "the audit page lacks the unit head's export")
        self.accessible("audit log")
        self.screenshot("11-audit-log")

    def devices_scenario(self):
        otp = one_time_password(self.server("user", "add", "--name", "quantri.tb", "--unit", "01", "--role", "admin"))
        self.log_in("quantri.tb", otp)
        self.fill({"current": otp, "new_password": "Quản trị mật khẩu 2026", "confirm": "Quản trị mật khẩu 2026"})
        self.get("/ui/devices")
        check(self.driver.find_element("tag name", "h1").text == "Thiết bị", "the admin's devices page did not open")
        rows = self.driver.find_elements("css selector", "main table tbody tr")
        check(len(rows) == 1, "the devices page lists %d devices, not the one enrolled" % len(rows))
        check(re.search(r"\d+\.\d+\.\d+", rows[0].text), "the device's row shows no client version: %r" % rows[0].text)
        self.accessible("devices")
        self.screenshot("20-devices")

        # An enrollment code, shown with its QR code.
        self.driver.find_element("name", "unit").clear()
        self.driver.find_element("name", "unit").send_keys("00004")
        self.click_and_wait("form.issue button[type=submit]")
        check(self.driver.find_elements("css selector", "figure.qr svg"), "the issued code has no QR code")
        code = self.driver.find_element("id", "enroll-code").text
        check(re.fullmatch(r"[0-9A-Z-]{8,}", code), "the issued code is %r" % code)
        self.accessible("enrollment code")
        self.screenshot("21-enrollment-code")

        # Revoke the device: a confirmation page, then the list says so and the device's next sync is refused.
        self.get("/ui/devices")
        self.click_and_wait("form[action='/ui/devices/revoke'] button")
        check("/ui/devices/revoke" in self.path(), "revoking did not ask to confirm")
        self.accessible("revoke confirmation")
        self.screenshot("22-revoke-confirm")
        self.click_and_wait("main form button[type=submit]")
        check(self.driver.find_elements("css selector", ".notice"), "the devices page does not say the device was revoked")
        check(not self.driver.find_elements("css selector", "form[action='/ui/devices/revoke']"),
              "the revoked device can still be revoked")
        result = subprocess.run([self.args.cli] + self.device + ["sync"], capture_output=True, text=True, timeout=60,
                                env=self.device_env)
        check(result.returncode != 0, "the revoked device's sync succeeded")
        check("revoked" in (result.stdout + result.stderr).lower(),
              "the revoked device's sync did not say why: %s%s" % (result.stdout, result.stderr))

        # Nobody but an admin opens the page.
        self.log_in("phuong.a", "Phường A mật khẩu")
        self.get("/ui/devices")
        check(self.driver.find_element("tag name", "h1").text == "Bị từ chối", "a unit head opened the devices page")

    def pages_scenario(self):
        """The actions, forums and ballots pages, and a forum's printable minutes, for a city user."""
        otp = one_time_password(self.server("user", "add", "--name", "trang.bao.cao", "--unit", "01", "--role", "supervisor"))
        self.log_in("trang.bao.cao", otp)
        self.fill({"current": otp, "new_password": "Trang báo cáo 2026", "confirm": "Trang báo cáo 2026"})
        check(self.path() == "/ui/", "the pages' user is at %s after the password change" % self.path())
        pages = (("/ui/actions", "Kế hoạch quá hạn và sắp đến hạn: 01", "30-actions"),
                 ("/ui/forums", "Hội nghị: 01", "31-forums"),
                 ("/ui/ballots?year=%d" % time.gmtime().tm_year, "Phiếu đánh giá sự hài lòng: 01", "32-ballots"),
                 ("/ui/ballots?lang=en", "Satisfaction ballots: 01", "33-ballots-en"))
        for path, heading, shot in pages:
            self.get(path)
            h1 = self.driver.find_element("tag name", "h1").text
            check(h1.startswith(heading), "%s: the heading is %r" % (path, h1))
            self.accessible(path)
            self.screenshot(shot)
        self.get("/ui/?lang=vi")
        self.get("/ui/forums")
        links = self.driver.find_elements("css selector", "main a[href$='/minutes']")
        check(links, "the forums page links no minutes")
        for nav in ("/ui/actions", "/ui/forums", "/ui/ballots"):
            check(self.driver.find_elements("css selector", "header nav a[href='%s']" % nav), "no link to %s in the header" % nav)
        self.get(links[0].get_attribute("href")[len(self.url):])
        h1 = self.driver.find_element("tag name", "h1").text
        check(h1.startswith("BIÊN BẢN HỘI NGHỊ"), "the minutes' heading is %r" % h1)
        font = self.driver.execute_script("return getComputedStyle(document.body).fontFamily")
        check("Times New Roman" in font, "the minutes' own style was not applied (font %r)" % font)
        self.accessible("forum minutes")
        self.screenshot("34-forum-minutes")
        self.get("/ui/forums/fo-0000000000000000/minutes")
        check(self.driver.find_element("tag name", "h1").text == "Không tìm thấy", "a missing forum's minutes opened")

    def stop(self):
        if self.driver is not None:
            try:
                self.driver.quit()
            except Exception:
                pass
        if self.service is not None:
            try:
                self.service.stop()
            except Exception:
                pass
        for p in self.processes:
            if p.poll() is None:
                p.terminate()
                try:
                    p.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    p.kill()
                    p.wait()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--server", required=True)
    parser.add_argument("--cli", required=True)
    parser.add_argument("--screenshots", required=True)
    parser.add_argument("--timeout", type=int, default=150, help="seconds for the whole run")
    args = parser.parse_args()

    missing = [p for p in (CHROMIUM, CHROMEDRIVER) if not os.access(p, os.X_OK)]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("python3-selenium")
    if missing:
        print("SKIPPED: the browser test needs chromium, chromium-driver and python3-selenium (scripts/install-deps "
              "installs them); missing: " + ", ".join(missing))
        return SKIP

    def out_of_time(signum, frame):
        raise Failure("the browser test took longer than %d s" % args.timeout)

    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(args.timeout)
    os.makedirs(args.screenshots, exist_ok=True)
    tmp = tempfile.mkdtemp(prefix="langnghe-ui-")
    r = Run(args, tmp)
    started = time.monotonic()
    try:
        r.start_station()
        r.start_browser()
        r.scenario()
        r.feedback_scenario()
        r.devices_scenario()
        r.pages_scenario()
        print("passed in %.1f s; screenshots: %s" % (time.monotonic() - started, ", ".join(r.shots)))
        return 0
    except Exception as e:  # noqa: BLE001 (every failure is reported the same way)
        print("FAILED: %s: %s" % (type(e).__name__, e))
        if r.driver is not None:
            try:
                r.driver.save_screenshot(os.path.join(args.screenshots, "failure.png"))
                print("page at failure (%s), screenshot failure.png" % r.driver.current_url)
            except Exception:
                pass
        for name in ("server.err", "chromedriver.log"):
            path = os.path.join(tmp, name)
            if os.path.exists(path):
                with open(path, errors="replace") as f:
                    print("---- %s (last lines)\n%s" % (name, "".join(f.readlines()[-30:])))
        return 1
    finally:
        signal.alarm(0)
        r.stop()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
