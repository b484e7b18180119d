"""One truth for a deadline's state: the clock's rule in Python and the nightly sweep's rule in
SQL give the same state for every open step, around every boundary (due today, due soon, just
overdue, with and without an exception), from any stale state; and one list of states."""

import datetime
import random

import pytest

from cases import timescales
from cases.models import OPEN_DEADLINE_STATES, DeadlineState, StatutoryDeadline
from cases.services.common import long_date
from cases.services.deadlines import deadline_states_update

from . import factories

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 1, 12)


def test_one_list_of_states():
    assert [(s.value, s.label) for s in DeadlineState] == [
        (s.value, timescales.STATE_LABELS[s].capitalize()) for s in timescales.State
    ]
    assert set(OPEN_DEADLINE_STATES) == set(timescales.OPEN_STATES)
    assert DeadlineState.EXCEPTED in OPEN_DEADLINE_STATES  # excepted, not done: still to act on
    assert long_date is timescales.long_date
    assert long_date(datetime.date(2026, 3, 1)) == "1 March 2026"


@pytest.mark.parametrize("due_soon_days", [14, 7])
def test_the_sweep_and_the_clock_agree_on_every_open_state(caseworker, team, due_soon_days):
    child = factories.child(by=caseworker, team=team, caseworker=caseworker)
    rng = random.Random(due_soon_days)
    cases = [
        (offset, excepted, rng.choice([s.value for s in timescales.OPEN_STATES]))
        for offset in range(-20, 21)
        for excepted in (False, True)
    ]
    StatutoryDeadline.objects.bulk_create(
        StatutoryDeadline(
            child=child,
            key=f"generated{n}",
            stage="assessment",
            rule="reg 13(2)",
            title="Generated",
            explanation="Generated",
            trigger_on=TODAY - datetime.timedelta(weeks=20),
            due_on=TODAY + datetime.timedelta(days=offset),
            state=stale,
            exception_applied=excepted,
            is_open=True,
        )
        for n, (offset, excepted, stale) in enumerate(cases)
    )
    deadline_states_update(today=TODAY, due_soon_days=due_soon_days)
    clock = timescales.ClockSettings(due_soon_days=due_soon_days)
    stored = dict(StatutoryDeadline.objects.filter(child=child).values_list("key", "state"))
    for n, (offset, excepted, _stale) in enumerate(cases):
        expected = timescales.deadline_state(
            due_on=TODAY + datetime.timedelta(days=offset),
            done_on=None,
            today=TODAY,
            excepted=excepted,
            settings=clock,
        )
        assert stored[f"generated{n}"] == expected.value, (offset, excepted)
