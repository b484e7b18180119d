"""The stored deadlines of a batch of generated cases, from the statutory clock.

Each case's deadlines are `cases.services.deadlines.compute_deadline_rows` on its records in
memory: the clock and the row mapping `deadlines_refresh` uses, so the stored rows, and the due
dates it sets on the requests, advice requests and reviews, are what the services would store.
The rows written are those values without a model instance per row (`deadline_values`: the
same fields `rows_from_results` sets, which a test holds together). The clock is most of a
load's work, so a large batch is shared among worker processes (forked: they read the batch from
memory, touch no database, and send back the rows of the four tables the clock fills, formatted
for writing) while the loading process makes the next batch and writes the last; the loading
process writes every table.
"""

import multiprocessing
import os
import sys
from contextlib import contextmanager
from unittest import mock

from cases.models import AdviceRequest, AnnualReview, AssessmentRequest, StatutoryDeadline
from cases.services import deadlines as deadline_service

PARALLEL_FROM = 2000  # cases in a batch: a smaller batch is computed in the loading process
CLOCK_TABLES = (StatutoryDeadline, AssessmentRequest, AdviceRequest, AnnualReview)
_batch: tuple | None = None  # (cases, tables, today), set before the workers are forked


def default_jobs() -> int:
    return max(1, min(4, os.cpu_count() or 1))


@contextmanager
def clock_settings_held(clock):
    """The council's clock settings read once for the whole load (they cannot change inside its
    transaction) rather than from the cache, or the database, for each of 100,000 cases: in
    the module that computes the rows, wherever the services keep it. A worker process must not
    read them: it shares the loading process's database connection."""
    module = sys.modules[deadline_service.compute_deadline_rows.__module__]
    if hasattr(module, "clock_settings"):
        with mock.patch.object(module, "clock_settings", lambda: clock):
            yield
    else:  # pragma: no cover - the services read them some other way
        yield


_inherited: list = []


def _worker_start() -> None:
    """A forked worker holds the loading process's database connections: it must never use
    them, nor close them (closing would end the loader's session). Should anything in it ask
    for the database, Django opens a connection of its own."""
    from django.db import connections

    for connection in connections.all(initialized_only=True):
        _inherited.append(connection.connection)  # kept, never closed: the worker exits hard
        connection.connection = None


def _results(child, request, advice, exceptions, reviews, today) -> list:
    """The clock's (key, deadline, source) for one case, with the due dates held on its records
    set in memory: `compute_deadline_rows` short of making a model instance per row."""
    requests = [(request, advice, exceptions)]
    results = deadline_service._clock_results(
        requests=requests, reviews=reviews, appeals=[], today=today
    )
    deadline_service.apply_due_dates(results, requests)
    return results


def deadline_rows(cases, *, today) -> list:
    """The stored deadlines of each case (child, request, advice, exceptions, reviews), as
    `StatutoryDeadline` instances from `compute_deadline_rows`; sets the due dates held on the
    records, in memory. The loader writes `deadline_values` instead: the same rows, faster."""
    rows = []
    for child, request, advice, exceptions, reviews in cases:
        rows.extend(
            deadline_service.compute_deadline_rows(
                child=child,
                requests=[(request, advice, exceptions)],
                reviews=reviews,
                appeals=[],
                today=today,
            )
        )
    return rows


def deadline_values(cases, *, today) -> list[dict]:
    """The stored deadlines of each case as the values of their rows (by attname), field for
    field what `rows_from_results` puts on each `StatutoryDeadline`, for `Table.format`: a
    million model instances would take half the clock's time. Sets the due dates held on the
    records, in memory. A test holds the two together."""
    values = []
    add = values.append
    for child, request, advice, exceptions, reviews in cases:
        child_id = child.id
        for key, deadline, _source in _results(child, request, advice, exceptions, reviews, today):
            state = deadline.state
            add(
                {
                    "child_id": child_id,
                    "key": key,
                    "stage": deadline.stage,
                    "rule": deadline.rule,
                    "title": deadline.title,
                    "explanation": deadline.explanation,
                    "trigger_on": deadline.trigger_on,
                    "due_on": deadline.due_on,
                    "done_on": deadline.done_on,
                    "state": str(getattr(state, "value", state)),
                    "exception_applied": deadline.exception_applied,
                    "statutory": deadline.statutory,
                    "is_open": deadline.is_open,
                }
            )
    return values


def _formatted(cases, tables, today) -> dict:
    return {
        StatutoryDeadline: tables[StatutoryDeadline].format_values(
            deadline_values(cases, today=today)
        ),
        AssessmentRequest: tables[AssessmentRequest].format([case[1] for case in cases]),
        AdviceRequest: tables[AdviceRequest].format([a for case in cases for a in case[2]]),
        AnnualReview: tables[AnnualReview].format([r for case in cases for r in case[4]]),
    }


def _worker(bounds: tuple[int, int]) -> dict:
    cases, tables, today = _batch
    return _formatted(cases[bounds[0] : bounds[1]], tables, today)


class ClockJob:
    """The clock's rows of one batch, being computed by forked worker processes while the loading
    process goes on (making the next batch, writing the last); `rows()` waits for them."""

    def __init__(self, cases, tables, *, today, jobs: int):
        global _batch
        self._pool = self._result = None
        self._rows = None
        if jobs <= 1 or len(cases) < PARALLEL_FROM:
            self._rows = _formatted(cases, tables, today)
            return
        step = -(-len(cases) // jobs)
        bounds = [(start, min(start + step, len(cases))) for start in range(0, len(cases), step)]
        _batch = (cases, tables, today)
        try:  # the workers are forked here, each holding the batch as it is now
            self._pool = multiprocessing.get_context("fork").Pool(len(bounds), _worker_start)
        finally:
            _batch = None
        self._result = self._pool.map_async(_worker, bounds)

    def rows(self) -> dict:
        """{model: rows ready to write} for the tables the clock fills."""
        if self._rows is None:
            try:
                parts = self._result.get()
                self._pool.close()
                self._pool.join()
            finally:
                self.stop()
            self._rows = {
                model: [row for part in parts for row in part[model]] for model in CLOCK_TABLES
            }
        return self._rows

    def stop(self) -> None:
        """Ends the worker processes (at once, if the load failed while they ran)."""
        if self._pool is not None:
            self._pool.terminate()
            self._pool.join()
            self._pool = None


def clock_rows(cases, tables, *, today, jobs: int) -> dict:
    """{model: rows ready to write} for the tables the clock fills, the batch's other records
    untouched."""
    return ClockJob(cases, tables, today=today, jobs=jobs).rows()
