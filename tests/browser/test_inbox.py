import datetime
import re

import pytest
import time_machine
from playwright.sync_api import expect

from accounts import roles
from alerts.sweep import sweep_run
from tests.cases import factories
from tests.conftest import make_user

from .conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_caseworker_reads_the_inbox(page, caseworker, team):
    with time_machine.travel(datetime.date(2024, 9, 10), tick=False):
        child = factories.child(by=caseworker, team=team, caseworker=caseworker)
        factories.request_received(by=caseworker, child=child)
    sweep_run(today=datetime.date(2024, 10, 15))
    sign_in(page, caseworker.username)
    inbox_link = page.locator(".portal-account__inbox")
    expect(inbox_link).to_contain_text("Inbox")
    unread_before = inbox_link.locator(".govuk-tag").inner_text()
    inbox_link.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Inbox")
    expect(page.locator(".portal-alerts").first).to_contain_text(child.reference)
    assert_accessible(page)
    page.get_by_role("link", name="Group by case").click()
    expect(page.get_by_role("heading", level=2).first).to_contain_text(child.surname)
    assert_accessible(page)
    page.get_by_role("button", name="Mark this case's alerts as read").first.click()
    expect(page.locator(".portal-account__inbox .govuk-tag")).to_contain_text("0")
    assert unread_before.startswith(("1", "2", "3", "4"))
    page.set_viewport_size({"width": 375, "height": 800})
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0


def test_mark_all_as_read_from_the_soonest_first_list(page, caseworker, team):
    with time_machine.travel(datetime.date(2024, 9, 10), tick=False):
        child = factories.child(by=caseworker, team=team, caseworker=caseworker)
        factories.request_received(by=caseworker, child=child)
    sweep_run(today=datetime.date(2024, 10, 15))
    sign_in(page, caseworker.username)
    page.goto("/inbox/")
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.locator(".portal-account__inbox .govuk-tag")).to_contain_text("0")


def test_a_manager_reads_escalations_and_allocates_the_case(
    page, caseworker, manager, team, other_team
):
    """The team's manager is told about a case overdue by more than four weeks and a case no
    one leads, in words a manager acts on, with a way to each; another team's manager is not."""
    other_manager = make_user("otto_manager", roles.MANAGER)
    other_team.managers.add(other_manager)
    with time_machine.travel(datetime.date(2024, 9, 10), tick=False):
        overdue = factories.child(by=caseworker, team=team, caseworker=caseworker)
        factories.request_received(by=caseworker, child=overdue)
        unallocated = factories.child(
            by=caseworker,
            team=team,
            caseworker=None,
            forename="Noah",
            surname="Green",
            upn="",
            upn_unknown_reason="UN8",
        )
    sweep_run(today=datetime.date(2024, 11, 12))
    sign_in(page, manager.username)
    page.goto("/inbox/?group=case")
    expect(page.get_by_text("overdue by more than 4 weeks").first).to_be_visible()
    overdue_group = page.locator("li", has_text="Escalated to you").filter(has_text="days late")
    expect(overdue_group).to_have_count(1)
    expect(
        page.get_by_role("heading", level=2, name=f"Noah Green {unallocated.reference}")
    ).to_be_visible()
    assert_accessible(page)
    page.get_by_role("link", name=f"Allocate a caseworker to {unallocated.reference}").click()
    expect(page).to_have_url(re.compile(f"/cases/{unallocated.reference}/hand-over/$"))
    page.goto("/inbox/")
    page.get_by_role("link", name=f"Open the case {overdue.reference}").click()
    expect(page).to_have_url(re.compile(f"/cases/{overdue.reference}/$"))
    page.goto("/inbox/")
    page.set_viewport_size({"width": 375, "height": 800})
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0
    page.set_viewport_size({"width": 1280, "height": 800})
    page.get_by_role("button", name="Sign out").click()
    sign_in(page, other_manager.username)
    page.goto("/inbox/")
    expect(page.get_by_text("There are no open alerts.")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text(unallocated.reference)
    assert_accessible(page)
