"""A manager runs the team from the browser: the team view, drilling from a figure to the children
behind it, a child's case page with its next action, and a caseload handed over; a caseworker
pages through her children. Every page passes axe at WCAG 2.2 AA and has no sideways scroll at
375 px."""

import datetime

import pytest
from playwright.sync_api import expect

from accounts import roles
from tests.cases import factories
from tests.conftest import make_user

from .conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TODAY = datetime.date.today()


def no_sideways_scroll(page) -> None:
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


@pytest.fixture
def caseload(caseworker, team):
    """Sixty children for the caseworker: every third with an assessment well past its decision."""
    for number in range(60):
        child = factories.child(
            by=caseworker,
            team=team,
            caseworker=caseworker,
            surname="Child" + "ABCDEFGHIJ"[number // 10] + "ABCDEFGHIJ"[number % 10],
            upn="",
            upn_unknown_reason="UN1",
        )
        if number % 3 == 0:
            factories.request_received(
                by=caseworker, child=child, received_on=TODAY - datetime.timedelta(days=60)
            )


@pytest.mark.parametrize("width", (1280, 375))
def test_a_caseworker_pages_through_her_children(browser, live_server, caseworker, caseload, width):
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    sign_in(page, caseworker.username)
    page.goto("/children/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Children")
    expect(page.locator("#children caption")).to_have_text("60 children")
    assert_accessible(page)
    no_sideways_scroll(page)
    first = page.locator("#children tbody tr").first.inner_text()
    page.get_by_role("link", name="Next page").click()
    expect(page.locator(".govuk-pagination__item--current")).to_have_text("2")
    assert page.locator("#children tbody tr").count() == 10
    assert page.locator("#children tbody tr").first.inner_text() != first
    # A filter kept while paging: only the overdue ones, by name.
    page.goto("/children/?overdue=on&sort=name")
    expect(page.locator("#children caption")).to_have_text("20 children")
    expect(page.locator("#children tbody tr").first).to_contain_text("Week 9 of 20")
    assert_accessible(page)
    context.close()


@pytest.mark.parametrize("width", (1280, 375))
def test_a_manager_drills_from_a_figure_to_a_case_and_hands_the_caseload_over(
    browser, live_server, manager, caseworker, team, caseload, width
):
    make_user("cover_worker", roles.CASEWORKER, team=team, first_name="Cover")
    context = browser.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 900}
    )
    page = context.new_page()
    sign_in(page, manager.username)
    page.get_by_role("link", name="Team").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Team")
    assert_accessible(page)
    no_sideways_scroll(page)

    page.get_by_role("link", name="20 overdue steps: the children").click()
    expect(page.locator("#children caption")).to_have_text("20 children")
    assert_accessible(page)
    no_sideways_scroll(page)
    page.locator("#children tbody tr a").first.click()
    expect(page.locator("#stage")).to_contain_text("week 9 of 20")
    expect(page.locator("#next-action")).to_have_text("Record the decision whether to assess")
    assert_accessible(page)
    no_sideways_scroll(page)

    page.goto("/team/")
    page.get_by_role("link", name="Hand over caseload").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hand over the caseload of")
    with page.expect_navigation():
        page.get_by_role("button", name="Hand over").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Choose the caseworker to hand the caseload over to"
    )
    assert_accessible(page)
    no_sideways_scroll(page)
    page.get_by_label("Hand the caseload over to").select_option(label="Cover Tester")
    with page.expect_navigation():
        page.get_by_role("button", name="Hand over").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("60 cases handed over")
    context.close()
