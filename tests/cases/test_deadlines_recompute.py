"""`deadlines_recompute` brings review dates stored under the old reading ("within 12 months",
due on the anniversary) onto CFA s44(1) (the day before), in batches, not per case."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cases.models import AnnualReview, DeadlineState, EHCPlan, StatutoryDeadline
from cases.services import reviews
from cases.services.deadlines import deadlines_refresh

from . import factories

pytestmark = [pytest.mark.django_db]
D = datetime.date
TODAY = D(2026, 1, 12)


def _plan(caseworker, team, *, issued_on, n):
    with time_machine.travel(issued_on + datetime.timedelta(days=1), tick=False):
        child = factories.child(
            by=caseworker, team=team, caseworker=caseworker, surname="Brown" + "e" * n
        )
        return factories.plan_issued(
            by=caseworker,
            child=child,
            received_on=issued_on - datetime.timedelta(weeks=19),
            issued_on=issued_on,
        )


def _as_stored_by_the_old_rule(
    review: AnnualReview, *, start: datetime.date, anniversary: datetime.date
) -> None:
    """What the portal stored before: the review and its deadline due on the anniversary."""
    AnnualReview.objects.filter(pk=review.pk).update(due_on=anniversary)
    EHCPlan.objects.filter(pk=review.plan_id).update(next_review_due_on=anniversary)
    StatutoryDeadline.objects.filter(key=f"review{review.pk}:annual_review").update(
        due_on=anniversary,
        trigger_on=start,
        explanation="CFA s44(1): review completed (decision notified) within 12 months",
        state=DeadlineState.DUE_SOON,
    )


@pytest.fixture
def stored(caseworker, team):
    """Three plans made on 13 January 2025, whose open reviews the old rule put on 13 January
    2026; and one made on 29 February 2024, reviewed late, whose next review the old rule put on
    the anniversary of that late decision."""
    made = D(2025, 1, 13)
    open_reviews = []
    for n in range(3):
        plan = _plan(caseworker, team, issued_on=made, n=n)
        with time_machine.travel(D(2025, 12, 1), tick=False):
            review = reviews.review_schedule(plan=plan, by=caseworker)
        _as_stored_by_the_old_rule(review, start=made, anniversary=D(2026, 1, 13))
        open_reviews.append(review)
    leap = _plan(caseworker, team, issued_on=D(2024, 2, 29), n=9)
    with time_machine.travel(D(2025, 3, 20), tick=False):
        late = reviews.review_schedule(plan=leap, by=caseworker)
        reviews.review_meeting_record(review=late, meeting_on=D(2025, 3, 3), by=caseworker)
        reviews.review_decide(review=late, decision="M", notified_on=D(2025, 3, 17), by=caseworker)
    with time_machine.travel(D(2025, 12, 1), tick=False):
        following = reviews.review_schedule(plan=leap, by=caseworker)
    _as_stored_by_the_old_rule(following, start=D(2025, 3, 17), anniversary=D(2026, 3, 17))
    return {"open": open_reviews, "late": late, "following": following}


def _recompute(batch: int = 2) -> str:
    out = io.StringIO()
    with time_machine.travel(TODAY, tick=False):
        call_command("deadlines_recompute", "--batch", str(batch), stdout=out)
    return out.getvalue()


def test_the_recompute_moves_stored_review_deadlines_by_a_day(stored):
    before = {
        r.pk: (r.due_on, r.plan.next_review_due_on)
        for r in AnnualReview.objects.select_related("plan")
    }
    output = _recompute()
    assert "Deadlines recomputed." in output
    for review in stored["open"]:
        review.refresh_from_db()
        review.plan.refresh_from_db()
        assert before[review.pk] == (D(2026, 1, 13), D(2026, 1, 13))
        assert review.due_on == review.plan.next_review_due_on == D(2026, 1, 12)
        row = StatutoryDeadline.objects.get(key=f"review{review.pk}:annual_review")
        assert (row.trigger_on, row.due_on) == (D(2025, 1, 13), D(2026, 1, 12))
        assert row.state == DeadlineState.DUE_SOON
        assert row.explanation == (
            "CFA s44(1): review within the period of 12 months starting with the plan made on "
            "13 January 2025, so by 12 January 2026"
        )
    # Plan made 29 February 2024: its first review fell due on 28 February 2025 under both
    # readings (done late on 17 March), and the next period, starting with that decision, ends on 16 March 2026.
    late, following = stored["late"], stored["following"]
    late.refresh_from_db()
    following.refresh_from_db()
    assert late.due_on == D(2025, 2, 28)
    assert following.due_on == D(2026, 3, 16)
    assert following.plan.next_review_due_on == D(2026, 3, 16)
    row = StatutoryDeadline.objects.get(key=f"review{following.pk}:annual_review")
    assert row.due_on == D(2026, 3, 16)
    assert "last review decision notified on 17 March 2025" in row.explanation
    late_row = StatutoryDeadline.objects.get(key=f"review{late.pk}:annual_review")
    assert (late_row.due_on, late_row.state) == (D(2025, 2, 28), DeadlineState.DONE_LATE)


def test_the_recompute_is_idempotent_and_keeps_earlier_dates(stored, caseworker):
    chosen = stored["open"][0]
    AnnualReview.objects.filter(pk=chosen.pk).update(due_on=D(2025, 12, 1))  # the council's date
    _recompute()
    rows = dict(StatutoryDeadline.objects.values_list("key", "due_on"))
    dates = dict(AnnualReview.objects.values_list("pk", "due_on"))
    assert dates[chosen.pk] == D(2025, 12, 1)
    assert ": 0 moved" in _recompute()  # nothing left to move
    assert dict(StatutoryDeadline.objects.values_list("key", "due_on")) == rows
    assert dict(AnnualReview.objects.values_list("pk", "due_on")) == dates


def test_the_batched_refresh_stores_what_the_per_case_refresh_stores(stored):
    _recompute()
    fields = ("key", "stage", "rule", "explanation", "trigger_on", "due_on", "done_on", "state")
    batched = sorted(StatutoryDeadline.objects.values_list(*fields))
    with time_machine.travel(TODAY, tick=False):
        for plan in EHCPlan.objects.select_related("child"):
            deadlines_refresh(child=plan.child)
    assert sorted(StatutoryDeadline.objects.values_list(*fields)) == batched


def test_the_recompute_runs_a_fixed_number_of_queries_per_batch(stored, caseworker, team):
    _recompute(batch=500)  # the old dates moved; the runs measured below move nothing
    with CaptureQueriesContext(connection) as few:
        _recompute(batch=500)
    for n in range(10, 14):
        _plan(caseworker, team, issued_on=D(2025, 2, 3), n=n)
    with CaptureQueriesContext(connection) as more:
        _recompute(batch=500)
    # Four cases more, in the same batch: the same queries, not a handful more per case.
    assert len(more.captured_queries) == len(few.captured_queries)
