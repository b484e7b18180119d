import datetime

import pytest
import time_machine

from cases.models import Child, SenNeed, TimelineEvent
from cases.services import children
from cases.services.common import StepRefused

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.date(2025, 3, 3), tick=False):
        yield


def register(caseworker, team, **overrides):
    return factories.child(by=caseworker, team=team, caseworker=caseworker, **overrides)


def test_registering_a_child_gives_a_case_reference_and_a_timeline_entry(caseworker, team):
    child = register(caseworker, team)
    assert child.reference == f"SEND-{child.pk:07d}"
    assert child.created_by == caseworker
    event = TimelineEvent.objects.get(child=child)
    assert event.verb == "child_registered" and event.actor == caseworker


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("upn", "H801200001002", "check letter"),
        ("upn", "H80120000100", "13 characters"),
        ("uln", "1000000063", "not valid"),
        ("uln", "1000000044", "check digit"),
        ("nhs_number", "9434765918", "check digit"),
    ],
)
def test_identifiers_failing_their_check_are_refused_saying_which_check(
    caseworker, team, field, value, message
):
    with pytest.raises(StepRefused) as refused:
        register(caseworker, team, **{field: value})
    assert field in refused.value.message_dict
    assert message in " ".join(refused.value.message_dict[field])
    assert not Child.objects.exists()


def test_valid_identifiers_are_accepted_and_normalised(caseworker, team):
    child = register(
        caseworker, team, upn="g80120000101a", uln="1000000043", nhs_number="943 476 5919"
    )
    assert (child.upn, child.uln, child.nhs_number) == ("G80120000101A", "1000000043", "9434765919")


def test_a_upn_or_a_reason_it_is_unknown_is_required(caseworker, team):
    with pytest.raises(StepRefused, match="UPN"):
        register(caseworker, team, upn="")
    child = register(
        caseworker, team, upn="", upn_unknown_reason="UN1", date_of_birth=datetime.date(2022, 1, 5)
    )
    assert child.upn_unknown_reason == "UN1"


def test_a_young_person_over_25_is_refused(caseworker, team):
    with pytest.raises(StepRefused, match="26th birthday"):
        register(caseworker, team, date_of_birth=datetime.date(1999, 3, 2))


def test_the_lead_caseworker_must_be_in_the_team(caseworker, other_caseworker, team):
    with pytest.raises(StepRefused, match="caseworker in the child's team"):
        factories.child(by=caseworker, team=team, caseworker=other_caseworker)


def test_needs_one_primary_at_most_one_secondary(caseworker, team):
    child = register(caseworker, team)
    children.needs_set(child=child, primary="ASD", secondary="SLCN", by=caseworker)
    assert list(child.sen_needs.values_list("rank", "need_type")) == [(1, "ASD"), (2, "SLCN")]
    with pytest.raises(StepRefused, match="must differ"):
        children.needs_set(child=child, primary="ASD", secondary="ASD", by=caseworker)
    children.needs_set(child=child, primary="DS", by=caseworker)
    assert list(child.sen_needs.values_list("rank", "need_type")) == [(1, "DS")]


def test_nsa_is_refused_for_a_child_with_a_plan(caseworker, team):
    child = register(caseworker, team)
    children.needs_set(child=child, primary="NSA", by=caseworker)
    factories.plan_issued(by=caseworker, child=child)
    with pytest.raises(StepRefused, match="NSA"):
        children.needs_set(child=child, primary="NSA", by=caseworker)
    assert SenNeed.objects.get(child=child).need_type == "NSA"


def test_handing_over_a_whole_caseload_is_one_action_on_every_timeline(
    caseworker, manager, team, make_person
):
    from accounts import roles

    colleague = make_person("new_worker", roles.CASEWORKER, team=team)
    kids = [
        register(caseworker, team, upn="") if False else register(caseworker, team)
        for _ in range(3)
    ]
    moved = children.caseload_reassign(from_caseworker=caseworker, to=colleague, by=manager)
    assert moved == 3
    assert set(Child.objects.values_list("lead_caseworker", flat=True)) == {colleague.pk}
    for kid in kids:
        assert TimelineEvent.objects.filter(child=kid, verb="case_handed_over").count() == 1


def test_placement_leaving_before_entry_is_refused(caseworker, team):
    child = register(caseworker, team)
    with pytest.raises(StepRefused, match="Leaving date cannot be before the entry date"):
        children.placement_add(
            child=child,
            by=caseworker,
            setting=factories.setting(),
            entry_on=datetime.date(2024, 9, 4),
            leaving_on=datetime.date(2024, 7, 1),
        )
    assert not child.placements.exists()
