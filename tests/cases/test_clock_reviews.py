"""The statutory clock for annual reviews (CFA s44, regs 18-22) and tribunal orders (reg 44)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from cases import timescales as t

D = datetime.date
RECEIVED = D(2024, 9, 2)  # a Monday
DAY_ONE = t.ClockSettings(receipt_day_is_day_one=True)


def by_key(deadlines):
    return {d.key: d for d in deadlines}


@pytest.mark.parametrize(
    "start, last_day",
    [
        # CFA s44(1): "the period of 12 months starting with" the date includes it, so the
        # period ends the day before the same date a year on.
        (D(2025, 5, 14), D(2026, 5, 13)),  # plan made 14 May 2025
        (D(2026, 10, 5), D(2027, 10, 4)),  # review decision notified 5 October 2026
        (D(2025, 1, 1), D(2025, 12, 31)),  # a year starting 1 January ends on 31 December
        (D(2025, 12, 31), D(2026, 12, 30)),
        (D(2025, 1, 31), D(2026, 1, 30)),  # month ends: no spill into another month
        (D(2025, 3, 1), D(2026, 2, 28)),
        (D(2023, 3, 1), D(2024, 2, 29)),  # into a leap February
        (D(2023, 2, 28), D(2024, 2, 27)),  # 29 February 2024 starts the next period
        (D(2024, 2, 29), D(2025, 2, 28)),  # no 29 February 2025: to February's last day
        (D(2028, 2, 29), D(2029, 2, 28)),
        (D(2024, 3, 1), D(2025, 2, 28)),
    ],
)
def test_annual_review_due_is_the_last_day_of_the_period_starting_with_the_date(start, last_day):
    assert t.annual_review_due(start=start) == last_day


@given(start=st.dates(min_value=D(2000, 1, 1), max_value=D(2090, 12, 31)))
def test_annual_review_period_is_twelve_months_and_periods_meet(start):
    due = t.annual_review_due(start=start)
    # Never the anniversary itself, and never more than a year of days.
    assert due < t.months_after(start, 12) or (start.month, start.day) == (2, 29)
    assert 364 <= (due - start).days <= 365
    # The next period starting the day after this one ends is itself a full period.
    following = due + datetime.timedelta(days=1)
    assert following.day == start.day or (start.month, start.day) == (2, 29)


def test_annual_review_explanation_quotes_the_act():
    first = t.ReviewFacts(id=1, period_starts_on=D(2025, 5, 14))
    deadline = by_key(t.review_deadlines(first, today=D(2026, 1, 1)))["annual_review"]
    assert deadline.explanation == (
        "CFA s44(1): review within the period of 12 months starting with the plan made on "
        "14 May 2025, so by 13 May 2026"
    )
    assert (deadline.trigger_on, deadline.due_on, deadline.rule) == (
        D(2025, 5, 14),
        D(2026, 5, 13),
        "CFA s44(1)",
    )
    later = t.ReviewFacts(id=2, period_starts_on=D(2026, 10, 5), period_starts_with_review=True)
    deadline = by_key(t.review_deadlines(later, today=D(2026, 11, 1)))["annual_review"]
    assert deadline.explanation == (
        "CFA s44(1): review within the period of 12 months starting with the last review "
        "decision notified on 5 October 2026, so by 4 October 2027"
    )


@pytest.mark.parametrize(
    "notified_on, state",
    [
        (D(2026, 5, 12), t.State.DONE_ON_TIME),
        (D(2026, 5, 13), t.State.DONE_ON_TIME),  # the period's last day
        (D(2026, 5, 14), t.State.DONE_LATE),  # the anniversary: one day late under the Act
    ],
)
def test_a_review_completed_on_the_anniversary_is_late(notified_on, state):
    facts = t.ReviewFacts(
        id=1,
        period_starts_on=D(2025, 5, 14),
        meeting_on=D(2026, 4, 20),
        decision="M",
        decision_notified_on=notified_on,
    )
    deadline = by_key(t.review_deadlines(facts, today=D(2026, 6, 1)))["annual_review"]
    assert deadline.state == state


def test_a_late_review_decision_starts_the_next_period():
    # Plan made 14 May 2025, review due by 13 May 2026, decision notified late on 2 July 2026:
    # the next period starts with that decision (s44(1)(b)), not with the missed date.
    late = t.ReviewFacts(
        id=1,
        period_starts_on=D(2025, 5, 14),
        meeting_on=D(2026, 6, 15),
        decision="M",
        decision_notified_on=D(2026, 7, 2),
    )
    deadline = by_key(t.review_deadlines(late, today=D(2026, 7, 3)))["annual_review"]
    assert deadline.state == t.State.DONE_LATE
    assert "done on 2 July 2026, 50 days late" in deadline.explanation
    following = t.ReviewFacts(id=2, period_starts_on=D(2026, 7, 2), period_starts_with_review=True)
    assert by_key(t.review_deadlines(following, today=D(2026, 7, 3)))["annual_review"].due_on == D(
        2027, 7, 1
    )
    assert t.annual_review_due(start=D(2026, 7, 2)) == D(2027, 7, 1)


def test_annual_review_cycle():
    review = t.ReviewFacts(
        id=1,
        period_starts_on=D(2025, 1, 14),  # plan made on 14 January 2025: review by 13 January
        meeting_on=D(2026, 1, 5),
        decision="A",
        decision_notified_on=D(2026, 1, 19),
        proposed_amendments_sent_on=D(2026, 1, 19),
    )
    deadlines = by_key(t.review_deadlines(review, today=D(2026, 2, 1)))
    assert (
        deadlines["annual_review"].state == t.State.DONE_LATE
    )  # decision notified after 13 January
    assert deadlines["review_report"].due_on == D(2026, 1, 19)
    assert deadlines["review_decision"].due_on == D(2026, 2, 2)
    assert deadlines["amended_plan"].due_on == D(2026, 3, 16)
    late_proposals = t.ReviewFacts(
        id=2,
        period_starts_on=D(2025, 1, 14),
        meeting_on=D(2026, 1, 5),
        decision="A",
        decision_notified_on=D(2026, 2, 20),
        proposed_amendments_sent_on=D(2026, 2, 20),
    )
    assert by_key(t.review_deadlines(late_proposals, today=D(2026, 3, 1)))[
        "amended_plan"
    ].due_on == D(2026, 3, 30)  # 12 weeks from the meeting


@pytest.mark.parametrize(
    "kind, due",
    [
        ("assess", D(2025, 9, 15)),
        ("make_plan", D(2025, 11, 17)),
        ("amend_plan", D(2025, 10, 6)),
        ("change_setting", D(2025, 9, 15)),
        ("continue", D(2025, 9, 1)),
    ],
)
def test_tribunal_orders_reg_44(kind, due):
    assert t.tribunal_order_due(kind, D(2025, 9, 1)) == due


def test_make_plan_order_has_a_draft_deadline_too():
    deadlines = by_key(
        t.tribunal_order_deadlines(
            t.TribunalOrderFacts(id=1, kind="make_plan", order_on=D(2025, 9, 1)),
            today=D(2025, 9, 2),
        )
    )
    assert deadlines["order_draft"].due_on == D(2025, 10, 6)
