"""The Content-Security-Policy holds in the browser, and the CSP check of every browser test works."""

import pytest

from .conftest import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_injected_inline_script_is_refused_and_reported(page, csp_violations):
    page.goto("/accessibility/")
    assert page.evaluate("document.body.classList.contains('js-enabled')"), (
        "the page's own inline script, carrying the nonce, ran"
    )
    page.evaluate(
        """() => {
          const script = document.createElement('script');
          script.textContent = 'window.injected = true';
          document.body.appendChild(script);
        }"""
    )
    page.wait_for_timeout(200)
    assert page.evaluate("window.injected === undefined")
    assert any("script-src" in violation for violation in csp_violations), csp_violations
    csp_violations.clear()  # seen and expected: the fixture's own check stays for the rest


def test_a_signed_in_page_runs_gov_uk_frontend_under_the_policy(page, caseworker):
    sign_in(page, caseworker.username)
    assert page.evaluate("document.body.classList.contains('govuk-frontend-supported')")
    # initAll ran: the service navigation's menu toggle is wired up by GOV.UK Frontend's module.
    assert page.evaluate("document.querySelector('[data-module=govuk-skip-link]') !== null")
