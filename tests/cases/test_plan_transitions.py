"""Every plan-side step (review schedule, meeting, report, decision, amended plan, cease, linking
a Local Offer service) tried in every state of the review cycle: allowed where the law's sequence
allows it, otherwise refused with the reason and nothing written."""

import datetime

import pytest
import time_machine

from cases.models import AnnualReview, EHCPlan, PlanVersion, TimelineEvent
from cases.services import plans, reviews
from cases.services.common import StepRefused
from local_offer.models import Organization, Service

from . import factories

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 1, 5)
MEETING = datetime.date(2025, 12, 15)
NOTIFIED = datetime.date(2025, 12, 19)

STATES = ("scheduled", "met", "maintained", "amending", "ceased")


@pytest.fixture(autouse=True)
def today():
    with time_machine.travel(TODAY, tick=False):
        yield


def build(state, *, by, team):
    child = factories.child(by=by, team=team, caseworker=by)
    plan = factories.plan_issued(by=by, child=child)
    review = reviews.review_schedule(plan=plan, by=by)
    if state == "ceased":
        plans.plan_cease(plan=plan, ceased_on=datetime.date(2025, 12, 10), reason="2", by=by)
    if state in ("met", "maintained", "amending"):
        review = reviews.review_meeting_record(review=review, meeting_on=MEETING, by=by)
    if state in ("maintained", "amending"):
        decision = "M" if state == "maintained" else "A"
        review = reviews.review_decide(
            review=review, decision=decision, notified_on=NOTIFIED, by=by
        )
    return EHCPlan.objects.get(pk=plan.pk), AnnualReview.objects.get(pk=review.pk)


def service():
    return Service.objects.create(
        organization=Organization.objects.create(name="Health trust", description="NHS"),
        name="Speech and language therapy",
        description="Therapy",
    )


STEPS = {
    "schedule": lambda plan, review, by: reviews.review_schedule(plan=plan, by=by),
    "meeting": lambda plan, review, by: reviews.review_meeting_record(
        review=review, meeting_on=MEETING, by=by
    ),
    "report": lambda plan, review, by: reviews.review_report_record(
        review=review, sent_on=datetime.date(2025, 12, 22), by=by
    ),
    "decide": lambda plan, review, by: reviews.review_decide(
        review=review, decision="M", notified_on=NOTIFIED, by=by
    ),
    "amended": lambda plan, review, by: reviews.amended_plan_issue(
        review=review,
        issued_on=TODAY,
        sections=plan.versions.order_by("-number").first().sections,
        by=by,
    ),
    "cease": lambda plan, review, by: plans.plan_cease(
        plan=plan, ceased_on=datetime.date(2026, 1, 2), reason="2", by=by
    ),
    "link": lambda plan, review, by: plans.provision_link_add(
        plan=plan, section="G", service=service(), provision="Therapy", by=by
    ),
}
# step: {state: the reason it is refused}; a state not listed allows the step.
REFUSED = {
    "schedule": {
        "scheduled": "a review is already open",
        "met": "a review is already open",
        "ceased": "the plan is not in force",
    },
    "meeting": {
        "met": "meeting has already been recorded",
        "maintained": "meeting has already been recorded",
        "amending": "meeting has already been recorded",
        "ceased": "the plan is not in force",
    },
    "report": {"scheduled": "meeting has not been recorded", "ceased": "the plan is not in force"},
    "decide": {
        "scheduled": "meeting has not been recorded",
        "maintained": "decision has already been recorded",
        "amending": "decision has already been recorded",
        "ceased": "the plan is not in force",
    },
    "amended": {
        "scheduled": "did not decide to amend",
        "met": "did not decide to amend",
        "maintained": "did not decide to amend",
        "ceased": "the plan is not in force",
    },
    "cease": {"ceased": "the plan is not in force"},
    "link": {"ceased": "the plan has ceased"},
}


def snapshot(plan):
    return (
        TimelineEvent.objects.filter(child=plan.child).count(),
        list(AnnualReview.objects.filter(plan=plan).order_by("pk").values()),
        PlanVersion.objects.filter(plan=plan).count(),
        EHCPlan.objects.filter(pk=plan.pk).values().get(),
    )


@pytest.mark.parametrize("state", STATES)
@pytest.mark.parametrize("step", STEPS)
def test_each_step_in_each_state(caseworker, team, step, state):
    plan, review = build(state, by=caseworker, team=team)
    before = snapshot(plan)
    reason = REFUSED[step].get(state)
    if reason is None:
        STEPS[step](plan, review, caseworker)
        assert snapshot(plan)[0] > before[0]  # the step is on the timeline
    else:
        with pytest.raises(StepRefused) as refused:
            STEPS[step](plan, review, caseworker)
        assert reason in " ".join(refused.value.messages)
        assert snapshot(plan) == before
