"""The trend on day one: it says how it will fill, and the first snapshot (or a command) fills
the past months from the plans on record (today is 10 February 2026; the first plan on record,
G, was issued on 10 February 2025)."""

import datetime
import io

import pytest
import time_machine
from django.core.management import call_command

from reporting.models import TimelinessSnapshot
from reporting.selectors.timeliness import timeliness_trend
from reporting.services import timeliness_snapshot_take, timeliness_snapshots_backfill
from reporting.tasks import take_timeliness_snapshot

from .conftest import TODAY, scope_for
from .test_views import NOW

pytestmark = pytest.mark.django_db
d = datetime.date


@time_machine.travel(NOW, tick=False)
def test_on_day_one_the_trend_says_how_it_will_fill(client, manager, council):
    client.force_login(manager)
    body = client.get("/reports/").content.decode()
    assert "No points yet. The trend fills itself: one point a month" in body
    assert "the last one of each month is the month&#x27;s point" in body
    assert "worked out from the requests&#x27; received and final-issue dates" in body


def test_the_past_months_are_worked_out_from_the_records(council, team):
    days = timeliness_snapshots_backfill(today=TODAY)
    # From February 2025 (the first plan on record) to January 2026; February 2026 is today's.
    assert days[0] == d(2025, 2, 28) and days[-1] == d(2026, 1, 31) and len(days) == 12
    trend = timeliness_trend(scope=scope_for(council))
    by_day = {row["taken_on"]: row for row in trend}
    assert all(row["backfilled"] for row in trend)
    # 12 months to 31 August 2025, North: A (140 days), C (106), E (393), G (405).
    assert (by_day[d(2025, 8, 31)]["issued"], by_day[d(2025, 8, 31)]["within"]) == (4, 2)
    # The same as a snapshot taken on the night (test_timeliness: 6 issued, 3 within).
    assert (by_day[d(2026, 1, 31)]["issued"], by_day[d(2026, 1, 31)]["within"]) == (6, 3)
    whole = timeliness_trend(scope=scope_for(council, whole_service=True))
    assert whole[-1]["issued"] == 7  # South's H too
    assert timeliness_snapshots_backfill(today=TODAY) == []  # safe to run again


def test_a_month_taken_on_the_night_is_kept(council):
    timeliness_snapshot_take(on=d(2025, 12, 20))
    days = timeliness_snapshots_backfill(today=TODAY)
    assert d(2025, 12, 31) not in days and d(2025, 11, 30) in days
    december = TimelinessSnapshot.objects.filter(taken_on__month=12, taken_on__year=2025)
    assert {s.taken_on for s in december} == {d(2025, 12, 20)}
    assert not any(s.backfilled for s in december)


def test_no_records_no_history(db):
    assert timeliness_snapshots_backfill(today=TODAY) == []


def test_the_first_nightly_snapshot_fills_the_history(council):
    take_timeliness_snapshot(on=TODAY.isoformat())
    service = TimelinessSnapshot.objects.filter(team__isnull=True)
    assert service.filter(backfilled=True).count() == 12
    assert service.filter(backfilled=False).get().taken_on == TODAY
    take_timeliness_snapshot(on=TODAY.isoformat())  # the next run adds nothing old
    assert service.count() == 13


def test_the_command_fills_it_and_the_page_says_which_months(client, manager, council):
    out = io.StringIO()
    call_command(
        "backfill_timeliness_trend", "--date", TODAY.isoformat(), "--months", "6", stdout=out
    )
    assert "Filled 6 months, August 2025 to January 2026, from the records." in out.getvalue()
    with time_machine.travel(NOW, tick=False):
        client.force_login(manager)
        body = client.get("/reports/").content.decode()
    assert "No points yet" not in body
    assert "6 months (August 2025 to January 2026) worked out afterwards from the records" in body
    assert "Afterwards, from the records" in body  # the table says which points
    assert "snapshot=2025-08-31" in body  # each point drills down to its plans
