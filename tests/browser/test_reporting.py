"""The report pages in a real browser: managers and the head of service reach them from the
navigation, every page type passes axe at WCAG 2.2 AA, filters and the SEN2 form work."""

import datetime
import re

import pytest
from playwright.sync_api import expect

from reporting.models import Sen2Return
from tests.reporting.conftest import build_council

from .conftest import assert_accessible, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def council(team, other_team, caseworker, manager, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return build_council(team, other_team, caseworker)


@pytest.fixture
def eager():
    from send_portal.celery import app

    before = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = before


def test_manager_uses_the_dashboards(page, manager, council):
    sign_in(page, manager.username)
    page.get_by_role("link", name="Reports").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "20-week timeliness"
    chart = page.locator("svg[role=img]").first
    assert chart.get_attribute("aria-labelledby")
    page.locator("section", has=page.locator("#figure-timeliness")).locator("summary").click()
    assert page.get_by_role("table").first.is_visible()
    assert_accessible(page)

    page.get_by_label("Primary need").select_option("ASD")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile("need=ASD"))
    assert page.locator("#figure-timeliness").is_visible()

    page.get_by_role("link", name="Statutory measures").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Statutory measures")
    assert "need=ASD" in page.url  # the filters carry across
    assert_accessible(page)

    page.get_by_role("link", name="Cohort").click()
    expect(page.get_by_role("heading", name="Plans in force by primary need")).to_be_visible()
    assert_accessible(page)


def test_filter_error_is_accessible(page, manager, council, other_team):
    sign_in(page, manager.username)
    page.goto(f"/reports/?team={other_team.pk}")
    assert page.title().startswith("Error:")
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page)


def test_head_of_service_generates_a_sen2_return(page, head_of_service, council, eager):
    sign_in(page, head_of_service.username)
    page.get_by_role("link", name="Reports").first.click()
    expect(page.get_by_text("Reports: Whole service")).to_be_visible()
    page.get_by_role("link", name="SEN2 return").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("SEN2 return")
    assert_accessible(page)
    page.get_by_role("button", name="Generate the return").click()
    assert page.locator(".govuk-error-summary").is_visible()
    assert_accessible(page)

    page.get_by_label("Day").fill("15")
    page.get_by_label("Month").fill("1")
    page.get_by_label("Year").fill("2026")
    for group in ("medical", "clinical", "social care"):
        page.get_by_role("group", name=f"designated {group} officer").get_by_label("Yes").check()
    page.get_by_role("button", name="Generate the return").click()
    expect(page.get_by_text("Not ready to submit: 2 errors to correct")).to_be_visible()
    assert page.get_by_role("link", name="Download the return as XML for COLLECT").is_visible()
    assert page.get_by_role("link", name=council.children["E"].reference).first.is_visible()
    assert_accessible(page)


def test_progress_page_refreshes_until_the_person_stops_it(page, head_of_service):
    sen2_return = Sen2Return.objects.create(
        census_date=datetime.date(2026, 1, 15),
        dmo_in_post="Yes",
        dco_in_post="Yes",
        dsco_in_post="Yes",
        progress=40,
        stage="Reading plans",
        status="running",
    )
    sign_in(page, head_of_service.username)
    page.goto(f"/reports/sen2/{sen2_return.pk}/")
    assert page.locator('meta[http-equiv="refresh"]').count() == 1
    assert page.get_by_text("40% done: reading plans.").is_visible()
    # WCAG 2.2.1: the automatic refresh can be turned off before it happens.
    page.get_by_role("link", name="Stop checking automatically").click()
    assert page.locator('meta[http-equiv="refresh"]').count() == 0
    assert page.get_by_role("link", name="Check progress now").is_visible()
    assert_accessible(page)


def test_a_team_manager_is_not_offered_the_sen2_return(page, manager, council):
    sign_in(page, manager.username)
    page.get_by_role("link", name="Reports").first.click()
    expect(page.get_by_text("Reports: North team")).to_be_visible()
    assert page.get_by_role("link", name="SEN2 return").count() == 0
    page.goto("/reports/sen2/")
    assert page.get_by_role("heading", level=1).inner_text() != "SEN2 return"
    assert_accessible(page)


