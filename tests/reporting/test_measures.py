"""The other statutory measures against the hand-computed council (today 10 February 2026)."""

import datetime

import pytest

from cases.models import Child
from reporting.selectors import measures

from .conftest import scope_for

pytestmark = pytest.mark.django_db
d = datetime.date


def test_decisions_within_6_weeks(council):
    # Decided 11 Feb 2025 - 10 Feb 2026, North: A 42 days, B 63, C 42, D 42, F 40, N1 49,
    # NI1 35, NI2 35, O2 35, O3 35, O3b 35, O4 35. Late: B and N1.
    row = measures.decisions_within_6_weeks(scope=scope_for(council))
    assert (row["decided"], row["within"]) == (12, 10)
    assert row["percent"] == 83.3
    assert (row["assess"], row["not_assess"]) == (11, 1)


def test_not_to_issue_within_16_weeks(council):
    # NI1: 112 days, the last compliant day; NI2: 123 days.
    row = measures.not_to_issue_within_16_weeks(scope=scope_for(council))
    assert (row["decided"], row["within"], row["percent"]) == (2, 1, 50.0)


def test_not_to_issue_day_one_convention(council, settings):
    settings.SEND_RECEIPT_DAY_IS_DAY_ONE = True
    row = measures.not_to_issue_within_16_weeks(scope=scope_for(council))
    assert row["within"] == 0


def test_annual_reviews(council):
    row = measures.annual_reviews(scope=scope_for(council))
    # A 5 Jan, B 15 Jan, E 31 Jan 2026, and B's phase-transfer review due 14 Feb 2025.
    assert row["due"] == 4
    # A decided 21 days after the meeting; B 41 days.
    assert (row["decided"], row["decided_within"], row["percent"]) == (2, 1, 50.0)
    assert row["overdue"] == 1  # E: due 31 Jan, not completed
    # D (1 Apr) and the open phase-transfer reviews of C (14 Feb) and F (30 Mar).
    assert row["due_next_3_months"] == 3


def test_phase_transfers_this_round(council):
    rows = measures.phase_transfers(scope=scope_for(council))
    assert [r["due_on"] for r in rows] == [d(2026, 2, 14), d(2026, 3, 30)]
    february, march = rows
    assert february["deadline"] == "15 February"
    assert (february["reviews"], february["issued_on_time"], february["on_track"]) == (2, 1, 1)
    assert (february["missed"], february["not_started"]) == (0, 0)
    assert march["deadline"].startswith("31 March")
    assert (march["reviews"], march["not_started"]) == (1, 1)
    assert measures.phase_transfer_round(d(2026, 4, 1)) == 2027


def test_forecast_breaches_listed_with_their_cases(council):
    row = measures.forecast_breaches(scope=scope_for(council))
    # O4 past 20 weeks (and no draft); O3b's comments end after week 20; O2 no draft by week 16;
    # O1 undecided after 6 weeks. O3 and O5 are on course.
    assert row["total"] == 4
    assert (row["overdue"], row["decision_late"], row["no_draft"], row["draft_late"]) == (
        1,
        1,
        2,
        1,
    )
    refs = [council.children[k].reference for k in ("O4", "O3b", "O2", "O1")]
    assert [r["reference"] for r in row["listed"]] == refs
    assert row["listed"][0]["reason"] == measures.BREACH_REASONS["overdue"]
    assert row["listed"][1]["reason"] == measures.BREACH_REASONS["draft_late"]


def test_forecast_lists_only_cases_the_manager_may_see(council):
    visible = Child.objects.filter(team=council.team)
    row = measures.forecast_breaches(scope=scope_for(council, whole_service=True), visible=visible)
    assert row["total"] == 5  # O6 in the South team is counted
    assert council.children["O6"].reference not in [r["reference"] for r in row["listed"]]
    assert row["not_listed"] == 1
