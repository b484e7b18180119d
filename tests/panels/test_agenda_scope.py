"""Least exposure on panel agendas: those sitting on the panel see the whole agenda; anyone
else sees only the cases they may see, and the rest only as a count."""

import datetime

import pytest
import time_machine

from accounts import roles
from accounts.models import Team
from cases.models import StatutoryDeadline
from cases.services.common import StepRefused
from panels import selectors, services
from panels.models import AgendaItem, Meeting, Membership, PanelType
from tests.cases import factories

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2024, 10, 3)
MEETING_DAY = datetime.date(2024, 10, 10)


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


@pytest.fixture
def scene(make_person):
    team_1 = Team.objects.create(name="Team 1")
    team_2 = Team.objects.create(name="Team 2")
    worker_1 = make_person("worker_one", roles.CASEWORKER, team=team_1)
    worker_2 = make_person("worker_two", roles.CASEWORKER, team=team_2)
    manager_1 = make_person("manager_one", roles.MANAGER)
    team_1.managers.add(manager_1)
    chair = make_person("chair_person", roles.PANEL_MEMBER)
    member = make_person("ep_person", roles.PANEL_MEMBER)
    outsider = make_person("other_panel", roles.PANEL_MEMBER)
    panel_type = PanelType.objects.create(name="Decision to assess panel", kind="assess")
    meeting = Meeting.objects.create(panel_type=panel_type, held_on=MEETING_DAY, chair=chair)
    Membership.objects.create(meeting=meeting, user=member, professional_role="ep")
    cases = {}
    for name, worker, team, received_on in (
        ("one", worker_1, team_1, datetime.date(2024, 7, 1)),
        ("two", worker_2, team_2, datetime.date(2024, 7, 8)),
    ):
        child = factories.child(
            by=worker, team=team, caseworker=worker, upn="", upn_unknown_reason="UN1"
        )
        # Received in July: the decision whether to assess is overdue by October.
        factories.request_received(by=worker, child=child, received_on=received_on)
        item = services.agenda_item_add(
            meeting=meeting, child=child, summary="For the panel to decide.", by=worker
        )
        cases[name] = (child, item)
    return {
        "meeting": meeting,
        "worker_1": worker_1,
        "manager_1": manager_1,
        "chair": chair,
        "member": member,
        "outsider": outsider,
        "cases": cases,
    }


def overdue_title(child) -> str:
    deadline = (
        StatutoryDeadline.objects.filter(child=child, is_open=True, statutory=True)
        .order_by("due_on")
        .first()
    )
    assert deadline is not None and deadline.due_on < TODAY
    return f"{deadline.title}, {deadline.due_on:%-d %b %Y}"


@pytest.mark.parametrize("who", ["worker_1", "manager_1"])
def test_case_staff_see_only_their_teams_cases_on_an_agenda(client, scene, who):
    own, _ = scene["cases"]["one"]
    other, other_item = scene["cases"]["two"]
    client.force_login(scene[who])
    response = client.get(f"/panels/{scene['meeting'].pk}/")
    body = response.content.decode()
    assert response.status_code == 200
    assert own.reference in body
    assert other.reference not in body
    assert overdue_title(other) not in body
    assert f"/panels/items/{other_item.pk}/" not in body
    assert "1 case from other teams, not shown" in body
    assert client.get(f"/panels/items/{other_item.pk}/").status_code == 404


@pytest.mark.parametrize("who", ["chair", "member"])
def test_those_sitting_on_the_panel_see_the_whole_agenda(client, scene, who):
    client.force_login(scene[who])
    response = client.get(f"/panels/{scene['meeting'].pk}/")
    body = response.content.decode()
    for child, item in scene["cases"].values():
        assert child.reference in body
        assert overdue_title(child) in body
        assert f"/panels/items/{item.pk}/" in body
        assert client.get(f"/panels/items/{item.pk}/").status_code == 200
    assert "other teams" not in body


def test_a_manager_sitting_on_the_panel_sees_the_whole_agenda(scene):
    Membership.objects.create(
        meeting=scene["meeting"], user=scene["manager_1"], professional_role="sen"
    )
    agenda = selectors.agenda_for(meeting=scene["meeting"], user=scene["manager_1"])
    assert agenda.hidden == 0 and len(agenda.items) == 2
    assert all(item.can_open for item in agenda.items)


def test_a_panel_member_not_on_this_panel_cannot_open_it(client, scene):
    client.force_login(scene["outsider"])
    assert client.get(f"/panels/{scene['meeting'].pk}/").status_code == 404
    _, item = scene["cases"]["one"]
    assert client.get(f"/panels/items/{item.pk}/").status_code == 404


def test_a_caseworker_cannot_put_another_teams_case_on_an_agenda(scene):
    other, _ = scene["cases"]["two"]
    later = Meeting.objects.create(
        panel_type=scene["meeting"].panel_type,
        held_on=MEETING_DAY + datetime.timedelta(days=7),
        chair=scene["chair"],
    )
    with pytest.raises(StepRefused) as refused:
        services.agenda_item_add(
            meeting=later, child=other, summary="Not mine to add.", by=scene["worker_1"]
        )
    assert refused.value.messages == [services.CASE_NOT_YOURS]
    assert not AgendaItem.objects.filter(meeting=later).exists()
