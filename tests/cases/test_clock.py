"""The statutory clock, rule by rule, with the worked dates in the domain notes and our own."""

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
    "weeks, expected, expected_day_one",
    [
        (6, D(2024, 10, 14), D(2024, 10, 13)),
        (16, D(2024, 12, 23), D(2024, 12, 22)),
        (20, D(2025, 1, 20), D(2025, 1, 19)),
    ],
)
def test_weeks_from_receipt_exclude_the_day_of_receipt_unless_set_otherwise(
    weeks, expected, expected_day_one
):
    assert t.weeks_after(RECEIVED, weeks) == expected
    assert t.weeks_after(RECEIVED, weeks, settings=DAY_ONE) == expected_day_one


def test_the_counting_setting_applies_to_every_deadline():
    facts = t.AssessmentFacts(request_received_on=RECEIVED)
    normal = by_key(t.assessment_deadlines(facts, today=RECEIVED))
    strict = by_key(t.assessment_deadlines(facts, today=RECEIVED, settings=DAY_ONE))
    assert all(
        (normal[k].due_on - strict[k].due_on).days == 1
        for k in ("decision_to_assess", "not_to_issue", "final_plan")
    )


def test_fifteen_day_comment_period_includes_the_day_the_draft_is_served():
    assert t.days_beginning_with(D(2024, 12, 9), 15) == D(2024, 12, 23)


@pytest.mark.parametrize(
    "start, months, expected",
    [
        (D(2024, 1, 31), 1, D(2024, 2, 29)),  # leap year
        (D(2023, 1, 31), 1, D(2023, 2, 28)),
        (D(2024, 8, 31), 2, D(2024, 10, 31)),
        (D(2024, 2, 29), 12, D(2025, 2, 28)),
        (D(2025, 3, 31), -1, D(2025, 2, 28)),
        (D(2024, 11, 30), 3, D(2025, 2, 28)),
    ],
)
def test_months_run_by_corresponding_date(start, months, expected):
    assert t.months_after(start, months) == expected


@pytest.mark.parametrize(
    "notice, certificate, expected",
    [
        (D(2025, 3, 10), None, D(2025, 5, 12)),  # 10 May is a Saturday -> Monday 12 May
        (D(2025, 6, 2), None, D(2025, 9, 1)),  # ends 2 August -> first working day after August
        (D(2024, 6, 30), None, D(2024, 9, 2)),  # ends 30 August (Friday) -> Monday 2 September
        (
            D(2024, 10, 28),
            None,
            D(2025, 1, 2),
        ),  # ends 28 December -> first working day after 1 January
        (
            D(2025, 11, 1),
            None,
            D(2026, 1, 2),
        ),  # ends 1 January 2026 (bank holiday) -> Friday 2 January
        (
            D(2025, 2, 24),
            D(2025, 4, 9),
            D(2025, 5, 9),
        ),  # certificate + 1 month is later than notice + 2 months
        (D(2025, 2, 26), None, D(2025, 4, 28)),  # 26 April is a Saturday -> Monday 28 April
        (D(2025, 3, 5), None, D(2025, 5, 6)),  # 5 May 2025 is the early May bank holiday
    ],
)
def test_tribunal_deadline_hesc_rule_20(notice, certificate, expected):
    assert t.tribunal_deadline(notice, certificate) == expected


def test_working_days_skip_weekends_and_bank_holidays():
    assert t.working_days_after(D(2025, 4, 17), 3) == D(
        2025, 4, 24
    )  # Good Friday and Easter Monday
    assert t.is_working_day(D(2025, 12, 24)) and not t.is_working_day(D(2025, 12, 25))


@pytest.mark.parametrize(
    "dob, on, year",
    [
        (D(2014, 9, 1), D(2025, 9, 1), 6),
        (D(2015, 8, 31), D(2025, 9, 1), 6),
        (D(2015, 9, 1), D(2025, 9, 1), 5),
        (D(2020, 9, 1), D(2025, 9, 1), 0),  # Reception
        (D(2011, 3, 1), D(2025, 10, 1), 10),
        (D(2012, 3, 1), D(2025, 10, 1), 9),
    ],
)
def test_school_year_group(dob, on, year):
    assert t.school_year_group(dob, on) == year


