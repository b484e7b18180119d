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
