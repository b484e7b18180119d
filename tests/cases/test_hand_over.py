"""Handing cases over: a manager moves only cases in the teams they manage, and only to a
caseworker in a team they manage - whatever the outgoing caseworker's history."""

import datetime

import pytest
import time_machine

from accounts import roles
from accounts.models import Team
from cases.models import Child, TimelineEvent
from cases.services import children
from cases.services.common import StepRefused

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.date(2025, 3, 3), tick=False):
        yield


@pytest.fixture
def scene(make_person):
    """Team 1 and team 2; a caseworker who led team-1 cases and then moved to team 2."""
    team_1 = Team.objects.create(name="Team 1")
    team_2 = Team.objects.create(name="Team 2")
    manager_1 = make_person("manager_one", roles.MANAGER)
    team_1.managers.add(manager_1)
    manager_2 = make_person("manager_two", roles.MANAGER)
    team_2.managers.add(manager_2)
    mover = make_person("moving_worker", roles.CASEWORKER, team=team_1)
    team_1_cases = [
        factories.child(by=mover, team=team_1, caseworker=mover, upn="", upn_unknown_reason="UN1")
        for _ in range(4)
    ]
    mover.team = team_2
    mover.save(update_fields=["team"])
    stayer = make_person("staying_worker", roles.CASEWORKER, team=team_2)
    receiver = make_person("receiving_worker", roles.CASEWORKER, team=team_2)
    team_2_case = factories.child(
        by=stayer, team=team_2, caseworker=stayer, upn="", upn_unknown_reason="UN1"
    )
    return {
        "team_1": team_1,
        "team_2": team_2,
        "manager_1": manager_1,
        "manager_2": manager_2,
        "mover": mover,
        "stayer": stayer,
        "receiver": receiver,
        "team_1_cases": team_1_cases,
        "team_2_case": team_2_case,
    }


def test_a_whole_caseload_hand_over_moves_only_the_managers_teams_cases(client, scene):
    """The reported takeover: one hand-over to a caseworker who moved from team 1, then their
    whole caseload handed on, must not bring team 1's children into team 2."""
    client.force_login(scene["manager_2"])
    case = scene["team_2_case"]
    response = client.post(f"/cases/{case.reference}/hand-over/", {"to": scene["mover"].pk})
    assert response.status_code == 302
    response = client.post(
        f"/cases/{case.reference}/hand-over/",
        {"to": scene["receiver"].pk, "whole_caseload": "on"},
        follow=True,
    )
    assert response.status_code == 200
    assert "1 case handed over" in response.content.decode()
    case.refresh_from_db()
    assert (case.lead_caseworker, case.team) == (scene["receiver"], scene["team_2"])
    for team_1_case in scene["team_1_cases"]:
        team_1_case.refresh_from_db()
        assert team_1_case.team == scene["team_1"]
        assert team_1_case.lead_caseworker == scene["mover"]
        assert not TimelineEvent.objects.filter(child=team_1_case, verb="case_handed_over").exists()
        assert client.get(f"/cases/{team_1_case.reference}/").status_code == 404
    assert Child.objects.filter(team=scene["team_1"]).count() == 4


def test_the_caseload_service_moves_only_cases_the_manager_may_see(scene):
    moved = children.caseload_reassign(
        from_caseworker=scene["mover"], to=scene["receiver"], by=scene["manager_2"]
    )
    assert moved == 0
    assert set(
        Child.objects.filter(lead_caseworker=scene["mover"]).values_list("team", flat=True)
    ) == {scene["team_1"].pk}


def test_the_old_teams_manager_hands_the_rest_over_within_their_team(scene, make_person):
    colleague = make_person("team_one_worker", roles.CASEWORKER, team=scene["team_1"])
    moved = children.caseload_reassign(
        from_caseworker=scene["mover"], to=colleague, by=scene["manager_1"]
    )
    assert moved == 4
    assert set(
        Child.objects.filter(team=scene["team_1"]).values_list("lead_caseworker", flat=True)
    ) == {colleague.pk}


@pytest.mark.parametrize("whole_caseload", [False, True])
def test_a_hand_over_to_a_caseworker_in_another_managers_team_is_refused(
    scene, make_person, whole_caseload
):
    outsider = make_person("team_one_other", roles.CASEWORKER, team=scene["team_1"])
    with pytest.raises(StepRefused) as refused:
        if whole_caseload:
            children.caseload_reassign(
                from_caseworker=scene["stayer"], to=outsider, by=scene["manager_2"]
            )
        else:
            children.child_reassign(child=scene["team_2_case"], to=outsider, by=scene["manager_2"])
    assert refused.value.message_dict == {"to": [children.HAND_OVER_RECIPIENT]}
    scene["team_2_case"].refresh_from_db()
    assert scene["team_2_case"].lead_caseworker == scene["stayer"]
    assert scene["team_2_case"].team == scene["team_2"]


def test_a_case_outside_the_managers_teams_cannot_be_handed_over(scene):
    with pytest.raises(StepRefused) as refused:
        children.child_reassign(
            child=scene["team_1_cases"][0], to=scene["receiver"], by=scene["manager_2"]
        )
    assert refused.value.messages == [children.HAND_OVER_NOT_YOURS]
    scene["team_1_cases"][0].refresh_from_db()
    assert scene["team_1_cases"][0].team == scene["team_1"]


def test_a_caseworker_cannot_hand_over_even_within_their_team(scene):
    with pytest.raises(StepRefused):
        children.child_reassign(
            child=scene["team_2_case"], to=scene["receiver"], by=scene["stayer"]
        )


def test_the_form_refuses_a_recipient_outside_the_managers_teams_with_a_clear_message(
    client, scene, make_person
):
    outsider = make_person("team_one_other", roles.CASEWORKER, team=scene["team_1"])
    client.force_login(scene["manager_2"])
    case = scene["team_2_case"]
    response = client.post(
        f"/cases/{case.reference}/hand-over/", {"to": outsider.pk, "whole_caseload": "on"}
    )
    assert response.status_code == 200
    assert children.HAND_OVER_RECIPIENT in response.content.decode()
    case.refresh_from_db()
    assert case.lead_caseworker == scene["stayer"]
    options = response.context["form"].fields["to"].queryset
    assert set(options) == {scene["stayer"], scene["receiver"], scene["mover"]}
