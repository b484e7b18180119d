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
    expect(page.get_by_role("table")).to_contain_text(child.reference)
    assert_accessible(page)
    page.get_by_role("button", name="Mark all as read").click()
    expect(page.locator(".portal-account__inbox .govuk-tag")).to_contain_text("0")
    assert unread_before.startswith(("1", "2", "3", "4"))
