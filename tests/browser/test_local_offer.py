import random

import pytest
from faker import Faker
from playwright.sync_api import expect

from .conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def directory():
    from local_offer.demo import build_local_offer

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