@pytest.mark.parametrize("path", ["/reports/", "/reports/measures/", "/reports/cohort/"])
def test_the_dashboards_fit_a_phone(browser, live_server, head_of_service, council, path):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 900})
    page = context.new_page()
    sign_in(page, head_of_service.username)
    page.goto(path)
    for summary in page.locator(".reporting-figure summary").all():
        summary.click()  # the tables of figures open too
    overflow = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 375px"
    assert_accessible(page)
    context.close()


def no_sideways_scroll(page) -> int:
    return page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )


def test_manager_drills_from_a_figure_to_a_case(page, manager, council):
    sign_in(page, manager.username)
    page.get_by_role("link", name="Reports").first.click()
    page.get_by_label("Period").select_option("year-2025")
    page.get_by_role("button", name="Apply filters").click()
    figure = page.locator("section", has=page.locator("#figure-timeliness"))
    figure.locator("summary").click()
    # 2025's plans within 20 weeks: A and C (of A, B, C, E and G).
    figure.get_by_role("link", name="2 cases: Within 20 weeks, Calendar year 2025").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("New plans issued within 20 weeks")
    expect(page.get_by_text("2 counted in the figure.")).to_be_visible()
    assert page.locator("#cases tbody tr").count() == 2
    assert_accessible(page)
    child = council.children["A"]
    page.get_by_role("row", name=re.compile("Test Child A")).get_by_role(
        "link", name=child.reference
    ).click()
    expect(page).to_have_url(re.compile(f"/cases/{child.reference}/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Test Child A")
    page.go_back()
    page.get_by_role("link", name="Back to the report").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("20-week timeliness")


def test_manager_filters_the_forecast_by_caseworker(page, manager, council, make_person, team):
    from accounts import roles
    from cases.models import Child

    second = make_person("sam_second", roles.CASEWORKER, team=team, last_name="Second")
    Child.objects.filter(pk__in=[council.children["O4"].pk, council.children["O2"].pk]).update(
        lead_caseworker=second
    )
    sign_in(page, manager.username)
    page.goto("/reports/measures/")
    at_risk = page.locator("#cases-at-risk tbody tr")
    expect(at_risk).to_have_count(6)  # North's open assessments, all long past 20 weeks now
    page.get_by_label("Lead caseworker").select_option(label="Sam Second (North team)")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(f"caseworker={second.pk}"))
    expect(page.get_by_text("Reports: North team, lead caseworker Sam Second")).to_be_visible()
    expect(at_risk).to_have_count(2)
    rows = at_risk.all_inner_texts()
    assert any(council.children["O4"].reference in row for row in rows)
    assert any(council.children["O2"].reference in row for row in rows)
    assert_accessible(page)


def test_on_day_one_the_trend_says_how_it_fills(page, manager, council):
    sign_in(page, manager.username)
    page.goto("/reports/")
    trend = page.locator("section", has=page.locator("#figure-trend"))
    expect(
        trend.get_by_text("No points yet. The trend fills itself: one point a month")
    ).to_be_visible()
    assert_accessible(page)


@pytest.mark.parametrize(
    "path",
    [
        "/reports/measures/",
        "/reports/cases/?cases=caseload-children&lead={lead}",
        "/reports/cases/?cases=plans-issued&value=issued",
    ],
)
def test_the_drill_downs_and_the_forecast_fit_a_phone(browser, live_server, manager, council, path):
    context = browser.new_context(base_url=live_server.url, viewport={"width": 375, "height": 900})
    page = context.new_page()
    sign_in(page, manager.username)
    page.goto(path.format(lead=council.caseworker.pk))
    for summary in page.locator("summary").all():
        summary.click()
    assert page.locator("table").count() >= 1
    overflow = no_sideways_scroll(page)
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 375px"
    assert_accessible(page)
    context.close()
