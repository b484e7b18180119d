import random

import pytest
from faker import Faker
from playwright.sync_api import expect

from .conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def directory():
    from demo.local_offer import build_local_offer

    build_local_offer(rng=random.Random(5), faker=Faker("en_GB"), context={}, children=0)


def test_a_family_searches_and_reads_a_service_without_signing_in(page, directory):
    page.goto("/local-offer/")
    assert_accessible(page)
    page.get_by_label("What are you looking for?").fill("swimming")
    page.get_by_label("Postcode or area").fill("PE1 1AA")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()
    results = page.locator(".govuk-summary-card")
    expect(results.first).to_contain_text("Swimming")
    assert_accessible(page)
    results.first.get_by_role("link").click()
    expect(page.get_by_role("heading", name="Who it is for")).to_be_visible()
    assert_accessible(page)
    page.get_by_label("Yes").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Send feedback").click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Thank you")


def test_search_error_is_accessible(page, directory):
    page.goto("/local-offer/?age=forty")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter an age as a number")
    assert_accessible(page)


def test_directory_editor_pages(page, directory, directory_editor):
    sign_in(page, directory_editor.username)
    page.get_by_role("link", name="Local Offer directory").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Local Offer directory")
    assert_accessible(page)
    page.get_by_role("link", name="Add a service").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the name of the service")
    assert_accessible(page)


@pytest.fixture
def many_swimming(directory):
    from local_offer.models import Organization, Service

    org = Organization.objects.first()
    for n in range(30):
        Service.objects.create(
            organization=org, name=f"Swimming session {n:02}", description="Pool time"
        )


def assert_no_sideways_scroll(page) -> None:
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= page.viewport_size["width"], f"{page.url} scrolls sideways ({width}px)"


def test_a_family_pages_through_a_search_and_back_without_losing_it(page, many_swimming):
    page.goto("/local-offer/?q=swimming")
    next_link = page.get_by_role("link", name="Next page")
    assert not next_link.get_attribute("href").startswith("??")
    with page.expect_navigation():
        next_link.click()
    assert "q=swimming" in page.url and "page=2" in page.url
    expect(page.get_by_text("Page 2 of")).to_be_visible()
    cards = page.locator(".govuk-summary-card")
    for name in cards.locator("h3").all_inner_texts():
        assert "swimming" in name.lower()
    assert_accessible(page)
    with page.expect_navigation():
        cards.first.get_by_role("link").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Back to search").click()
    assert "q=swimming" in page.url and "page=2" in page.url
    expect(page.get_by_label("What are you looking for?")).to_have_value("swimming")
    expect(page.get_by_text("Page 2 of")).to_be_visible()


def test_the_public_pages_fit_a_phone(browser, live_server, many_swimming):
    from local_offer.models import Service

    context = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 800})
    phone = context.new_page()
    try:
        for path in (
            "/local-offer/?q=swimming",
            f"/local-offer/services/{Service.objects.first().pk}/",
        ):
            phone.goto(path)
            assert_no_sideways_scroll(phone)
    finally:
        context.close()


def test_a_withdrawn_service_says_plainly_it_is_no_longer_available(page, directory):
    from local_offer.models import Service, ServiceStatus

    service = Service.objects.first()
    service.status = ServiceStatus.DEFUNCT
    service.save()
    response = page.goto(f"/local-offer/services/{service.pk}/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("This service is no longer available")
    expect(page.get_by_role("button", name="Send feedback")).to_have_count(0)
    assert service.name not in page.content()
    assert_accessible(page)


def test_an_editor_finds_any_service_and_saving_unchanged_keeps_its_checked_date(
    page, directory, directory_editor
):
    import datetime

    from local_offer.models import Service, ServiceStatus

    service = Service.objects.order_by("name").first()
    service.status = ServiceStatus.INACTIVE
    service.assured_date = datetime.date(2026, 5, 16)
    service.save()
    sign_in(page, directory_editor.username)
    page.goto("/directory/")
    page.get_by_label("Find a service").fill(service.name)
    page.get_by_label("Inactive").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Find services").click()
    assert_accessible(page)
    results = page.locator("table").first.get_by_role("link", name=service.name)
    with page.expect_navigation():
        results.click()
    expect(page.get_by_role("group", name="Date the details were checked")).to_be_visible()
    expect(page.get_by_label("Day")).to_have_value("16")
    expect(page.get_by_label("Month")).to_have_value("5")
    expect(page.get_by_label("Year")).to_have_value("2026")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    # Back where the editor was: the directory, with the search still in place.
    assert "/directory/" in page.url and "status=inactive" in page.url
    expect(page.get_by_label("Inactive")).to_be_checked()
    service.refresh_from_db()
    assert service.assured_date == datetime.date(2026, 5, 16)
    # A part-filled date is an error on the date, linked from the summary.
    page.goto(f"/directory/services/{service.pk}/edit/")
    page.get_by_label("Month").fill("")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "Date the details were checked must include a day, month and year"
    )
    assert_accessible(page)
    service.refresh_from_db()
    assert service.assured_date == datetime.date(2026, 5, 16)


def test_an_editor_edits_from_the_public_page_and_comes_back_to_it(
    page, directory, directory_editor
):
    from local_offer.models import Service

    service = Service.objects.order_by("name").first()
    sign_in(page, directory_editor.username)
    page.goto(f"/local-offer/services/{service.pk}/")
    with page.expect_navigation():
        page.get_by_role("link", name="Edit this service").click()
    page.get_by_label("Name").fill(service.name + " (updated)")
    with page.expect_navigation():
        page.get_by_role("button", name="Save").click()
    assert page.url.endswith(f"/local-offer/services/{service.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(service.name + " (updated)")


def test_after_sending_feedback_the_family_sees_the_thank_you_at_the_top(
    browser, live_server, directory
):
    """On a phone the form is far down a long page: after sending, the page opens on the
    thank-you, the first thing in the main content, with the focus on it."""
    from local_offer.models import Service

    service = Service.objects.order_by("name").first()
    context = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 700})
    phone = context.new_page()
    try:
        phone.goto(f"/local-offer/services/{service.pk}/?q=swimming")
        with phone.expect_navigation():
            phone.get_by_role("button", name="Send feedback").click()
        # Nothing said: the problem is shown beside the form, and the page goes to it.
        summary = phone.locator(".govuk-error-summary")
        expect(summary).to_contain_text("Tell us whether this was useful")
        expect(summary).to_be_in_viewport()
        phone.get_by_label("No", exact=True).check()
        phone.get_by_label("Report a problem with this page (optional)").fill(
            "The phone number is out of date"
        )
        assert phone.evaluate("window.scrollY") > 0  # the form is below the fold
        with phone.expect_navigation():
            phone.get_by_role("button", name="Send feedback").click()
        banner = phone.locator(".govuk-notification-banner--success")
        expect(banner).to_contain_text("Thank you for your feedback")
        expect(banner).to_be_in_viewport()
        expect(banner).to_be_focused()
        first_in_main = phone.evaluate(
            "document.querySelector('#main-content').firstElementChild.className"
        )
        assert "govuk-notification-banner" in first_in_main
        assert "q=swimming" in phone.url  # the family's search is still there to go back to
        # The feedback form itself is no longer on screen.
        expect(phone.get_by_role("button", name="Send feedback")).not_to_be_in_viewport()
        assert_accessible(phone)
    finally:
        context.close()
