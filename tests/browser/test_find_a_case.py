"""Finding a child from the caseload by part of their name, in chromium, with axe at WCAG 2.2 AA
on the results and on the page that finds nothing."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.cases import factories

from .conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_caseworker_finds_a_child_by_part_of_a_name(page, caseworker, team):
    zoe = factories.child(
        by=caseworker,
        team=team,
        caseworker=caseworker,
        forename="Zoë",
        surname="O'Brien-Smith",
        upn="A801200001004",
        date_of_birth=datetime.date(2014, 2, 9),
    )
    factories.child(by=caseworker, team=team, caseworker=caseworker)  # Ava Brown
    sign_in(page, caseworker.username)
    page.goto("/cases/")
    page.get_by_label("Name or case details").fill("zoe brien")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()
    assert page.url.endswith("/cases/find/")  # the name typed is not in the address
    results = page.locator("#results table tbody tr")
    expect(results).to_have_count(1)
    expect(results.first).to_contain_text("Zoë O'Brien-Smith")
    expect(results.first).to_contain_text(zoe.reference)
    expect(results.first).to_contain_text("9 Feb 2014")
    assert_accessible(page)

    page.get_by_label("Name or case details").fill("nobody at all")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()
    expect(page.get_by_role("heading", name="No cases found that you can open")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Name or case details").fill("")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a name")
    assert page.title().startswith("Error:")
    assert_accessible(page)

    page.get_by_label("Name or case details").fill("SMITH")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Zoë O'Brien-Smith").click()
    assert page.url.endswith(f"/cases/{zoe.reference}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Zoë O'Brien-Smith")
