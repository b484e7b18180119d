"""The nightly sweep: bring every statutory deadline's state up to date, raise alerts at fixed
thresholds, close the alerts whose step is done.

A fixed number of set-based queries whatever the number of cases: each raising step selects the
rows it needs in the database (`sweep_raise`, `sweep_escalate`), the night's new alerts are
inserted together, ignoring those that exist already (`sweep_insert`, as a bulk load when they
are many: `sweep_bulk`), then alerts whose step is done are closed (`sweep_close`). Every step is safe to run
again, so a sweep killed halfway and run again gives the same alerts as one clean run.
"""

import datetime
import logging
import time

from django.utils import timezone

from cases.services.deadlines import deadline_states_update

from .models import SweepRun
from .sweep_close import alerts_close, last_finished
from .sweep_escalate import escalations_raise
from .sweep_insert import collected_insert, collecting
from .sweep_raise import (
    deadline_alerts_raise,
    phase_transfer_alerts_raise,
    review_notice_alerts_raise,
    under_five_alerts_raise,
)

logger = logging.getLogger(__name__)


def _states_since(today: datetime.date) -> datetime.date | None:
    """Nightly, only the steps that can have fallen due since the last finished sweep; on
    Sundays every open step, so a state written wrongly by anything but the clock (a restore,
    a data fix) is put right within the week."""
    last = last_finished()
    if last is None or today.weekday() == 6:
        return None
    return last.for_date


STEPS = (
    ("states", lambda today: deadline_states_update(today=today, since=_states_since(today))),
    ("deadline_alerts", lambda today: deadline_alerts_raise(today=today)),
    ("review_notices", lambda today: review_notice_alerts_raise(today=today)),
    ("phase_transfers", lambda today: phase_transfer_alerts_raise(today=today)),
    ("under_fives", lambda today: under_five_alerts_raise(today=today)),
    ("escalations", lambda today: escalations_raise(today=today)),
    # On PostgreSQL the steps above report the rows they chose; here they are inserted at once.
    ("inserted", lambda today: collected_insert()),
    ("closed", lambda today: alerts_close(today=today)),
)


def sweep_run(*, today: datetime.date | None = None, stop_after: str | None = None) -> dict:
    """Runs every step; returns what each did. `stop_after` is for testing a killed sweep."""
    today = today or timezone.localdate()
    run = SweepRun.objects.create(for_date=today)
    counts, seconds = {}, {}
    with collecting():
        for name, step in STEPS:
            started = time.perf_counter()
            counts[name] = step(today)
            seconds[name] = round(time.perf_counter() - started, 2)
            if name == stop_after:
                raise SweepInterrupted(name)
    run.counts = counts
    run.finished_at = timezone.now()
    run.save(update_fields=["counts", "finished_at"])
    logger.info("sweep for %s: %s; seconds per step: %s", today.isoformat(), counts, seconds)
    return counts


class SweepInterrupted(RuntimeError):
    pass