def test_preparing_for_adulthood_from_year_9():
    assert t.preparing_for_adulthood_applies(D(2011, 3, 1), D(2025, 10, 1))
    assert not t.preparing_for_adulthood_applies(D(2012, 10, 1), D(2025, 10, 1))


def test_phase_transfer_before_or_by_the_deadline():
    assert t.phase_transfer_due(2026, post16=False) == D(2026, 2, 14)
    assert t.phase_transfer_due(2026, post16=True) == D(2026, 3, 30)
    assert t.phase_transfer_due(
        2026, post16=False, settings=t.ClockSettings(phase_transfer_by=True)
    ) == D(2026, 2, 15)


def test_open_assessment_deadlines_and_their_states():
    facts = t.AssessmentFacts(
        request_received_on=RECEIVED, decided_to_assess=True, decision_on=D(2024, 10, 16)
    )
    deadlines = by_key(t.assessment_deadlines(facts, today=D(2025, 1, 10)))
    decision = deadlines["decision_to_assess"]
    assert decision.state == t.State.DONE_LATE
    assert decision.explanation.startswith(
        "reg 5(1): decision within 6 weeks of the request received on 2 September 2024"
    )
    assert "2 days late" in decision.explanation
    assert deadlines["final_plan"].state == t.State.DUE_SOON
    assert deadlines["final_plan"].rule == "reg 13(2)"
    assert deadlines["not_to_issue"].state == t.State.OVERDUE
    assert not deadlines["draft_planning_target"].statutory


def test_after_a_decision_not_to_assess_the_later_limits_do_not_apply():
    facts = t.AssessmentFacts(
        request_received_on=RECEIVED, decided_to_assess=False, decision_on=D(2024, 10, 1)
    )
    deadlines = by_key(t.assessment_deadlines(facts, today=D(2025, 3, 1)))
    assert deadlines["decision_to_assess"].state == t.State.DONE_ON_TIME
    assert deadlines["final_plan"].state == t.State.NOT_APPLICABLE
    assert deadlines["not_to_issue"].state == t.State.NOT_APPLICABLE


def test_withdrawal_before_a_decision_makes_everything_not_applicable():
    facts = t.AssessmentFacts(request_received_on=RECEIVED, withdrawn_on=D(2024, 9, 20))
    states = {d.key: d.state for d in t.assessment_deadlines(facts, today=D(2025, 3, 1))}
    assert set(states.values()) == {t.State.NOT_APPLICABLE}


def test_a_plan_issued_late_and_the_week20_figure():
    facts = t.AssessmentFacts(
        request_received_on=RECEIVED,
        decided_to_assess=True,
        decision_on=D(2024, 10, 1),
        draft_served_on=D(2024, 12, 16),
        final_issued_on=D(2025, 1, 27),
    )
    deadlines = by_key(t.assessment_deadlines(facts, today=D(2025, 3, 1)))
    assert deadlines["final_plan"].state == t.State.DONE_LATE
    assert deadlines["not_to_issue"].state == t.State.NOT_APPLICABLE
    assert deadlines["draft_comments"].due_on == D(2024, 12, 30)
    assert t.issued_within_20_weeks(facts) is False
    assert t.week20_flag(facts) == 0


def test_an_exception_marks_the_limit_excepted_and_never_moves_it():
    exception = t.ExceptionFacts(
        reason="c", stage="final_plan", starts_on=D(2024, 11, 1), ends_on=D(2024, 12, 20)
    )
    base = t.AssessmentFacts(
        request_received_on=RECEIVED, decided_to_assess=True, decision_on=D(2024, 10, 1)
    )
    with_exception = t.AssessmentFacts(**{**base.__dict__, "exceptions": (exception,)})
    before = by_key(t.assessment_deadlines(base, today=D(2025, 2, 1)))["final_plan"]
    after = by_key(t.assessment_deadlines(with_exception, today=D(2025, 2, 1)))["final_plan"]
    assert before.due_on == after.due_on == D(2025, 1, 20)
    assert before.state == t.State.OVERDUE and after.state == t.State.EXCEPTED
    assert "exception (c)" in after.explanation and "as soon as practicable" in after.explanation
    assert t.week20_flag(with_exception) == 1


