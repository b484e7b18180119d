"""The report pages: a team manager sees their teams' figures, the head of service the whole
service's; only the head of service produces, reads and downloads the SEN2 return (it names every
child). Filters, CSV downloads, the SEN2 pages."""

import datetime
import re

import pytest
import time_machine

from accounts import roles
from reporting.models import Sen2Return, Sen2Status
from reporting.services import sen2_return_generate

pytestmark = pytest.mark.django_db
NOW = datetime.datetime(2026, 2, 10, 10, 0)
DASHBOARD_PAGES = [
    "/reports/",
    "/reports/measures/",
    "/reports/cohort/",
    "/reports/download.csv?figure=timeliness",
]
REPORT_ROLES = (roles.MANAGER, roles.HEAD_OF_SERVICE)


def sen2_urls(sen2_return) -> list[str]:
    return [
        "/reports/sen2/",
        f"/reports/sen2/{sen2_return.pk}/",
        f"/reports/sen2/{sen2_return.pk}/sen2.xml",
        f"/reports/sen2/{sen2_return.pk}/sen2-csv.zip",
    ]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def finished_return(council, head_of_service):
    with time_machine.travel(NOW, tick=False):
        sen2_return = Sen2Return.objects.create(
            census_date=datetime.date(2026, 1, 15),
            dmo_in_post="Yes",
            dco_in_post="Yes",
            dsco_in_post="Yes",
            requested_by=head_of_service,
        )
        return sen2_return_generate(sen2_return=sen2_return)


@pytest.mark.parametrize("role", [r for r in roles.ALL if r not in REPORT_ROLES])
def test_only_managers_and_the_head_of_service_see_reports(client, people, finished_return, role):
    client.force_login(people[role])
    for url in [*DASHBOARD_PAGES, *sen2_urls(finished_return)]:
        assert client.get(url).status_code == 403, url
    assert client.post("/reports/sen2/", {}).status_code == 403
    assert not Sen2Return.objects.exclude(pk=finished_return.pk).exists()


SEN2_ASKED = {
    "census_date_day": "15",
    "census_date_month": "1",
    "census_date_year": "2026",
    "dmo_in_post": "Yes",
    "dco_in_post": "Yes",
    "dsco_in_post": "No",
}


@time_machine.travel(NOW, tick=False)
def test_a_team_manager_gets_no_sen2_page_or_file(client, manager, council, finished_return):
    """The return names every child in the service (name, date of birth, postcode, UPN): a team
    manager may not produce, read or download it."""
    client.force_login(manager)
    for url in sen2_urls(finished_return):
        assert client.get(url).status_code == 403, url
    assert client.post("/reports/sen2/", SEN2_ASKED).status_code == 403
    assert Sen2Return.objects.count() == 1
    body = client.get("/reports/").content.decode()
    assert "/reports/sen2/" not in body  # not offered either


@time_machine.travel(NOW, tick=False)
def test_the_head_of_service_gets_every_sen2_page_and_file(
    client, head_of_service, council, finished_return
):
    client.force_login(head_of_service)
    for url in sen2_urls(finished_return):
        assert client.get(url).status_code == 200, url
    zipped = client.get(f"/reports/sen2/{finished_return.pk}/sen2-csv.zip")
    assert b"".join(zipped.streaming_content).startswith(b"PK")
    assert 'href="/reports/sen2/"' in client.get("/reports/").content.decode()


@time_machine.travel(NOW, tick=False)
def test_a_team_manager_sees_only_their_teams(client, manager, council):
    client.force_login(manager)
    body = client.get("/reports/").content.decode()
    assert "Reports: North team" in body and "66.7%" in body
    assert "Whole service" not in body
    for url in ("/reports/?team=service", "/reports/download.csv?figure=timeliness&team=service"):
        response = client.get(url)
        assert "71.4" not in response.content.decode(), url  # the whole service's figure
    assert client.get("/reports/?team=service").status_code == 400
    csv_lines = (
        client.get("/reports/download.csv?figure=timeliness&team=service")
        .content.decode()
        .splitlines()
    )
    table = csv_lines[csv_lines.index("") + 1 :]  # after the filters the figure was worked for
    assert "Filter: Teams,North team" in csv_lines
    assert table[1] == "12 months to 10 February 2026,6,4,66.7,4,2,50.0"


@time_machine.travel(NOW, tick=False)
def test_a_manager_of_no_team_sees_no_figures(client, make_person, council):
    client.force_login(make_person("nora_newmanager", roles.MANAGER))
    body = client.get("/reports/").content.decode()
    assert "you do not manage a team yet" in body
    assert "71.4%" not in body and "66.7%" not in body


@time_machine.travel(NOW, tick=False)
def test_the_head_of_service_sees_the_whole_service_and_each_team(
    client, head_of_service, council, other_team
):
    client.force_login(head_of_service)
    body = client.get("/reports/").content.decode()
    assert "Reports: Whole service" in body and "71.4%" in body
    body = client.get(f"/reports/?team={council.team.pk}").content.decode()
    assert "Reports: North team" in body and "66.7%" in body
    body = client.get(f"/reports/?team={other_team.pk}").content.decode()
    assert "Reports: South team" in body and "100.0%" in body


