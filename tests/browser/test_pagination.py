"""Paging through a filtered caseload and a family's Local Offer search: every page link keeps
the filter or the search, each page shows different rows, and each page passes axe."""

import datetime

import pytest
from playwright.sync_api import expect

from .conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def long_caseload(caseworker, team):
    """120 children awaiting a decision whether to assess (three pages of 50) and 30 awaiting
    advice, which the stage filter leaves out."""
    from cases.models import Child, DeadlineState, StatutoryDeadline

    today = datetime.date.today()
    children = Child.objects.bulk_create(
        Child(
            reference=f"SEND-{9000000 + n}",
            forename="Kim",
            surname="Case " + "".join("ABCDEFGHIJ"[int(d)] for d in f"{n:03d}"),
            date_of_birth=datetime.date(2015, 1, 1),
            team=team,
            lead_caseworker=caseworker,
        )
        for n in range(150)
    )
    StatutoryDeadline.objects.bulk_create(
        StatutoryDeadline(
            child=child,
            key="decision" if n < 120 else "advice",
            stage="decision" if n < 120 else "advice",
            rule="reg 5(1)" if n < 120 else "reg 8(2)",
            title="Decide whether to assess" if n < 120 else "Advice returned",
            explanation="",
            trigger_on=today,
            due_on=today + datetime.timedelta(days=n),
            state=DeadlineState.DUE,
        )
        for n, child in enumerate(children)
    )


def child_names(page) -> list[str]:
    return page.locator("table.govuk-table tbody tr td:first-child a").all_inner_texts()


def test_a_caseworker_pages_through_a_filtered_caseload(page, caseworker, long_caseload):
    sign_in(page, caseworker.username)
    page.goto("/cases/")
    page.get_by_label("Stage").select_option("decision")
    with page.expect_navigation():
        page.get_by_role("button", name="Apply filters").click()
    expect(page.locator("caption")).to_contain_text("120 open statutory steps")
    first = child_names(page)
    assert len(first) == 50
    assert_accessible(page)

    next_link = page.get_by_role("link", name="Next page")
    assert next_link.get_attribute("href").startswith("?") and "??" not in next_link.get_attribute(
        "href"
    )
    with page.expect_navigation():
        next_link.click()
    assert "stage=decision" in page.url and "page=2" in page.url
    expect(page.get_by_label("Stage")).to_have_value("decision")
    expect(page.locator('.govuk-pagination [aria-current="page"]')).to_have_text("2")
    second = child_names(page)
    assert len(second) == 50 and not set(second) & set(first)
    assert_accessible(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Page 3", exact=True).click()
    assert "stage=decision" in page.url and "page=3" in page.url
    third = child_names(page)
    assert len(third) == 20 and not set(third) & (set(first) | set(second))
    expect(page.locator("tbody")).not_to_contain_text("Advice returned")
    expect(page.get_by_role("link", name="Next page")).to_have_count(0)
    assert_accessible(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Previous page").click()
    assert "stage=decision" in page.url and "page=2" in page.url
    assert child_names(page) == second


@pytest.fixture
def fifty_swimming(db):
    from local_offer.models import Organization, Service

    org = Organization.objects.create(name="Fenland Leisure", description="Pools")
    for n in range(50):
        Service.objects.create(
            organization=org, name=f"Swimming session {n:02}", description="Pool time"
        )
    Service.objects.create(organization=org, name="Climbing wall", description="Ropes")


def service_names(page) -> list[str]:
    return page.locator(".govuk-summary-card h3").all_inner_texts()


def test_a_family_pages_through_a_search_to_page_three_and_back(page, fifty_swimming):
    page.goto("/local-offer/")
    page.get_by_label("What are you looking for?").fill("swimming")
    with page.expect_navigation():
        page.get_by_role("button", name="Search").click()
    first = service_names(page)
    assert len(first) == 20
    assert_accessible(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Next page").click()
    assert "q=swimming" in page.url and "page=2" in page.url
    second = service_names(page)
    assert len(second) == 20 and not set(second) & set(first)
    expect(page.get_by_label("What are you looking for?")).to_have_value("swimming")
    assert_accessible(page)

    with page.expect_navigation():
        page.get_by_role("link", name="Page 3", exact=True).click()
    assert "q=swimming" in page.url and "page=3" in page.url
    third = service_names(page)
    assert len(third) == 10 and not set(third) & (set(first) | set(second))
    assert all("Swimming" in name for name in first + second + third)
    assert_accessible(page)

    # Reading a service and going back returns to the same page of the same search.
    with page.expect_navigation():
        page.locator(".govuk-summary-card").first.get_by_role("link").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Back to search").click()
    assert "q=swimming" in page.url and "page=3" in page.url
    assert service_names(page) == third
    expect(page.get_by_label("What are you looking for?")).to_have_value("swimming")
