"""Every number on the dashboards links to the cases behind it: the list counts what the figure
counts, for the same filters, scoped to the cases the person may open, a page at a time in a
fixed number of queries, each child listed access-logged."""

import html
import re

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts import roles
from cases.models import RecordAccess
from reporting.selectors import drilldown

from .test_views import NOW

pytestmark = pytest.mark.django_db
LINK = re.compile(
    r'<a class="govuk-link" href="(/reports/cases/\?[^"]+)" aria-label="[^"]*">([\d,]+)</a>'
)
DASHBOARDS = ["/reports/", "/reports/measures/", "/reports/cohort/"]


def links_on(body: str) -> list[tuple[str, int]]:
    return [(html.unescape(href), int(n.replace(",", ""))) for href, n in LINK.findall(body)]


def listed(body: str) -> list[str]:
    table = body[body.index('id="cases"') :] if 'id="cases"' in body else ""
    return re.findall(r'<a class="govuk-link" href="/cases/([^/]+)/">', table)


@time_machine.travel(NOW, tick=False)
@pytest.mark.parametrize("path", DASHBOARDS)
@pytest.mark.parametrize("filters", ["", "period=year-2025", "need=ASD"])
def test_each_number_lists_as_many_cases_as_it_counts(client, manager, council, path, filters):
    """The manager of North sees every North case: each number, followed, lists that many."""
    client.force_login(manager)
    links = links_on(client.get(f"{path}?{filters}").content.decode())
    assert len(links) >= 6, path
    assert any(n for _href, n in links)
    for href, number in links:
        if filters:  # the filters carry through (a row of the 20-week table has its period)
            assert filters in href or (filters.startswith("period") and "period=" in href)
        response = client.get(href)
        assert response.status_code == 200, href
        body = response.content.decode()
        assert f"{number} counted in the figure" in body, href
        assert len(listed(body)) == number, href


@time_machine.travel(NOW, tick=False)
def test_the_cases_named_and_linked_are_those_behind_the_number(client, manager, council):
    client.force_login(manager)
    body = client.get(
        "/reports/cases/?cases=plans-issued&value=weeks_20_to_52&period=12m"
    ).content.decode()
    assert "New plans issued in 20 to 52 weeks" in body
    assert listed(body) == [council.children["B"].reference]  # 238 days
    assert "Test Child B" in body
    assert f'href="/cases/{council.children["B"].reference}/"' in body
    within = client.get("/reports/cases/?cases=plans-issued&value=within").content.decode()
    assert sorted(listed(within)) == sorted(council.children[k].reference for k in "ACDF")


@time_machine.travel(NOW, tick=False)
def test_each_child_listed_is_access_logged(client, manager, council):
    client.force_login(manager)
    client.get("/reports/cases/?cases=plans-issued&value=issued")
    logged = RecordAccess.objects.filter(user=manager, what__startswith="report: ")
    assert {a.child.reference for a in logged} == {council.children[k].reference for k in "ABCDEF"}
    assert all(a.channel == RecordAccess.Channel.BROWSER for a in logged)


@time_machine.travel(NOW, tick=False)
def test_the_head_of_service_sees_the_count_but_opens_no_case(client, head_of_service, council):
    """The head of service reads the service's figures, not case records."""
    client.force_login(head_of_service)
    body = client.get("/reports/cases/?cases=plans-issued&value=issued").content.decode()
    assert "7 counted in the figure" in body
    assert listed(body) == [] and "Test Child" not in body
    assert "None of these cases is in a team whose cases you can open" in body
    assert not RecordAccess.objects.filter(user=head_of_service).exists()


@time_machine.travel(NOW, tick=False)
def test_another_team_is_refused_and_the_manager_s_own_shown(client, manager, council, other_team):
    client.force_login(manager)
    response = client.get(f"/reports/cases/?cases=plans-issued&value=issued&team={other_team.pk}")
    body = response.content.decode()
    assert "Select a valid choice" in body
    assert council.children["H"].reference not in body  # South's plan
    assert "6 counted in the figure" in body


@time_machine.travel(NOW, tick=False)
def test_bad_drill_downs_are_not_found(client, manager, council):
    client.force_login(manager)
    for query in (
        "cases=nope",
        "cases=plans-issued&value=nope",
        "cases=transfers&value=missed&on=notadate",
        "cases=caseload-children&lead=x",
        "cases=plans-issued&value=issued&snapshot=2099-01-01",
    ):
        assert client.get(f"/reports/cases/?{query}").status_code == 404, query


@pytest.mark.parametrize(
    "role", [r for r in roles.ALL if r not in (roles.MANAGER, roles.HEAD_OF_SERVICE)]
)
def test_only_report_readers_drill_down(client, people, role):
    client.force_login(people[role])
    assert client.get("/reports/cases/?cases=plans-issued&value=issued").status_code == 403


@time_machine.travel(NOW, tick=False)
def test_the_same_queries_for_one_case_or_sixteen_and_the_list_pages(
    client, manager, council, monkeypatch
):
    """No query per case: the counts in one query, the page in one, the access log in one."""
    client.force_login(manager)
    client.get("/reports/cases/?cases=need&value=MLD")  # the session is loaded
    counts = []
    for query in ("cases=need&value=SEMH", f"cases=caseload-children&lead={council.caseworker.pk}"):
        with CaptureQueriesContext(connection) as captured:
            body = client.get(f"/reports/cases/?{query}").content.decode()
        counts.append((len(captured), len(listed(body))))
    assert counts[0][1] == 1 and counts[1][1] == 16
    assert counts[0][0] == counts[1][0]
    monkeypatch.setattr(drilldown, "PER_PAGE", 5)
    path = f"/reports/cases/?cases=caseload-children&lead={council.caseworker.pk}"
    first = client.get(path).content.decode()
    assert len(listed(first)) == 5 and "Page 1 of 4" in first
    assert "page=2" in first
    last = client.get(f"{path}&page=4").content.decode()
    assert len(listed(last)) == 1
    assert "16 counted in the figure" in last
