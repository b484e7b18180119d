"""The API documentation (Redoc) renders under its own Content-Security-Policy, with no violation."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_documentation_renders_without_csp_violations(page):
    page.goto("/api/v1/docs/")
    expect(page.locator("h1").first).to_be_visible(timeout=30_000)
    page.wait_for_timeout(500)
