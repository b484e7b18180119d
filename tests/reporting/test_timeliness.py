"""20-week timeliness against the hand-computed council in conftest (today 10 February 2026)."""

import datetime

import pytest

from reporting.scope import calendar_year, last_12_months
from reporting.selectors.timeliness import timeliness_for, timeliness_trend
from reporting.services import timeliness_snapshot_take

from .conftest import TODAY, scope_for

pytestmark = pytest.mark.django_db
d = datetime.date


def test_last_12_months_runs_from_the_day_after_a_year_ago():
    period = last_12_months(TODAY)
    assert (period.start, period.end) == (d(2025, 2, 11), d(2026, 2, 10))


def test_twelve_months_including_and_excluding_exceptions(council):
    # North, 11 Feb 2025 - 10 Feb 2026: A (140 days), B (238), C (106, exception), D (122),
    # E (393), F (124, exception). G (issued 10 Feb 2025) is outside; the re-assessment is not new.
    period = last_12_months(TODAY)
    row = timeliness_for(scope=scope_for(council), start=period.start, end=period.end)
    assert row["issued"] == 6
    assert row["within"] == 4  # A, C, D, F
    assert row["percent"] == 66.7
    # Excluding exceptions drops C and F from both sides: A, D within of A, B, D, E.
    assert (row["issued_excluding"], row["within_excluding"]) == (4, 2)
    assert row["percent_excluding"] == 50.0
    assert (row["weeks_20_to_52"], row["over_52"]) == (1, 1)  # B; E
    assert row["average_weeks"] == 26.7  # 1,123 days / 6 plans / 7


def test_calendar_year_boundary(council):
    # 2026 to date: D (issued 1 Jan 2026) and F; C was issued in 2025 and G on 10 Feb 2025.
    this_year = calendar_year(2026, TODAY)
    row = timeliness_for(scope=scope_for(council), start=this_year.start, end=this_year.end)
    assert (row["issued"], row["within"], row["issued_excluding"]) == (2, 2, 1)
    last_year = calendar_year(2025, TODAY)
    row = timeliness_for(scope=scope_for(council), start=last_year.start, end=last_year.end)
    # 2025: A, B, C, E and G (405 days); within: A and C.
    assert (row["issued"], row["within"], row["percent"]) == (5, 2, 40.0)
    assert (row["weeks_20_to_52"], row["over_52"]) == (1, 2)


def test_whole_service_adds_the_other_team(council):
    period = last_12_months(TODAY)
    row = timeliness_for(
        scope=scope_for(council, whole_service=True), start=period.start, end=period.end
    )
    assert (row["issued"], row["within"], row["percent"]) == (7, 5, 71.4)


def test_receipt_day_as_day_one_is_one_day_stricter(council, settings):
    settings.SEND_RECEIPT_DAY_IS_DAY_ONE = True
    period = last_12_months(TODAY)
    row = timeliness_for(scope=scope_for(council), start=period.start, end=period.end)
    assert row["within"] == 3  # A took exactly 140 days: late when receipt is day one
    assert row["within_excluding"] == 1


def test_filters_by_primary_need_and_setting_type(council):
    period = last_12_months(TODAY)
    asd = timeliness_for(
        scope=scope_for(council, primary_need="ASD"), start=period.start, end=period.end
    )
    assert asd["issued"] == 3  # A, B, F
    special = timeliness_for(
        scope=scope_for(council, setting_group="special"), start=period.start, end=period.end
    )
    assert special["issued"] == 1  # C (F's special school is out of area)


def test_snapshot_per_team_and_service_feeds_the_trend(council, team, other_team):
    rows = timeliness_snapshot_take(on=d(2026, 1, 31))
    timeliness_snapshot_take(on=TODAY)
    timeliness_snapshot_take(on=TODAY)  # safe to run twice
    by_team = {row.team_id: row for row in rows}
    assert set(by_team) == {team.pk, other_team.pk, None}
    # 12 months to 31 Jan 2026, North: A, B, C, D, E (G on 10 Feb 2025 is still in).
    north = by_team[team.pk]
    assert (north.plans_issued, north.within_20_weeks) == (6, 3)
    assert (north.year_plans_issued, north.year_within_20_weeks) == (1, 1)
    assert by_team[None].plans_issued == 7
    trend = timeliness_trend(scope=scope_for(council))
    assert [(r["taken_on"], r["issued"], r["within"]) for r in trend] == [
        (d(2026, 1, 31), 6, 3),
        (TODAY, 6, 4),
    ]
    assert trend[1]["percent_excluding"] == 50.0
    service = timeliness_trend(scope=scope_for(council, whole_service=True))
    assert [r["issued"] for r in service] == [7, 7]
