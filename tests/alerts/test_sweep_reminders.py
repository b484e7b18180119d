"""The sweep's reminders are worked out in the database (one INSERT ... SELECT each): their due
dates must be the clock's, month ends and the Year 11 deadline included."""

import datetime

import pytest
import time_machine
from django.db.models import DateField, Value

from alerts.models import Alert
from alerts.sweep import sweep_run
from alerts.sweep_insert import MonthsAfter
from cases.models import Child
from cases.services.deadlines import clock_settings
from cases.timescales import months_after, phase_transfer_due
from tests.cases import factories

pytestmark = pytest.mark.django_db
d = datetime.date


@pytest.mark.parametrize(
    "start, months",
    [
        (d(2024, 8, 31), 6),  # no 31 February: the last day, 28 February
        (d(2023, 8, 31), 6),  # a leap year: 29 February
        (d(2025, 3, 31), 6),  # 30 September
        (d(2025, 12, 31), 2),  # into the next year
        (d(2025, 1, 15), 6),
        (d(2025, 7, 31), -5),  # back to 28 February
    ],
)
def test_months_after_in_the_database_is_the_clocks(caseworker, team, start, months):
    factories.child(by=caseworker, team=team, caseworker=caseworker)
    value = (
        Child.objects.annotate(day=MonthsAfter(Value(start, output_field=DateField()), months))
        .values_list("day", flat=True)
        .first()
    )
    assert value == months_after(start, months)


def test_under_five_reminder_from_a_month_end(caseworker, team):
    with time_machine.travel(d(2024, 9, 2), tick=False):
        child = factories.child(
            by=caseworker,
            team=team,
            caseworker=caseworker,
            date_of_birth=d(2022, 2, 1),
            upn="",
            upn_unknown_reason="UN1",
        )
        factories.plan_issued(
            by=caseworker, child=child, received_on=d(2024, 3, 1), issued_on=d(2024, 8, 31)
        )
    sweep_run(today=d(2025, 3, 3))
    assert Alert.objects.get(kind="under_five").due_on == d(2025, 2, 28)
    assert Alert.objects.get(kind="under_five").key == f"plan{child.plans.get().pk}:under_five"


def test_year_6_and_year_11_reminders_carry_their_own_deadlines(caseworker, team):
    with time_machine.travel(d(2025, 3, 3), tick=False):
        year6 = factories.child(
            by=caseworker, team=team, caseworker=caseworker, date_of_birth=d(2015, 1, 10)
        )
        year11 = factories.child(
            by=caseworker, team=team, caseworker=caseworker, date_of_birth=d(2010, 1, 10)
        )
        for child in (year6, year11):
            factories.plan_issued(by=caseworker, child=child, issued_on=d(2025, 1, 13))
    sweep_run(today=d(2025, 9, 3))
    due = dict(Alert.objects.filter(kind="phase_transfer").values_list("child_id", "due_on"))
    clock = clock_settings()
    assert due == {
        year6.pk: phase_transfer_due(2026, post16=False, settings=clock),
        year11.pk: phase_transfer_due(2026, post16=True, settings=clock),
    }
    assert due[year11.pk] != due[year6.pk]
    sweep_run(today=d(2025, 9, 4))
    assert Alert.objects.filter(kind="phase_transfer").count() == 2
