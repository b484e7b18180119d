"""An administrator sets up a council in the browser: every set-up page passes axe (WCAG 2.2 AA),
shows its errors in a GOV.UK error summary, and has no sideways scroll at 375 px."""

import os
from pathlib import Path

import pytest
from django.contrib.auth.models import Group

from accounts import roles
from accounts.council import council_settings_forget
from accounts.models import User

from .conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Set ADMINISTRATION_SCREENSHOTS=/some/folder to keep a picture of each page at both widths.
SHOTS = os.environ.get("ADMINISTRATION_SCREENSHOTS", "")
WIDTHS = (1280, 375)


@pytest.fixture(autouse=True)
def _fresh_council_settings():
    council_settings_forget()
    yield
    council_settings_forget()


def check(page, name: str) -> None:
    """axe at each width, and nothing wider than the screen on a phone."""
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        assert_accessible(page)
        overflow = page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        assert overflow <= 0, f"{name} scrolls sideways by {overflow}px at {width}px"
        if SHOTS:
            Path(SHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})


def submit(page, name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=name).click()


def test_an_administrator_sets_up_a_council(browser, live_server, administrator, team, manager):
    caseworkers = Group.objects.get_or_create(name=roles.CASEWORKER)[0]
    people = User.objects.bulk_create(
        User(
            username=f"worker-{index:03d}",
            first_name=f"Worker{index:03d}",
            last_name="Longsurname-Doublebarrelled",
            email=f"worker.with.a.long.address.{index:03d}@northshire-county-council.example.gov.uk",
            team=team,
        )
        for index in range(60)
    )
    caseworkers.user_set.add(*User.objects.filter(username__startswith="worker-"))
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    sign_in(page, administrator.username)
    page.get_by_role("link", name="Administration").first.click()
    page.wait_for_url("**/administration/")
    check(page, "index")

    # The council's settings: a wrong LA number, then right.
    page.get_by_role("link", name="Change council settings").click()
    check(page, "council")
    page.get_by_label("Council name").fill("Northshire County Council")
    page.get_by_label("LA number").fill("93")
    submit(page, "Save the settings")
    assert page.locator(".govuk-error-summary").is_visible()
    assert "Enter the LA number as 3 digits" in page.locator(".govuk-error-summary").inner_text()
    check(page, "council-error")
    page.locator(".govuk-error-summary a").first.click()
    assert page.evaluate("document.activeElement.id") == "id_la_number"
    page.get_by_label("LA number").fill("938")
    submit(page, "Save the settings")
    assert (
        "The council's settings are saved"
        in page.locator(".govuk-notification-banner").inner_text()
    )
    assert "Northshire County Council" in page.locator("header").inner_text()

    # Staff: the list pages and finds; adding someone, first with a problem.
    page.goto("/administration/staff/")
    assert "Page 1 of 2" in page.content()
    check(page, "staff")
    page.get_by_label("Name, user name or email").fill("worker007")
    submit(page, "Search")
    assert "1 member of staff" in page.content()
    page.goto("/administration/staff/add/")
    page.get_by_label("User name").fill("j.smith")
    page.get_by_label("Last name").fill("Smith")
    submit(page, "Add the member of staff")
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Enter their first name" in summary and "Choose at least one role" in summary
    check(page, "staff-add-error")
    page.get_by_label("First name").fill("Jo")
    page.get_by_label("Caseworker").check()
    page.get_by_label("Team (optional)").select_option(label=team.name)
    submit(page, "Add the member of staff")
    assert page.locator("#one-time-password").inner_text()
    check(page, "staff-password-once")
    page.get_by_role("link", name="Go to Jo Smith's page").click()
    check(page, "staff-member")
    page.get_by_role("link", name="Deactivate").click()
    check(page, "staff-deactivate")
    submit(page, "Deactivate the account")
    assert "can no longer sign in" in page.content()
    assert "Deactivated" in page.locator("table").last.inner_text()

    # A team with its manager.
    page.goto("/administration/teams/add/")
    page.get_by_label("Team name").fill("Post-16 team")
    page.get_by_label(manager.display_name).check()
    submit(page, "Add the team")
    check(page, "team")

    # A panel type: an impossible quorum first.
    page.goto("/administration/panel-types/add/")
    page.get_by_label("Panel name").fill("Decision to assess panel")
    page.get_by_label("Decision to assess").check()
    page.get_by_label("Quorum: members who must take part").fill("1")
    page.get_by_label("Educational psychologist").check()
    page.get_by_label("Health (designated medical or clinical officer)").check()
    submit(page, "Add the panel type")
    assert "at least the number of professional roles" in page.content()
    check(page, "panel-type-error")
    page.get_by_label("Quorum: members who must take part").fill("3")
    submit(page, "Add the panel type")
    assert "is added" in page.content()
    page.goto("/administration/panel-types/")
    check(page, "panel-types")

    # A partner system: its secret once.
    page.goto("/administration/api-clients/add/")
    check(page, "api-client-add")
    page.get_by_label("Name of the partner's system").fill("Northshire Health records")
    page.get_by_label("New partner organisation's name").fill("Northshire Health Trust")
    page.get_by_label("Health trust").check()
    submit(page, "Register the system")
    secret = page.locator("#client-secret").inner_text()
    assert len(secret) > 40
    check(page, "api-client-secret")
    page.get_by_role("link", name="Go to Northshire Health records").click()
    assert secret not in page.content()
    check(page, "api-client")

    # Every change, attributed.
    page.goto("/administration/changes/")
    text = page.locator("main").inner_text()
    assert "Northshire Health records" in text and "Jo Smith" in text
    assert administrator.display_name in text
    check(page, "changes")
    context.close()
    assert len(people) == 60
