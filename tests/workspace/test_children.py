"""My children: one row per child, where the case stands and what is due next, paged, filtered,
sorted, downloadable, for the children the person may see only."""

import csv
import datetime
import io

import pytest
import time_machine

from accounts import roles
from cases.models import RecordAccess
from tests.cases import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 1, 6)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def cases(caseworker, team):
    """Three children: a request in week 10 (two open steps), a plan in force, no open work."""
    asked = factories.child(by=caseworker, team=team, caseworker=caseworker, surname="Asked")
    factories.request_received(by=caseworker, child=asked, received_on=datetime.date(2024, 11, 4))
    planned = factories.child(
        by=caseworker,
        team=team,
        caseworker=caseworker,
        surname="Planned",
        upn="",
        upn_unknown_reason="UN1",
    )
    factories.plan_issued(by=caseworker, child=planned, received_on=datetime.date(2024, 6, 3))
    quiet = factories.child(
        by=caseworker,
        team=team,
        caseworker=caseworker,
        surname="Quiet",
        upn="",
        upn_unknown_reason="UN1",
    )
    return {"asked": asked, "planned": planned, "quiet": quiet}


def rows_of(response):
    return response.context["page"].object_list


def test_one_row_a_child_with_the_stage_the_week_and_the_next_step(client, caseworker, cases):
    client.force_login(caseworker)
    response = client.get("/children/?sort=name")
    assert response.status_code == 200
    rows = {row.reference: row for row in rows_of(response)}
    assert len(rows) == 3  # the request's several open steps make one row
    asked = rows[cases["asked"].reference]
    assert asked.stage_label == "Awaiting the decision to assess"
    assert asked.progress == "Week 10 of 20"
    assert asked.next_title and asked.next_due_on == datetime.date(2024, 12, 16)
    assert asked.next_state == "overdue"
    planned = rows[cases["planned"].reference]
    assert planned.stage_label == "EHC plan in force"
    assert planned.progress.startswith("Next review by ")
    assert rows[cases["quiet"].reference].stage_label == "No open request or plan"
    assert "Week 10 of 20" in response.content.decode()


def test_filters_and_sorting(client, caseworker, cases):
    client.force_login(caseworker)
    overdue = [r.reference for r in rows_of(client.get("/children/?overdue=on"))]
    assert overdue == [cases["asked"].reference]
    staged = [r.reference for r in rows_of(client.get("/children/?stage=plan"))]
    assert staged == [cases["planned"].reference]
    by_name = [r.name.split()[-1] for r in rows_of(client.get("/children/?sort=name"))]
    assert by_name == sorted(by_name)
    soonest = [r.next_due_on for r in rows_of(client.get("/children/"))]
    dated = [d for d in soonest if d]
    assert dated == sorted(dated) and soonest[-1] is None  # nothing due comes last


def test_another_teams_caseworker_sees_none_of_them(client, other_caseworker, cases):
    client.force_login(other_caseworker)
    response = client.get("/children/?scope=all")
    assert rows_of(response) == []
    assert "Asked" not in response.content.decode()


def test_a_manager_filters_by_a_caseworker_of_their_teams_only(
    client, manager, caseworker, other_caseworker, cases
):
    client.force_login(manager)
    mine = rows_of(client.get(f"/children/?scope=all&caseworker={caseworker.pk}"))
    assert len(mine) == 3
    response = client.get(f"/children/?scope=all&caseworker={other_caseworker.pk}")
    assert "Choose a caseworker in a team you manage" in response.content.decode()
    assert response.content.decode().count("govuk-error-summary") >= 1


def test_the_list_pages_through_many_children_in_a_fixed_number_of_queries(
    client, caseworker, team, django_assert_max_num_queries
):
    for number in range(55):
        child = factories.child(
            by=caseworker,
            team=team,
            caseworker=caseworker,
            surname=f"Child{chr(65 + number % 26)}",
            upn="",
            upn_unknown_reason="UN1",
        )
        if number % 3 == 0:
            factories.request_received(by=caseworker, child=child)
    client.force_login(caseworker)
    with django_assert_max_num_queries(16):
        first = client.get("/children/")
    second = client.get("/children/?page=2")
    assert len(rows_of(first)) == 50 and len(rows_of(second)) == 5
    assert not {r.reference for r in rows_of(first)} & {r.reference for r in rows_of(second)}


def test_the_download_has_every_row_and_logs_each_childs_record_read(client, caseworker, cases):
    client.force_login(caseworker)
    response = client.get("/children/children.csv?sort=name")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][0] == "Case reference" and len(rows) == 4
    assert [r[1].split()[-1] for r in rows[1:]] == ["Asked", "Planned", "Quiet"]
    logged = RecordAccess.objects.filter(user=caseworker, what="children list download")
    assert sorted(logged.values_list("child__reference", flat=True)) == sorted(
        c.reference for c in cases.values()
    )


def test_people_without_cases_get_no_list(client, make_person):
    client.force_login(make_person("member", roles.PANEL_MEMBER))
    assert client.get("/children/").status_code == 403
    assert client.get("/children/children.csv").status_code == 403
