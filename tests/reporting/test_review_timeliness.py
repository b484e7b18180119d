"""Review timeliness on the dashboards, on a small council counted by hand.

The reviews were stored under the old reading of "within 12 months" (due on the anniversary of
the plan or of the last review decision); `deadlines_recompute` brings them onto CFA s44(1) (due
the day before), after which a review completed on the anniversary counts as late.
Today is 10 February 2026; the period is the 12 months from 11 February 2025.
"""

import datetime
import io

import pytest
from django.core.management import call_command

from cases.models import AnnualReview, PlanStatus
from cases.timescales import months_after
from reporting.figures import figure_reviews, figure_statutory
from reporting.selectors import measures

from .conftest import Council, scope_for

pytestmark = pytest.mark.django_db
d = datetime.date

# key: (plan made, decision notified, on time under the Act)
REVIEWS = {
    "P1": (d(2024, 5, 14), d(2025, 5, 13), True),  # the period's last day
    "P2": (d(2024, 5, 14), d(2025, 5, 14), False),  # the anniversary: a day late
    "P3": (d(2024, 3, 1), d(2025, 2, 28), True),  # 1 March to the end of February
    "P4": (d(2024, 2, 29), d(2025, 2, 28), True),  # 29 February to the end of February
    "P5": (d(2024, 2, 29), d(2025, 3, 1), False),  # late under either reading
    "P6": (d(2024, 10, 5), d(2025, 10, 3), True),
    "P7": (d(2025, 1, 10), d(2026, 1, 10), False),  # the anniversary
    "P8": (d(2024, 1, 20), d(2025, 1, 20), False),  # decided before the period: not counted
}


@pytest.fixture
def small_council(db, team, other_team, caseworker):
    council = Council(team, other_team, caseworker)
    for key, (made, notified, _on_time) in REVIEWS.items():
        plan = council.plan(
            key,
            received=made - datetime.timedelta(weeks=18),
            decided=made - datetime.timedelta(weeks=13),
            issued=made,
        )
        AnnualReview.objects.create(
            plan=plan,
            due_on=months_after(made, 12),  # as stored before: the anniversary
            meeting_on=notified - datetime.timedelta(days=14),
            decision="M",
            decision_notified_on=notified,
            completed=True,
        )
    # P6's next review, open: the old rule put it on the anniversary of its decision.
    AnnualReview.objects.create(plan=council.plans["P6"], due_on=d(2026, 10, 3))
    # Another team's anniversary review is not in the North team's figures.
    other = council.plan(
        "S1",
        team=other_team,
        received=d(2024, 1, 1),
        decided=d(2024, 2, 5),
        issued=d(2024, 5, 2),
        status=PlanStatus.IN_FORCE,
    )
    AnnualReview.objects.create(
        plan=other,
        due_on=d(2025, 5, 2),
        meeting_on=d(2025, 4, 20),
        decision="M",
        decision_notified_on=d(2025, 5, 2),
        completed=True,
    )
    return council


def test_review_timeliness_counts_the_anniversary_as_late(small_council):
    scope = scope_for(small_council)
    before = measures.annual_reviews(scope=scope)
    # Under the old dates: P1, P2, P3, P4, P6 and P7 on time, P5 late; P8 outside the period.
    assert (before["decided"], before["decided_on_time"]) == (7, 6)

    call_command("deadlines_recompute", stdout=io.StringIO())

    row = measures.annual_reviews(scope=scope)
    # Under the Act: P1, P3, P4 and P6 on time; P2 and P7 (on the anniversary) and P5 late.
    on_time = sorted(k for k, (_m, n, ok) in REVIEWS.items() if ok and n >= d(2025, 2, 11))
    assert on_time == ["P1", "P3", "P4", "P6"]
    assert (row["decided"], row["decided_on_time"], row["on_time_percent"]) == (7, 4, 57.1)
    # The reviews' stored dates moved by one day, except from 29 February (end of February
    # under both readings) and P6's open review: last decision 3 October 2025, so 2 October 2026.
    due = dict(AnnualReview.objects.values_list("plan__child__surname", "due_on").distinct())
    assert due["Child P2"] == d(2025, 5, 13) and due["Child P7"] == d(2026, 1, 9)
    assert AnnualReview.objects.get(plan=small_council.plans["P6"], completed=False).due_on == d(
        2026, 10, 2
    )
    assert AnnualReview.objects.get(plan=small_council.plans["P4"]).due_on == d(2025, 2, 28)
    # The whole service counts the South team's anniversary review too: late.
    service = measures.annual_reviews(scope=scope_for(small_council, whole_service=True))
    assert (service["decided"], service["decided_on_time"]) == (8, 4)


def test_the_dashboard_figures_show_review_timeliness(small_council):
    call_command("deadlines_recompute", stdout=io.StringIO())
    scope = scope_for(small_council)
    reviews = figure_reviews(scope, {})
    assert ["Reviews completed within the 12-month period (CFA s44(1))", 4] in reviews.rows
    assert "a review completed on the anniversary itself is a day late" in reviews.notes[0]
    statutory = figure_statutory(scope, {})
    assert ["Annual reviews completed within the 12-month period", 7, 4, 57.1] in statutory.rows
