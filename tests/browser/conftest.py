"""Playwright driving Debian's chromium against the live test server."""

import shutil
from pathlib import Path

import pytest

from tests.conftest import DEMO_PASSWORD, service_missing

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE_JS = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


# Every page reports a Content-Security-Policy violation to the console, where the fixtures
# below collect it: the browser's own "Refused to ..." message and, from this listener, the
# violation event itself (which also catches report-only policies and blocked styles).
CSP_LISTENER = """
document.addEventListener('securitypolicyviolation', (e) => {
  console.error('Content Security Policy violation: ' + e.violatedDirective
    + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.documentURI);
});
"""


def is_csp_violation(text: str) -> bool:
    return "Content Security Policy" in text


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        service_missing("Debian's chromium (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


class CspCheckedBrowser:
    """The browser, whose every new context reports CSP violations into one list."""

    def __init__(self, browser, violations: list[str]):
        self._browser = browser
        self._violations = violations

    def new_context(self, **kwargs):
        context = self._browser.new_context(**kwargs)
        context.add_init_script(CSP_LISTENER)
        context.on("console", self._on_console)
        return context

    def _on_console(self, message) -> None:
        if is_csp_violation(message.text):
            where = message.page.url if message.page else "?"
            self._violations.append(f"{where}: {message.text}")

    def __getattr__(self, name):
        return getattr(self._browser, name)


@pytest.fixture
def csp_violations():
    """The CSP violations the browser reported during the test."""
    return []


@pytest.fixture
def browser(chromium, csp_violations):
    """Every browser test ends with no Content-Security-Policy violation on any page it saw."""
    yield CspCheckedBrowser(chromium, csp_violations)
    assert not csp_violations, "Content Security Policy violations:\n" + "\n".join(csp_violations)


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def sign_in(page, username: str, password: str = DEMO_PASSWORD) -> None:
    page.goto("/sign-in/")
    page.get_by_label("User name").fill(username)
    page.get_by_label("Password").fill(password)
    with page.expect_navigation():
        page.get_by_role("button", name="Sign in").click()


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def assert_accessible(page) -> None:
    """axe-core at WCAG 2.2 AA: zero violations, each one listed if there are any."""
    if not AXE_JS.exists():
        service_missing("axe-core (npm install)")
    # Evaluated through the debugging protocol, not as a page script, which the CSP would refuse.
    page.evaluate(AXE_JS.read_text())
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS
    )
    violations = result["violations"]
    assert result["passes"], "axe ran no checks"
    assert not violations, "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in violations
    )
