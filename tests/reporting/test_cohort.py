"""The cohort against the hand-computed council (today 10 February 2026)."""

import datetime

import pytest

from reporting.scope import calendar_year
from reporting.selectors import cohort

from .conftest import TODAY, scope_for

pytestmark = pytest.mark.django_db
d = datetime.date


def test_plans_in_force_by_primary_need(council):
    rows = dict(cohort.plans_by_primary_need(scope=scope_for(council)))
    # A, B, F ASD; C SEMH; D SLCN; E none; G ceased; H in the other team.
    assert rows == {
        "Autistic spectrum disorder": 3,
        "Social, emotional and mental health": 1,
        "Speech, language and communication needs": 1,
        "No primary need recorded": 1,
    }


def test_plans_profile_age_setting_and_budgets(council):
    profile = cohort.plans_profile(scope=scope_for(council))
    assert profile["total"] == 6
    # D 4; A 9; C 15 (16 tomorrow) and F 13; B 16 today; E 21.
    assert dict(profile["age_bands"]) == {
        "Under 5": 1,
        "5 to 10": 1,
        "11 to 15": 2,
        "16 to 19": 1,
        "20 to 25": 1,
    }
    settings = dict(profile["setting_groups"])
    assert settings["Mainstream"] == 1  # A
    assert settings["Mainstream with resourced provision or SEN unit"] == 1  # B
    assert settings["Special"] == 1  # C
    assert settings["Not in education"] == 1  # D (NIEO)
    assert settings["Post-16"] == 1  # E
    assert settings["Independent or out of area"] == 1  # F
    assert dict(profile["budgets"]) == {
        "Personal budget taken up": 2,
        "Organised arrangements": 1,
        "Direct payments": 1,
    }


def test_setting_filter_narrows_the_cohort(council):
    profile = cohort.plans_profile(scope=scope_for(council, setting_group="post16"))
    assert profile["total"] == 1


def test_requests_per_month_every_month_shown(council):
    months = cohort.requests_per_month(scope=scope_for(council))
    assert months[0]["month"] == d(2025, 2, 1) and months[-1]["month"] == d(2026, 2, 1)
    received = {m["month"]: m["received"] for m in months}
    assert received[d(2025, 2, 1)] == 1  # NI1 (20 Feb); B on 6 Jan is outside
    assert received[d(2025, 5, 1)] == 2  # C, NI2
    assert received[d(2025, 10, 1)] == 3  # F, O2, O3b
    assert received[d(2025, 4, 1)] == 0  # the re-assessment is not a request
    assert sum(received.values()) == 13


def test_caseload_per_caseworker(council, caseworker):
    rows = cohort.caseload_per_caseworker(scope=scope_for(council, whole_service=True))
    by_name = {r["caseworker"]: r for r in rows}
    north = by_name[caseworker.get_full_name()]
    assert (north["children"], north["plans"], north["open_requests"]) == (
        16,
        6,
        6,
    )  # A-G and 9 more
    assert by_name["Not allocated"]["children"] == 2  # H and O6


def test_appeals_and_outcomes(council):
    data = cohort.appeals_and_outcomes(scope=scope_for(council, period=calendar_year(2025, TODAY)))
    assert data["total"] == 2
    outcomes = dict(data["by_outcome"])
    assert outcomes["Appeal upheld (in full or part)"] == 1
    assert outcomes["Not yet decided"] == 1
    decisions = dict(data["by_decision"])
    assert decisions["Refusal to assess"] == 1 and decisions["Refusal to issue a plan"] == 1