def test_an_advisers_exception_does_not_lift_the_councils_20_weeks():
    """Reg 8(2) relieves the adviser's 6 weeks; only reg 10(4) exceptions on the council's
    limits (reg 13(3) for the 20 weeks) set Week20 (docs/adr/0004-week20-exceptions.md)."""
    missed = t.ExceptionFacts(
        reason="advice_missed_appointment",
        stage="advice",
        starts_on=D(2024, 10, 20),
        ends_on=D(2024, 10, 20),
    )
    adviser = t.AdviceFacts(
        id=1,
        adviser="EP",
        sent_on=D(2024, 10, 8),
        received_by_adviser_on=D(2024, 10, 9),
        exceptions=(missed,),
    )
    facts = t.AssessmentFacts(
        request_received_on=RECEIVED,
        decided_to_assess=True,
        decision_on=D(2024, 10, 1),
        advice=(adviser,),
    )
    deadlines = by_key(t.assessment_deadlines(facts, today=D(2025, 2, 1)))
    assert deadlines["advice:1"].exception_applied is True
    assert deadlines["final_plan"].state == t.State.OVERDUE
    assert t.week20_flag(facts) == 0
    closure = t.ExceptionFacts(
        reason="c", stage="decision_to_assess", starts_on=D(2024, 9, 5), ends_on=D(2024, 9, 30)
    )
    assert t.week20_flag(t.AssessmentFacts(**{**facts.__dict__, "exceptions": (closure,)})) == 1


@pytest.mark.parametrize(
    "exception, message",
    [
        (
            t.ExceptionFacts(
                reason="d", stage="final_plan", starts_on=D(2024, 11, 1), ends_on=D(2024, 11, 27)
            ),
            "at least 4 weeks",
        ),
        (
            t.ExceptionFacts(
                reason="a",
                stage="final_plan",
                starts_on=D(2024, 7, 20),
                ends_on=D(2024, 9, 4),
                advice_requested_on=D(2024, 7, 1),
                closure_starts_on=D(2024, 7, 23),
                closure_ends_on=D(2024, 9, 4),
            ),
            "outside the period",
        ),
        (
            t.ExceptionFacts(
                reason="a",
                stage="final_plan",
                starts_on=D(2024, 10, 21),
                ends_on=D(2024, 11, 4),
                advice_requested_on=D(2024, 10, 18),
                closure_starts_on=D(2024, 10, 21),
                closure_ends_on=D(2024, 11, 4),
            ),
            "at least 4 weeks",
        ),
        (
            t.ExceptionFacts(
                reason="c", stage="advice", starts_on=D(2024, 11, 1), ends_on=D(2024, 12, 1)
            ),
            "reg 10(4)",
        ),
        (
            t.ExceptionFacts(
                reason="advice_absence",
                stage="final_plan",
                starts_on=D(2024, 11, 1),
                ends_on=D(2024, 12, 1),
            ),
            "reg 8(2)",
        ),
        (
            t.ExceptionFacts(
                reason="c", stage="final_plan", starts_on=D(2024, 11, 1), ends_on=D(2024, 10, 1)
            ),
            "cannot end before",
        ),
    ],
)
def test_exceptions_that_cannot_qualify_are_refused_with_the_reason(exception, message):
    assert message in t.exception_refusal(exception)


def test_summer_closure_exception_qualifies_inside_the_window():
    summer = t.ExceptionFacts(
        reason="a",
        stage="final_plan",
        starts_on=D(2024, 7, 23),
        ends_on=D(2024, 9, 4),
        advice_requested_on=D(2024, 7, 18),
        closure_starts_on=D(2024, 7, 23),
        closure_ends_on=D(2024, 9, 4),
    )
    assert t.exception_refusal(summer) is None


def test_advice_six_weeks_from_the_advisers_receipt_with_their_own_exception():
    missed = t.ExceptionFacts(
        reason="advice_missed_appointment",
        stage="advice",
        starts_on=D(2024, 10, 20),
        ends_on=D(2024, 10, 20),
    )
    advice = t.AdviceFacts(
        id=7,
        adviser="Educational psychology",
        sent_on=D(2024, 10, 8),
        received_by_adviser_on=D(2024, 10, 10),
        exceptions=(missed,),
    )
    facts = t.AssessmentFacts(
        request_received_on=RECEIVED,
        decided_to_assess=True,
        decision_on=D(2024, 10, 1),
        advice=(advice,),
    )
    deadline = by_key(t.assessment_deadlines(facts, today=D(2024, 12, 1)))["advice:7"]
    assert deadline.due_on == D(2024, 11, 21)
    assert deadline.state == t.State.EXCEPTED and deadline.rule == "reg 8(1)"


