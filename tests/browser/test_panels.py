import datetime

import pytest
from playwright.sync_api import expect

from accounts import roles
from panels.models import Meeting, Membership, PanelType
from tests.cases import factories

from .conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def new_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(15_000)
    return context.new_page()


def test_agenda_meeting_decision_and_the_case_moves(
    browser, live_server, caseworker, team, make_person
):
    today = datetime.date.today()
    chair = make_person("chair_person", roles.PANEL_MEMBER)
    ep = make_person("ep_person", roles.PANEL_MEMBER)
    dmo = make_person("dmo_person", roles.PANEL_MEMBER)
    panel_type = PanelType.objects.create(
        name="Decision to assess panel",
        kind="assess",
        quorum_minimum=3,
        quorum_roles=["ep", "health"],
    )
    meeting = Meeting.objects.create(panel_type=panel_type, held_on=today, chair=chair)
    for user, role in ((chair, "sen"), (ep, "ep"), (dmo, "health")):
        Membership.objects.create(meeting=meeting, user=user, professional_role=role)
    child = factories.child(by=caseworker, team=team, caseworker=caseworker)
    factories.request_received(
        by=caseworker, child=child, received_on=today - datetime.timedelta(days=20)
    )

    page = new_page(browser, live_server)
    sign_in(page, caseworker.username)
    page.goto(f"/cases/{child.reference}/")
    page.get_by_role("link", name="Add to a panel agenda").click()
    assert_accessible(page)
    page.get_by_label("Panel meeting").select_option(index=1)
    page.get_by_label("Summary for the panel").fill("Parent's request; school supports it.")
    with page.expect_navigation():
        page.get_by_role("button", name="Add to the agenda").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Added to the agenda")

    member = new_page(browser, live_server)
    sign_in(member, ep.username)
    member.get_by_role("link", name="Panels").first.click()
    assert_accessible(member)
    member.get_by_role("link", name="Decision to assess panel").click()
    expect(member.get_by_role("heading", level=1)).to_have_text("Decision to assess panel")
    assert_accessible(member)
    member.get_by_role("link", name=child.reference).click()
    with member.expect_navigation():
        member.get_by_role("button", name="Record decision").click()
    expect(member.locator(".govuk-error-summary")).to_contain_text("There is a problem")
    assert_accessible(member)
    member.get_by_label("Agree to assess").check()
    member.get_by_label("Reasons").fill("Evidence of needs that cannot be met from SEN support.")
    with member.expect_navigation():
        member.get_by_role("button", name="Record decision").click()
    expect(member.locator(".portal-letter")).to_contain_text("agree to assess")

    chair_page = new_page(browser, live_server)
    sign_in(chair_page, chair.username)
    chair_page.goto(member.url)
    with chair_page.expect_navigation():
        chair_page.get_by_role("button", name="Confirm the decision").click()
    expect(chair_page.locator(".govuk-notification-banner")).to_contain_text("Decision confirmed")

    page.goto(f"/cases/{child.reference}/")
    expect(page.locator("tr", has_text="Decide whether to assess")).to_contain_text("Done on time")
    expect(page.locator("#history")).to_contain_text("Panel decision")


def test_a_manager_arranges_a_meeting_and_its_members(page, manager, make_person):
    today = datetime.date.today()
    ep = make_person("ep_person", roles.PANEL_MEMBER, first_name="Esme", last_name="Patel")
    PanelType.objects.create(
        name="Decision to assess panel", kind="assess", quorum_minimum=2, quorum_roles=["ep"]
    )
    sign_in(page, manager.username)
    page.goto("/panels/")
    page.get_by_role("button", name="Arrange a panel meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Arrange a panel meeting")
    page.get_by_label("Panel", exact=True).select_option(label="Decision to assess panel")
    page.locator("[name=held_on_day]").fill("1")
    page.locator("[name=held_on_month]").fill("1")
    page.locator("[name=held_on_year]").fill(str(today.year - 1))
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose who chairs the meeting")
    assert_accessible(page)
    page.get_by_label("Chair").select_option(index=1)
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("a date that has passed")
    page.locator("[name=held_on_year]").fill(str(today.year + 1))
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Panel members")
    expect(page.locator(".govuk-warning-text")).to_contain_text("not quorate")
    page.get_by_label("Member", exact=True).select_option(label="Esme Patel")
    page.get_by_label("Educational psychologist").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Add the member").click()
    expect(page.locator("table")).to_contain_text("Esme Patel")
    assert_accessible(page)
    page.get_by_role("link", name="Record attendance").click()
    expect(page.get_by_label("Esme Patel, educational psychologist")).to_be_checked()
    assert_accessible(page)
    page.get_by_label("Esme Patel, educational psychologist").uncheck()
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Decision to assess panel")
    expect(page.get_by_role("main")).to_contain_text(
        "Esme Patel, educational psychologist (sent apologies)"
    )
    assert_accessible(page)
    assert Membership.objects.get(user=ep).attended is False
