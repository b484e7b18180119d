"""The manager's team view: each caseworker's load, drilling down to the children behind a figure,
and handing a whole caseload over in one action."""

import datetime

import pytest
import time_machine

from accounts import roles
from cases.models import Child, TimelineEvent
from tests.cases import factories
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2025, 1, 6)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def loads(caseworker, team):
    """The caseworker leads two children: one with an assessment far past its decision (at risk),
    one quiet. A second caseworker in the team leads one, and one child has no lead."""
    late = factories.child(by=caseworker, team=team, caseworker=caseworker, surname="Late")
    factories.request_received(by=caseworker, child=late, received_on=datetime.date(2024, 9, 2))
    factories.child(
        by=caseworker,
        team=team,
        caseworker=caseworker,
        surname="Quiet",
        upn="",
        upn_unknown_reason="UN1",
    )
    second = make_user("second_worker", roles.CASEWORKER, team=team)
    factories.child(
        by=second, team=team, caseworker=second, surname="Other", upn="", upn_unknown_reason="UN1"
    )
    unled = factories.child(
        by=caseworker, team=team, caseworker=caseworker, upn="", upn_unknown_reason="UN1"
    )
    Child.objects.filter(pk=unled.pk).update(lead_caseworker=None)
    return {"late": late, "second": second, "unled": unled}


def test_each_caseworkers_load_and_the_unallocated(
    client, manager, caseworker, loads, django_assert_max_num_queries
):
    client.force_login(manager)
    with django_assert_max_num_queries(14):
        response = client.get("/team/")
    assert response.status_code == 200
    view = response.context["view"]
    by_person = {row.caseworker.pk if row.caseworker else None: row for row in view.rows}
    mine = by_person[caseworker.pk]
    assert mine.children == 2
    assert mine.open_steps >= 2 and mine.overdue >= 1 and mine.at_risk == 1
    assert by_person[loads["second"].pk].children == 1
    assert by_person[None].children == 1  # no one leads it
    assert view.totals.children == 4
    body = response.content.decode()
    assert f"/children/?scope=all&amp;caseworker={caseworker.pk}" in body
    assert f"/team/{caseworker.pk}/hand-over/" in body


def test_a_figure_drills_down_to_the_children_behind_it(client, manager, caseworker, loads):
    client.force_login(manager)
    overdue = client.get(f"/children/?scope=all&overdue=on&caseworker={caseworker.pk}")
    assert [row.reference for row in overdue.context["page"]] == [loads["late"].reference]
    unled = client.get("/children/?scope=all&unallocated=on")
    assert [row.reference for row in unled.context["page"]] == [loads["unled"].reference]


def test_a_caseload_is_handed_over_in_one_action(client, manager, caseworker, loads):
    client.force_login(manager)
    page = client.get(f"/team/{caseworker.pk}/hand-over/")
    assert page.status_code == 200
    response = client.post(f"/team/{caseworker.pk}/hand-over/", {"to": loads["second"].pk})
    assert response.status_code == 302
    assert Child.objects.filter(lead_caseworker=caseworker).count() == 0
    assert Child.objects.filter(lead_caseworker=loads["second"]).count() == 3
    assert TimelineEvent.objects.filter(verb="case_handed_over").count() == 2


def test_no_hand_over_outside_the_managers_teams(client, manager, caseworker, other_caseworker):
    client.force_login(manager)
    assert client.get(f"/team/{other_caseworker.pk}/hand-over/").status_code == 404
    response = client.post(f"/team/{caseworker.pk}/hand-over/", {"to": other_caseworker.pk})
    assert response.status_code == 200
    assert "only to a caseworker in a team you manage" in response.content.decode()


def test_caseworkers_have_no_team_view(client, caseworker):
    client.force_login(caseworker)
    assert client.get("/team/").status_code == 403
    assert client.get(f"/team/{caseworker.pk}/hand-over/").status_code == 403
