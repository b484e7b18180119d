"""The assessment's steps: each allowed transition, and each refused one changing nothing."""

import datetime

import pytest
import time_machine

from cases.models import (
    AssessmentRequest,
    DeadlineState,
    PlanStatus,
    RequestStatus,
    StatutoryDeadline,
    TimelineEvent,
)
from cases.models.codes import RequestSource
from cases.services import requests
from cases.services.common import StepRefused

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(datetime.date(2025, 3, 3), tick=False):
        yield


RECEIVED = datetime.date(2024, 9, 2)


@pytest.fixture
def child(caseworker, team):
    return factories.child(by=caseworker, team=team, caseworker=caseworker)


def snapshot(child):
    """Everything a refused step must leave untouched."""
    return (
        list(AssessmentRequest.objects.filter(child=child).values()),
        TimelineEvent.objects.filter(child=child).count(),
        list(StatutoryDeadline.objects.filter(child=child).values("key", "due_on", "state")),
    )


def test_request_starts_the_clock_with_the_statutory_deadlines(child, caseworker):
    request = factories.request_received(by=caseworker, child=child)
    assert request.status == RequestStatus.AWAITING_DECISION
    assert request.decision_due_on == datetime.date(2024, 10, 14)  # reg 5(1): 6 weeks
    assert request.final_plan_due_on == datetime.date(2025, 1, 20)  # reg 13(2): 20 weeks
    decision = StatutoryDeadline.objects.get(
        child=child, key=f"request{request.pk}:decision_to_assess"
    )
    assert decision.rule.startswith("reg 5")
    assert "2 September 2024" in decision.explanation
    assert decision.state == DeadlineState.OVERDUE  # today is 3 March 2025
    assert TimelineEvent.objects.filter(child=child, verb="request_received").exists()


def test_request_date_in_the_future_is_refused(child, caseworker):
    before = snapshot(child)
    with pytest.raises(StepRefused, match="cannot be in the future"):
        requests.assessment_request_create(
            child=child,
            received_on=datetime.date(2025, 3, 4),
            source=RequestSource.PARENT,
            by=caseworker,
        )
    assert snapshot(child) == before


def test_second_open_request_is_refused(child, caseworker):
    factories.request_received(by=caseworker, child=child)
    before = snapshot(child)
    with pytest.raises(StepRefused, match="already has an open request"):
        factories.request_received(
            by=caseworker, child=child, received_on=datetime.date(2024, 10, 1)
        )
    assert snapshot(child) == before


def test_decision_before_the_request_is_refused(child, caseworker):
    request = factories.request_received(by=caseworker, child=child)
    before = snapshot(child)
    with pytest.raises(StepRefused, match="cannot be before the date the request was received"):
        requests.request_decide(
            request=request,
            decided_to_assess=True,
            decided_on=datetime.date(2024, 9, 1),
            by=caseworker,
        )
    assert snapshot(child) == before