def test_anonymous_is_sent_to_sign_in(client):
    response = client.get("/reports/")
    assert response.status_code == 302 and "/sign-in/" in response["Location"]


@time_machine.travel(NOW, tick=False)
def test_timeliness_dashboard_for_my_team(client, manager, council):
    client.force_login(manager)
    response = client.get("/reports/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "North team" in body
    assert "66.7%" in body and "50.0%" in body  # including / excluding exceptions
    assert "46.4%" in body  # England, 2024
    assert 'role="img"' in body and "Table of figures" in body
    assert "/reports/download.csv?figure=spread" in body


@time_machine.travel(NOW, tick=False)
def test_whole_service_and_filters(client, head_of_service, council):
    client.force_login(head_of_service)
    body = client.get("/reports/?team=service").content.decode()
    assert "71.4%" in body
    body = client.get("/reports/?need=ASD").content.decode()
    assert "3 new plans" in body


@time_machine.travel(NOW, tick=False)
def test_a_team_the_manager_does_not_manage_is_refused_clearly(
    client, manager, council, other_team
):
    client.force_login(manager)
    response = client.get(f"/reports/?team={other_team.pk}&period=nonsense")
    body = response.content.decode()
    assert response.status_code == 400
    assert "There is a problem" in body and "Select a valid choice" in body
    assert "<title>Error:" in body
    assert "66.7%" in body  # the default scope is shown, not the other team's


@time_machine.travel(NOW, tick=False)
def test_csv_download_matches_the_table(client, head_of_service, council):
    client.force_login(head_of_service)
    response = client.get("/reports/download.csv?figure=timeliness&team=service")
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    lines = response.content.decode().splitlines()
    assert lines[0].startswith("Filter: Period,")
    lines = lines[lines.index("") + 1 :]
    assert lines[0].startswith("Period,Plans issued,Within 20 weeks,Per cent within 20 weeks")
    assert lines[1] == "12 months to 10 February 2026,7,5,71.4,5,3,60.0"
    assert client.get("/reports/download.csv?figure=nope").status_code == 404


@time_machine.travel(NOW, tick=False)
def test_measures_page_links_each_case_at_risk(client, manager, council):
    client.force_login(manager)
    body = client.get("/reports/measures/").content.decode()
    assert f'href="/cases/{council.children["O4"].reference}/"' in body
    assert council.children["O6"].reference not in body  # South team
    assert "Phase-transfer reviews for 2026" in body


@time_machine.travel(NOW, tick=False)
def test_cohort_page(client, manager, council):
    client.force_login(manager)
    body = client.get("/reports/cohort/?period=year-2025").content.decode()
    assert "Plans in force by primary need" in body
    assert "Tribunal appeals by outcome" in body
    assert "Caseload per caseworker" in body


@time_machine.travel(NOW, tick=False)
def test_sen2_form_errors_change_nothing(client, head_of_service):
    client.force_login(head_of_service)
    response = client.post(
        "/reports/sen2/",
        {
            "census_date_day": "1",
            "census_date_month": "2",
            "census_date_year": "2026",
            "dmo_in_post": "Yes",
            "dco_in_post": "Yes",
            "dsco_in_post": "Maybe",
        },
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert "Select a valid choice" in body and "<title>Error:" in body
    assert not Sen2Return.objects.exists()
    response = client.post(
        "/reports/sen2/",
        {
            "census_date_day": "1",
            "census_date_month": "2",
            "census_date_year": "2026",
            "dmo_in_post": "Yes",
            "dco_in_post": "Yes",
            "dsco_in_post": "No",
        },
    )
    assert response.status_code == 400
    assert "The census date must be in January" in response.content.decode()
    assert not Sen2Return.objects.exists()


@time_machine.travel(NOW, tick=False)
def test_sen2_asked_for_then_progress_then_report(client, head_of_service, council):
    client.force_login(head_of_service)
    response = client.post(
        "/reports/sen2/",
        {
            "census_date_day": "15",
            "census_date_month": "1",
            "census_date_year": "2026",
            "dmo_in_post": "Yes",
            "dco_in_post": "Yes",
            "dsco_in_post": "No",
        },
    )
    sen2_return = Sen2Return.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/reports/sen2/{sen2_return.pk}/"
    # Queued (the test's transaction never commits, so the job has not run): the page refreshes.
    body = client.get(response["Location"]).content.decode()
    assert '<meta http-equiv="refresh" content="10">' in body
    assert "Waiting to start" in body
    assert 'href="?refresh=off">Stop checking automatically' in body  # WCAG 2.2.1: turn it off
    stopped = client.get(response["Location"] + "?refresh=off").content.decode()
    assert 'http-equiv="refresh"' not in stopped and "Check progress now" in stopped
    assert client.get(f"/reports/sen2/{sen2_return.pk}/sen2.xml").status_code == 404
    sen2_return_generate(sen2_return=sen2_return)
    body = client.get(response["Location"]).content.decode()
    assert 'http-equiv="refresh"' not in body
    assert "Return ready" not in body and "Ready to submit" not in body  # 2 blocking errors
    assert "Not ready to submit: 2 errors to correct" in body
    assert f'href="/cases/{council.children["E"].reference}/"' in body
    assert "Plan in force with no primary need recorded" in body
    download = client.get(f"/reports/sen2/{sen2_return.pk}/sen2.xml")
    assert download.status_code == 200
    assert b"<Collection>SEN2</Collection>" in b"".join(download.streaming_content)
    assert download["Cache-Control"] == "private, no-store"
    zipped = client.get(f"/reports/sen2/{sen2_return.pk}/sen2-csv.zip")
    assert zipped["Content-Type"] == "application/zip"
    listing = client.get("/reports/sen2/").content.decode()
    assert "15 January 2026" in listing and "Not ready: 2 errors to correct" in listing


def test_sen2_failed_status_is_explained(client, head_of_service):
    sen2_return = Sen2Return.objects.create(
        census_date=datetime.date(2026, 1, 15),
        dmo_in_post="Yes",
        dco_in_post="Yes",
        dsco_in_post="Yes",
        status=Sen2Status.FAILED,
        error="The return could not be generated.",
    )
    client.force_login(head_of_service)
    body = client.get(f"/reports/sen2/{sen2_return.pk}/").content.decode()
    assert "The return was not generated" in body


@time_machine.travel(NOW, tick=False)
def test_head_of_service_home_page_counts_the_whole_service(client, head_of_service, council):
    client.force_login(head_of_service)
    body = client.get("/").content.decode()
    assert "Statutory steps across the whole service" in body
    assert "71.4% of 7 new plans" in body and "(60.0% excluding exceptions)" in body
    assert council.children["A"].reference not in body  # counts only, no child named


@time_machine.travel(NOW, tick=False)
def test_a_return_with_blocking_errors_is_not_ready_and_links_each_case(
    client, head_of_service, council, finished_return
):
    assert finished_return.error_count == 2
    client.force_login(head_of_service)
    body = client.get(f"/reports/sen2/{finished_return.pk}/").content.decode()
    assert "govuk-panel--confirmation" not in body
    summary = body[body.index('id="not-ready"') : body.index("</ul>", body.index('id="not-ready"'))]
    for finding in finished_return.findings:
        if finding["severity"] == "error":
            assert f'<a href="/cases/{finding["reference"]}/">{finding["reference"]}: ' in summary
    # Once the errors are corrected (here: the findings cleared), the same page says ready.
    Sen2Return.objects.filter(pk=finished_return.pk).update(
        findings=[f for f in finished_return.findings if f["severity"] != "error"]
    )
    body = client.get(f"/reports/sen2/{finished_return.pk}/").content.decode()
    assert "Ready to submit" in body and "govuk-panel--confirmation" in body
    assert "Ready to submit" in client.get("/reports/sen2/").content.decode()


@time_machine.travel(NOW, tick=False)
def test_the_form_starts_with_the_census_due_and_last_answers(client, head_of_service):
    client.force_login(head_of_service)
    body = client.get("/reports/sen2/").content.decode()
    # 10 February 2026: the census to return is Thursday 15 January 2026.
    assert 'name="census_date_day" value="15"' in body
    assert 'name="census_date_month" value="1"' in body
    assert 'name="census_date_year" value="2026"' in body
    assert not re.search(r"<input[^>]*checked", body)  # nothing answered yet
    Sen2Return.objects.create(
        census_date=datetime.date(2026, 1, 15),
        dmo_in_post="Recruiting",
        dco_in_post="No",
        dsco_in_post="Yes",
        status=Sen2Status.FAILED,
    )
    body = client.get("/reports/sen2/").content.decode()
    for name, value in (("dmo", "Recruiting"), ("dco", "No"), ("dsco", "Yes")):
        checked = re.search(rf'<input[^>]*name="{name}_in_post"[^>]*value="{value}"[^>]*>', body)
        assert checked and "checked" in checked.group(0), name


@time_machine.travel(NOW, tick=False)
def test_modules_are_listed_in_the_return_s_order(client, head_of_service, finished_return):
    client.force_login(head_of_service)
    body = client.get(f"/reports/sen2/{finished_return.pk}/").content.decode()
    names = re.findall(r'<dt class="govuk-summary-list__key">([^<]+)</dt>', body)
    assert names == [
        "0 Header",
        "1 Person",
        "2 Requests",
        "3 Assessment",
        "4a Named plan",
        "4b Plan detail",
        "5a Active plans",
        "5b Placement detail",
        "5c SEN need",
    ]
    tables = body.split("<table")[1:]  # errors, then warnings: each in the same order
    assert len(tables) == 2
    for table in tables:
        modules = re.findall(r'<td class="govuk-table__cell">(\d[a-c]? [^<]+)</td>', table)
        assert modules == sorted(modules, key=names.index)
