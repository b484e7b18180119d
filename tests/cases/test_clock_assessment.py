"""The statutory clock for the assessment: the request to the final plan, exceptions, advice and
re-assessments."""

import datetime

import pytest

from cases import timescales as t

D = datetime.date
RECEIVED = D(2024, 9, 2)  # a Monday
DAY_ONE = t.ClockSettings(receipt_day_is_day_one=True)


def by_key(deadlines):
    return {d.key: d for d in deadlines}


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
