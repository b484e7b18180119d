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
    # CFA s44(1): the 12 months starting with the plan made on 13 January 2025.
    assert review.due_on == datetime.date(2026, 1, 12)
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
    # The next period starts with the decision notice of 19 January 2026 (s44(1)(b)).
    assert plan.next_review_due_on == datetime.date(2027, 1, 18)
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
    assert deadline.due_on == datetime.date(2026, 1, 12)
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
    assert review.due_on == datetime.date(2026, 1, 12)


@time_machine.travel(datetime.date(2026, 1, 5), tick=False)
def test_the_anniversary_is_one_day_late(plan, caseworker):
    """Plan made 13 January 2025: the review is due by 12 January 2026, and the stored deadline
    says why in the Act's words."""
    review = reviews.review_schedule(plan=plan, by=caseworker)
    deadline = StatutoryDeadline.objects.get(
        child=plan.child, key=f"review{review.pk}:annual_review"
    )
    assert deadline.due_on == review.due_on == datetime.date(2026, 1, 12)
    assert deadline.explanation == (
        "CFA s44(1): review within the period of 12 months starting with the plan made on "
        "13 January 2025, so by 12 January 2026"
    )
    reviews.review_meeting_record(
        review=review, meeting_on=datetime.date(2025, 12, 15), by=caseworker
    )
    with time_machine.travel(datetime.date(2026, 1, 14), tick=False):
        reviews.review_decide(
            review=review, decision="M", notified_on=datetime.date(2026, 1, 13), by=caseworker
        )
    deadline.refresh_from_db()
    assert deadline.state == DeadlineState.DONE_LATE
    assert deadline.explanation.endswith("; done on 13 January 2026, 1 day late")


@time_machine.travel(datetime.date(2026, 3, 2), tick=False)
def test_an_earlier_completion_date_can_be_set_but_not_a_later_one(plan, caseworker):
    with pytest.raises(StepRefused, match="must be completed by 12 January 2026") as refused:
        reviews.review_schedule(plan=plan, by=caseworker, due_on=datetime.date(2026, 1, 13))
    assert list(refused.value.message_dict) == ["due_on"]
    assert not plan.reviews.exists()
    review = reviews.review_schedule(plan=plan, by=caseworker, due_on=datetime.date(2025, 12, 1))
    assert review.due_on == datetime.date(2025, 12, 1)
    # The statutory deadline stays the Act's: the council's earlier date is its own target.
    deadline = StatutoryDeadline.objects.get(
        child=plan.child, key=f"review{review.pk}:annual_review"
    )
    assert deadline.due_on == datetime.date(2026, 1, 12)


@time_machine.travel(datetime.date(2026, 9, 1), tick=False)
def test_a_late_review_decision_starts_the_next_period(plan, caseworker):
    """The review due by 12 January 2026 is decided late, on 2 March 2026: the next period of 12
    months starts with that decision (CFA s44(1)(b)), so the next review is due by 1 March 2027."""
    first = reviews.review_schedule(plan=plan, by=caseworker)
    reviews.review_meeting_record(
        review=first, meeting_on=datetime.date(2026, 2, 16), by=caseworker
    )
    reviews.review_decide(
        review=first, decision="M", notified_on=datetime.date(2026, 3, 2), by=caseworker
    )
    plan.refresh_from_db()
    assert plan.next_review_due_on == datetime.date(2027, 3, 1)
    second = reviews.review_schedule(plan=plan, by=caseworker)
    assert second.due_on == datetime.date(2027, 3, 1)
    rows = {
        row.key: row
        for row in StatutoryDeadline.objects.filter(child=plan.child, key__endswith="annual_review")
    }
    assert rows[f"review{first.pk}:annual_review"].state == DeadlineState.DONE_LATE
    following = rows[f"review{second.pk}:annual_review"]
    assert (following.trigger_on, following.due_on) == (
        datetime.date(2026, 3, 2),
        datetime.date(2027, 3, 1),
    )
    assert following.explanation == (
        "CFA s44(1): review within the period of 12 months starting with the last review "
        "decision notified on 2 March 2026, so by 1 March 2027"
    )


@time_machine.travel(datetime.date(2025, 3, 3), tick=False)
def test_a_plan_made_on_29_february_is_reviewed_by_the_end_of_the_next_february(caseworker, team):
    with time_machine.travel(datetime.date(2024, 3, 4), tick=False):
        child = factories.child(by=caseworker, team=team, caseworker=caseworker)
        leap = factories.plan_issued(
            by=caseworker,
            child=child,
            received_on=datetime.date(2023, 10, 16),
            issued_on=datetime.date(2024, 2, 29),
        )
    assert leap.next_review_due_on == datetime.date(2025, 2, 28)
    review = reviews.review_schedule(plan=leap, by=caseworker)
    assert review.due_on == datetime.date(2025, 2, 28)
