import pytest
from playwright.sync_api import expect

from accounts import roles

from .conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("role", roles.ALL)
def test_each_role_signs_in_to_an_accessible_home_page(page, people, role):
    user = people[role]
    sign_in(page, user.username)
    assert page.get_by_role("heading", level=1).inner_text() == f"Welcome, {user.first_name}"
    assert page.get_by_text(f"Signed in as {user.get_full_name()}").is_visible()
    assert roles.LABELS[role] in page.locator(".govuk-caption-l").inner_text()
    assert_accessible(page)


def test_sign_in_page_and_error_are_accessible(page, caseworker):
    page.goto("/sign-in/")
    assert_accessible(page)
    sign_in(page, caseworker.username, "wrong-password")
    summary = page.locator(".govuk-error-summary")
    assert "The user name or password is not right" in summary.inner_text()
    assert page.title().startswith("Error:")
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/accessibility/", "/privacy/", "/no-such-page/"])
def test_public_pages_are_accessible(page, path):
    page.goto(path)
    assert page.get_by_role("heading", level=1).is_visible()
    assert_accessible(page)


def test_sign_in_works_without_javascript(browser, live_server, caseworker):
    context = browser.new_context(base_url=live_server.url, java_script_enabled=False)
    page = context.new_page()
    sign_in(page, caseworker.username)
    assert page.get_by_role("heading", level=1).inner_text() == f"Welcome, {caseworker.first_name}"
    context.close()


def test_head_of_service_home_shows_the_whole_service(page, head_of_service, manager, team):
    """Counts across every team (no child named) and the way to the reports and the SEN2 return."""
    sign_in(page, head_of_service.username)
    expect(
        page.get_by_role("heading", name="Statutory steps across the whole service")
    ).to_be_visible()
    expect(page.get_by_text("No SEN2 return has been generated yet.")).to_be_visible()
    nav = page.get_by_role("navigation", name="Menu")
    assert nav.get_by_role("link", name="Reports").is_visible()
    assert nav.get_by_role("link", name="Caseload").count() == 0
    page.get_by_role("link", name="SEN2 returns").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("SEN2 return")
    assert_accessible(page)
