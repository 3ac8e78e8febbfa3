"""Browser tests: the portal driven in headless Debian Chromium through Playwright's sync API.

One Chromium runs for the whole session; each test gets a fresh context (cookies, storage) and
page. A test fails if the page logged a Content Security Policy violation or a JavaScript error,
or if a static asset failed to load.
"""

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from accounts.models import User
from tests.factories import TEST_PASSWORD
from tests.otp import current_code, needs_second_factor, totp_device

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000

# Chromium reports a CSP violation in the console; this init script reports it as well from the
# page's own `securitypolicyviolation` event, so no violation goes unnoticed.
REPORT_CSP_VIOLATIONS = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI || "inline code"}`);
});
"""

# A document answered with 4xx/5xx (a 404 page we want to see) is logged by Chromium as
# "Failed to load resource"; that is network, not a script error. Static assets are checked
# separately from the responses.
NETWORK_NOISE = re.compile(r"^Failed to load resource: ")


@dataclass
class PageProblems:
    """What went wrong in the page while the test ran."""

    csp_violations: list[str] = field(default_factory=list)
    js_errors: list[str] = field(default_factory=list)
    broken_assets: list[str] = field(default_factory=list)

    def on_console(self, message):
        if message.type != "error":
            return
        text = message.text
        if "Content Security Policy" in text or text.startswith("CSP violation"):
            self.csp_violations.append(text)
        elif not NETWORK_NOISE.match(text):
            self.js_errors.append(f"console.error: {text}")

    def on_page_error(self, error):
        self.js_errors.append(f"uncaught: {error}")

    def on_response(self, response):
        if "/static/" in response.url and response.status >= 400:
            self.broken_assets.append(f"{response.status} {response.url}")

    def on_request_failed(self, request):
        if "/static/" in request.url:
            self.broken_assets.append(f"failed {request.url}: {request.failure}")

    def report(self) -> str:
        lines = []
        for title, problems in (
            ("CSP violations", self.csp_violations),
            ("JavaScript errors", self.js_errors),
            ("Broken static assets", self.broken_assets),
        ):
            if problems:
                lines.append(f"{title}:")
                lines.extend(f"  - {problem}" for problem in problems)
        return "\n".join(lines)


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's Chromium (apt-get install chromium)"
        if os.environ.get("REQUIRE_SERVICES"):  # CI: a missing browser is a failure, not a skip
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page_problems():
    return PageProblems()


@pytest.fixture
def page(browser, live_server, page_problems):
    context = browser.new_context(
        base_url=live_server.url,
        locale="id-ID",
        timezone_id="Asia/Jakarta",
        viewport={"width": 1280, "height": 800},  # wide enough for the expanded navbar (lg)
    )
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(REPORT_CSP_VIOLATIONS)
    page = context.new_page()
    page.on("console", page_problems.on_console)
    page.on("pageerror", page_problems.on_page_error)
    page.on("response", page_problems.on_response)
    page.on("requestfailed", page_problems.on_request_failed)
    yield page
    context.close()
    if report := page_problems.report():
        pytest.fail(f"The page reported problems:\n{report}", pytrace=False)


def login(page, live_server, username: str) -> None:
    """Log in through the real login form, with the second factor for those who need it (a device is
    made for a Bappeda admin without one), and check that the landing page shows."""
    from playwright.sync_api import expect

    user = User.objects.get(username=username)
    device = totp_device(user) if needs_second_factor(user) else None
    page.goto(f"{live_server.url}/akun/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    if device:
        expect(page.get_by_role("heading", name="Verifikasi dua langkah", exact=True)).to_be_visible()
        page.get_by_label("Kode verifikasi").fill(current_code(device))
        page.get_by_role("button", name="Verifikasi", exact=True).click()
    expect(page).to_have_url(f"{live_server.url}/")
    expect(page.get_by_role("heading", name=re.compile(r"^Selamat datang"))).to_be_visible()