def test_decision_not_to_assess_closes_the_request_and_later_steps_do_not_apply(child, caseworker):
    request = factories.request_received(by=caseworker, child=child)
    requests.request_decide(
        request=request,
        decided_to_assess=False,
        decided_on=datetime.date(2024, 10, 10),
        by=caseworker,
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.NOT_ASSESSED
    assert request.request_outcome == "N"
    final = StatutoryDeadline.objects.get(child=child, key=f"request{request.pk}:final_plan")
    assert final.state == DeadlineState.NOT_APPLICABLE and not final.is_open
    decided = StatutoryDeadline.objects.get(
        child=child, key=f"request{request.pk}:decision_to_assess"
    )
    assert decided.state == DeadlineState.DONE_ON_TIME


@pytest.mark.parametrize(
    "state_factory, step",
    [
        ("request_received", "advice"),
        ("request_received", "draft"),
        ("request_received", "final"),
        ("request_received", "not_to_issue"),
        ("request_assessing", "decide"),
        ("request_assessing", "final"),
        ("request_draft_issued", "decide"),
        ("request_draft_issued", "advice"),
        ("request_draft_issued", "draft"),
        ("request_draft_issued", "not_to_issue"),
    ],
)
def test_steps_out_of_order_are_refused_and_change_nothing(child, caseworker, state_factory, step):
    request = getattr(factories, state_factory)(by=caseworker, child=child)
    on = datetime.date(2025, 1, 10)
    attempts = {
        "decide": lambda: requests.request_decide(
            request=request, decided_to_assess=True, decided_on=on, by=caseworker
        ),
        "advice": lambda: requests.advice_request_create(
            request=request,
            adviser_type="health",
            adviser="Community paediatrics",
            sent_on=on,
            by=caseworker,
        ),
        "draft": lambda: requests.draft_plan_issue(
            request=request, served_on=on, sections=factories.SECTIONS, by=caseworker
        ),
        "final": lambda: requests.final_plan_issue(
            request=request, issued_on=on, named_setting=factories.setting(), by=caseworker
        ),
        "not_to_issue": lambda: requests.request_decide_not_to_issue(
            request=request, notified_on=on, by=caseworker
        ),
    }
    before = snapshot(child)
    with pytest.raises(StepRefused, match="not allowed now"):
        attempts[step]()
    assert snapshot(child) == before


def test_the_whole_journey_to_a_final_plan(child, caseworker):
    request = factories.request_assessing(by=caseworker, child=child)
    advice = requests.advice_request_create(
        request=request,
        adviser_type="educational_psychology",
        adviser="Educational psychology service",
        sent_on=datetime.date(2024, 10, 8),
        received_by_adviser_on=datetime.date(2024, 10, 9),
        by=caseworker,
    )
    advice.refresh_from_db()
    assert advice.due_on == datetime.date(
        2024, 11, 20
    )  # reg 8(1): 6 weeks from the adviser's receipt
    requests.advice_record(
        advice=advice, returned_on=datetime.date(2024, 11, 18), summary="Advice", by=caseworker
    )
    version = requests.draft_plan_issue(
        request=request,
        served_on=datetime.date(2024, 12, 9),
        sections=factories.SECTIONS,
        by=caseworker,
    )
    request.refresh_from_db()
    assert request.comments_end_on == datetime.date(2024, 12, 23)  # 15 days, service day included
    with pytest.raises(StepRefused, match="at least 15 days"):
        requests.final_plan_issue(
            request=request,
            issued_on=datetime.date(2024, 12, 20),
            named_setting=factories.setting(),
            by=caseworker,
        )
    final = requests.final_plan_issue(
        request=request,
        issued_on=datetime.date(2025, 1, 13),
        named_setting=factories.setting(urn="100002"),
        by=caseworker,
    )
    request.refresh_from_db()
    plan = final.plan
    assert request.status == RequestStatus.PLAN_ISSUED
    assert plan.status == PlanStatus.IN_FORCE
    # CFA s44(1): the 12 months starting with 13 January 2025 end on 12 January 2026.
    assert plan.next_review_due_on == datetime.date(2026, 1, 12)
    assert [v.kind for v in plan.versions.order_by("number")] == ["draft", "final"]
    assert version.sections["B"] == final.sections["B"]
    final_deadline = StatutoryDeadline.objects.get(
        child=child, key=f"request{request.pk}:final_plan"
    )
    assert final_deadline.state == DeadlineState.DONE_ON_TIME
    assert final_deadline.done_on == datetime.date(2025, 1, 13)
    verbs = list(
        TimelineEvent.objects.filter(child=child)
        .order_by("happened_on", "pk")
        .values_list("verb", flat=True)
    )
    assert verbs == [
        "child_registered",
        "request_received",
        "decided_to_assess",
        "advice_requested",
        "advice_returned",
        "draft_plan_issued",
        "final_plan_issued",
    ] or set(verbs) >= {
        "request_received",
        "decided_to_assess",
        "advice_requested",
        "advice_returned",
        "draft_plan_issued",
        "final_plan_issued",
    }


def test_final_plan_needs_the_core_sections(child, caseworker):
    request = factories.request_draft_issued(by=caseworker, child=child)
    sections = dict(factories.SECTIONS, F="")
    before = snapshot(child)
    with pytest.raises(StepRefused, match="Section F"):
        requests.final_plan_issue(
            request=request,
            issued_on=datetime.date(2025, 1, 13),
            sections=sections,
            named_setting=factories.setting(),
            by=caseworker,
        )
    assert snapshot(child) == before


def test_a_plan_in_force_means_a_new_request_must_be_a_reassessment(child, caseworker):
    factories.plan_issued(by=caseworker, child=child)
    with pytest.raises(StepRefused, match="re-assessment"):
        factories.request_received(
            by=caseworker, child=child, received_on=datetime.date(2025, 2, 3)
        )
    request = requests.assessment_request_create(
        child=child,
        received_on=datetime.date(2025, 2, 3),
        source=RequestSource.SETTING,
        by=caseworker,
        is_reassessment=True,
    )
    assert request.decision_due_on == datetime.date(2025, 2, 3) + datetime.timedelta(
        days=15
    )  # reg 25


def test_withdrawal_closes_the_request(child, caseworker):
    request = factories.request_assessing(by=caseworker, child=child)
    requests.request_withdraw(
        request=request,
        withdrawn_on=datetime.date(2024, 11, 1),
        reason="Family moved",
        by=caseworker,
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.WITHDRAWN
    assert not StatutoryDeadline.objects.filter(child=child, is_open=True).exists()
    with pytest.raises(StepRefused, match="already closed"):
        requests.request_withdraw(
            request=request, withdrawn_on=datetime.date(2024, 11, 2), reason="again", by=caseworker
        )


def test_exception_marks_the_deadline_excepted_without_moving_it(child, caseworker):
    request = factories.request_assessing(by=caseworker, child=child)
    due_before = StatutoryDeadline.objects.get(
        child=child, key=f"request{request.pk}:final_plan"
    ).due_on
    requests.exception_record(
        request=request,
        stage="final_plan",
        reason="c",
        starts_on=datetime.date(2024, 11, 1),
        ends_on=datetime.date(2024, 12, 20),
        evidence="Bereavement in the family; letter from the GP on file",
        by=caseworker,
    )
    deadline = StatutoryDeadline.objects.get(child=child, key=f"request{request.pk}:final_plan")
    request.refresh_from_db()
    assert deadline.due_on == due_before
    assert deadline.state == DeadlineState.EXCEPTED
    assert deadline.exception_applied
    assert request.exception_applied


def test_exception_that_cannot_qualify_is_refused(child, caseworker):
    request = factories.request_assessing(by=caseworker, child=child)
    before = snapshot(child)
    with pytest.raises(StepRefused, match="4 weeks"):
        requests.exception_record(
            request=request,
            stage="final_plan",
            reason="d",
            starts_on=datetime.date(2024, 11, 1),
            ends_on=datetime.date(2024, 11, 20),
            evidence="Family abroad",
            by=caseworker,
        )
    assert snapshot(child) == before