def test_reassessment_decision_in_15_days_and_plan_in_14_weeks():
    facts = t.AssessmentFacts(
        request_received_on=D(2025, 2, 3),
        is_reassessment=True,
        decided_to_assess=True,
        decision_on=D(2025, 2, 14),
    )
    deadlines = by_key(t.assessment_deadlines(facts, today=D(2025, 2, 20)))
    assert deadlines["reassessment_decision"].due_on == D(2025, 2, 18)
    assert deadlines["reassessment_decision"].rule == "reg 25"
    assert deadlines["reassessment_plan"].due_on == D(2025, 5, 23)


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


dates = st.dates(min_value=D(2015, 1, 1), max_value=D(2035, 12, 31))


@given(
    received=dates,
    offsets=st.lists(st.integers(min_value=0, max_value=400), min_size=4, max_size=4),
    today=dates,
)
def test_no_deadline_precedes_its_trigger(received, offsets, today):
    decision = received + datetime.timedelta(days=offsets[0])
    draft = decision + datetime.timedelta(days=offsets[1])
    facts = t.AssessmentFacts(
        request_received_on=received,
        decided_to_assess=True,
        decision_on=decision,
        draft_served_on=draft,
        final_issued_on=draft + datetime.timedelta(days=offsets[2]),
        advice=(
            t.AdviceFacts(
                id=1,
                adviser="EP",
                sent_on=decision,
                received_by_adviser_on=decision + datetime.timedelta(days=offsets[3] % 10),
            ),
        ),
    )
    review = t.ReviewFacts(
        id=1,
        period_starts_on=received,
        meeting_on=received,
        decision="A",
        proposed_amendments_sent_on=received,
    )
    appeal = t.AppealFacts(
        id=1, decision_notified_on=received, mediation_adviser_contacted_on=received
    )
    for deadline in t.case_deadlines(
        today=today, assessment=facts, reviews=(review,), appeals=(appeal,)
    ):
        assert deadline.due_on >= deadline.trigger_on, deadline.key


@given(
    received=dates,
    start=st.integers(min_value=0, max_value=200),
    length=st.integers(min_value=0, max_value=120),
    reason=st.sampled_from(["a", "b", "c", "d"]),
    stage=st.sampled_from(["decision_to_assess", "not_to_issue", "final_plan"]),
    today=dates,
)
def test_recording_an_exception_never_changes_a_due_date(
    received, start, length, reason, stage, today
):
    starts = received + datetime.timedelta(days=start)
    exception = t.ExceptionFacts(
        reason=reason,
        stage=stage,
        starts_on=starts,
        ends_on=starts + datetime.timedelta(days=length),
        advice_requested_on=starts,
        closure_starts_on=starts,
        closure_ends_on=starts + datetime.timedelta(days=length),
    )
    base = t.AssessmentFacts(
        request_received_on=received,
        decided_to_assess=True,
        decision_on=received + datetime.timedelta(days=30),
    )
    excepted = t.AssessmentFacts(**{**base.__dict__, "exceptions": (exception,)})
    before = {d.key: d.due_on for d in t.assessment_deadlines(base, today=today)}
    after = {d.key: d.due_on for d in t.assessment_deadlines(excepted, today=today)}
    assert before == after


def test_mediation_is_arranged_within_30_days_and_the_certificate_in_3_working_days():
    appeal = t.AppealFacts(
        id=1,
        decision_notified_on=D(2025, 4, 1),
        mediation_adviser_contacted_on=D(2025, 4, 17),
        mediation_wanted=True,
    )
    deadlines = by_key(t.appeal_deadlines(appeal, today=D(2025, 4, 20)))
    assert deadlines["mediation_arranged"].due_on == D(2025, 5, 17)
    assert deadlines["mediation_certificate"].due_on == D(
        2025, 4, 24
    )  # Good Friday and Easter Monday skipped
    assert deadlines["mediation_adviser"].state == t.State.DONE_ON_TIME
