"""A caseworker's journey in chromium, from registering a child to the final plan, with axe at
WCAG 2.2 AA on every page type of the workspace."""

import datetime

import pytest
from playwright.sync_api import expect

from tests.cases import factories

from .conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
TODAY = datetime.date.today()


def fill_date(page, name: str, day: datetime.date) -> None:
    page.locator(f"[name={name}_day]").fill(str(day.day))
    page.locator(f"[name={name}_month]").fill(str(day.month))
    page.locator(f"[name={name}_year]").fill(str(day.year))


def save(page) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()


def take_step(page, label: str) -> None:
    # The next action is a button; the other steps are links.
    step = page.get_by_role("link", name=label).or_(page.get_by_role("button", name=label))
    step.first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(label)


def test_caseworker_takes_a_case_from_request_to_final_plan(page, caseworker, team):
    factories.setting(name="Riverside Primary School", urn="100001")
    received = TODAY - datetime.timedelta(days=150)
    sign_in(page, caseworker.username)
    page.get_by_role("link", name="Caseload").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Caseload")
    assert_accessible(page)

    page.get_by_role("link", name="Register a child or young person").click()
    assert_accessible(page)
    page.get_by_label("First name").fill("Ava")
    page.get_by_label("Last name").fill("Brown")
    fill_date(page, "date_of_birth", datetime.date(2016, 5, 4))
    page.get_by_label("Female").check()
    page.get_by_label("UPN (unique pupil number)").fill("H801200001002")
    with page.expect_navigation():
        page.get_by_role("button", name="Register").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("UPN check letter is wrong")
    assert page.title().startswith("Error:")
    assert_accessible(page)
    page.get_by_label("UPN (unique pupil number)").fill("H801200001001")
    with page.expect_navigation():
        page.get_by_role("button", name="Register").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ava Brown")
    assert_accessible(page)

    take_step(page, "Record a request for an assessment")
    fill_date(page, "received_on", received)
    page.get_by_label("Young person or parent").check()
    save(page)
    expect(page.locator("#journey + table")).to_contain_text("Decide whether to assess")

    take_step(page, "Record the decision whether to assess")
    page.get_by_label("Assess", exact=True).check()
    fill_date(page, "decided_on", received - datetime.timedelta(days=1))
    save(page)  # refused: before the request
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "cannot be before the date the request was received"
    )
    assert_accessible(page)
    fill_date(page, "decided_on", received + datetime.timedelta(days=35))
    save(page)

    take_step(page, "Request advice")
    page.get_by_label("Educational psychology").check()
    page.get_by_label("Person or organisation asked").fill("Educational psychology service")
    fill_date(page, "sent_on", received + datetime.timedelta(days=36))
    fill_date(page, "received_by_adviser_on", received + datetime.timedelta(days=37))
    save(page)
    take_step(page, "Record advice returned")
    page.locator("#id_advice").select_option(index=1)
    fill_date(page, "returned_on", received + datetime.timedelta(days=70))
    save(page)

    take_step(page, "Record an exception")
    page.get_by_label("Final plan (20 weeks)").check()
    page.get_by_label("(c) Exceptional personal circumstances").check()
    fill_date(page, "starts_on", received + datetime.timedelta(days=40))
    fill_date(page, "ends_on", received + datetime.timedelta(days=90))
    page.get_by_label("Evidence").fill("Bereavement in the family; letter on file")
    save(page)
    final_row = page.locator("tr", has_text="Issue the final plan")
    expect(final_row).to_contain_text("Exception applies")

    take_step(page, "Issue the draft plan")
    fill_date(page, "served_on", received + datetime.timedelta(days=100))
    page.get_by_label("Section A: Views, interests and aspirations").fill("Ava loves music.")
    page.get_by_label("Section B: Special educational needs").fill(
        "Severe speech and language disorder."
    )
    page.get_by_label("Section E: Outcomes").fill("Speak in short sentences.")
    page.get_by_label("Section F: Special educational provision").fill(
        "Speech and language therapy twice a week."
    )
    page.get_by_label("Section I: Placement").fill("Riverside Primary School")
    save(page)

    take_step(page, "Issue the final plan")
    assert_accessible(page)
    fill_date(page, "issued_on", received + datetime.timedelta(days=145))
    page.get_by_label("Setting named in Section I").select_option(label="Riverside Primary School")
    save(page)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Final plan issued")
    expect(final_row).to_contain_text("Exception applies")  # issued after week 20, excepted
    page.get_by_role("link", name="Read or print the plan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Education, health and care plan")
    assert_accessible(page)
    page.go_back()
    page.get_by_role("link", name="See what changed between versions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What changed between plan versions")
    assert_accessible(page)

    page.goto("/cases/")
    expect(page.locator("table")).not_to_contain_text("Decide whether to assess")


def test_a_caseworker_from_another_team_is_refused_the_case_page(
    page, caseworker, other_caseworker, team
):
    child = factories.child(by=caseworker, team=team, caseworker=caseworker)
    sign_in(page, other_caseworker.username)
    response = page.goto(f"/cases/{child.reference}/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
    assert child.surname not in page.content()
    assert_accessible(page)


def test_caseworker_links_a_local_offer_service_to_provision_in_the_plan(page, caseworker, team):
    from local_offer.models import Organization, Service

    child = factories.child(by=caseworker, team=team, caseworker=caseworker)
    factories.plan_issued(by=caseworker, child=child)
    Service.objects.create(
        organization=Organization.objects.create(name="Community Health Trust", description="NHS"),
        name="Children's Speech and Language Therapy",
        description="Assessment and therapy for children with speech and language needs.",
    )
    sign_in(page, caseworker.username)
    page.goto(f"/cases/{child.reference}/")
    take_step(page, "Link a Local Offer service to provision in the plan")
    page.get_by_label("G: health provision").check()
    save(page)  # refused: no service or provision given
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose a Local Offer service")
    expect(page.get_by_label("G: health provision")).to_be_checked()
    assert_accessible(page)
    page.get_by_label("Local Offer service").select_option(
        label="Children's Speech and Language Therapy (Community Health Trust)"
    )
    page.get_by_label("The provision this service delivers").fill("Therapy, one hour a week")
    save(page)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Service linked")
    page.get_by_role("link", name="Read or print the plan").click()
    section = page.locator("section", has_text="Section G: Health provision")
    expect(
        section.get_by_role("link", name="Children's Speech and Language Therapy")
    ).to_be_visible()
    assert_accessible(page)
    section.get_by_role("link", name="Children's Speech and Language Therapy").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Children's Speech and Language Therapy"
    )
