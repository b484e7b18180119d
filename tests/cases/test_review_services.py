import datetime

import pytest
import time_machine

from cases.models import DeadlineState, PlanStatus, StatutoryDeadline
from cases.services import plans, reviews
from cases.services.common import StepRefused

from . import factories

pytestmark = [pytest.mark.django_db]


@pytest.fixture
def plan(caseworker, team):
    with time_machine.travel(datetime.date(2025, 3, 3), tick=False):
        child = factories.child(by=caseworker, team=team, caseworker=caseworker)
        return factories.plan_issued(
            by=caseworker, child=child, issued_on=datetime.date(2025, 1, 13)
        )


@time_machine.travel(datetime.date(2026, 1, 20), tick=False)
def test_annual_review_cycle(plan, caseworker):
    review = reviews.review_schedule(plan=plan, by=caseworker)
    assert review.due_on == datetime.date(2026, 1, 13)  # 12 months from issue
    with pytest.raises(StepRefused, match="meeting has not been recorded"):
        reviews.review_decide(
            review=review, decision="M", notified_on=datetime.date(2026, 1, 5), by=caseworker
        )
    reviews.review_meeting_record(
        review=review,
        meeting_on=datetime.date(2026, 1, 5),
        notice_sent_on=datetime.date(2025, 12, 15),
        by=caseworker,
    )
    review.refresh_from_db()
    assert review.report_due_on == datetime.date(2026, 1, 19)  # reg 20(7): 2 weeks
    assert review.decision_due_on == datetime.date(2026, 2, 2)  # reg 20(10): 4 weeks
    reviews.review_decide(
        review=review, decision="A", notified_on=datetime.date(2026, 1, 19), by=caseworker
    )
    review.refresh_from_db()
    plan.refresh_from_db()
    assert review.proposed_amendments_sent_on == datetime.date(2026, 1, 19)  # with the decision
    assert plan.next_review_due_on == datetime.date(2027, 1, 19)  # 12 months from the decision
    # reg 22(3): 8 weeks from the proposals (16 March) but at most 12 weeks from the meeting (30 March)
    assert review.amended_plan_due_on == datetime.date(2026, 3, 16)
    with pytest.raises(StepRefused, match="at least 15 days"):
        reviews.amended_plan_issue(
            review=review,
            issued_on=datetime.date(2026, 1, 20),
            sections=factories.SECTIONS,
            by=caseworker,
        )


@time_machine.travel(datetime.date(2026, 3, 20), tick=False)
def test_amended_plan_keeps_every_version(plan, caseworker):
    review = reviews.review_schedule(plan=plan, by=caseworker)
    reviews.review_meeting_record(
        review=review, meeting_on=datetime.date(2026, 1, 5), by=caseworker
    )
    reviews.review_decide(
        review=review, decision="A", notified_on=datetime.date(2026, 1, 19), by=caseworker
    )
    new_sections = dict(factories.SECTIONS, F="Speech and language therapy, 3 sessions a week.")
    version = reviews.amended_plan_issue(
        review=review, issued_on=datetime.date(2026, 2, 20), sections=new_sections, by=caseworker
    )
    assert version.kind == "amended"
    older = plans.plan_version_in_force_on(plan=plan, on=datetime.date(2026, 2, 19))
    newer = plans.plan_version_in_force_on(plan=plan, on=datetime.date(2026, 2, 20))
    assert older.kind == "final" and newer == version
    diff = plans.plan_versions_diff(older=older, newer=newer)
    assert [d["code"] for d in diff] == ["F"]
    assert diff[0]["added"] == ["Speech and language therapy, 3 sessions a week."]
    with pytest.raises(Exception, match="cannot be changed"):
        older.save()


@time_machine.travel(datetime.date(2026, 1, 20), tick=False)
def test_review_decision_before_the_meeting_is_refused(plan, caseworker):
    review = reviews.review_schedule(plan=plan, by=caseworker)
    reviews.review_meeting_record(
        review=review, meeting_on=datetime.date(2026, 1, 5), by=caseworker
    )
    with pytest.raises(StepRefused, match="cannot be before the meeting"):
        reviews.review_decide(
            review=review, decision="M", notified_on=datetime.date(2026, 1, 4), by=caseworker
        )
    review.refresh_from_db()
    assert review.decision == ""


@time_machine.travel(datetime.date(2026, 1, 20), tick=False)
def test_review_overdue_shows_as_overdue(plan, caseworker):
    review = reviews.review_schedule(plan=plan, by=caseworker)
    deadline = StatutoryDeadline.objects.get(
        child=plan.child, key=f"review{review.pk}:annual_review"
    )
    assert deadline.due_on == datetime.date(2026, 1, 13)
    assert deadline.state == DeadlineState.OVERDUE


@time_machine.travel(datetime.date(2026, 1, 20), tick=False)
def test_ceasing_a_plan(plan, caseworker):
    plans.plan_cease(plan=plan, ceased_on=datetime.date(2026, 1, 15), reason="5", by=caseworker)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.CEASED and plan.cease_reason == "5"
    with pytest.raises(StepRefused, match="not in force"):
        plans.plan_cease(plan=plan, ceased_on=datetime.date(2026, 1, 16), reason="5", by=caseworker)
    with pytest.raises(StepRefused, match="not in force"):
        reviews.review_schedule(plan=plan, by=caseworker)


@time_machine.travel(datetime.date(2025, 9, 10), tick=False)
def test_phase_transfer_review_is_due_before_15_february(plan, caseworker):
    review = reviews.review_schedule(
        plan=plan,
        by=caseworker,
        kind="phase_transfer",
        phase_transfer="primary_secondary",
        transfer_year=2026,
    )
    assert review.phase_transfer_due_on == datetime.date(2026, 2, 14)
    assert review.due_on == datetime.date(2026, 1, 13)
