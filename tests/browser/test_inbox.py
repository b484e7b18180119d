import datetime

import pytest
import time_machine
from playwright.sync_api import expect

from alerts.sweep import sweep_run
from tests.cases import factories

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
