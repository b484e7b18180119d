"""The stored deadlines of a batch of generated cases, from the statutory clock.

Each case's deadlines are `cases.services.deadlines.compute_deadline_rows` on its records in
memory: the clock and the row mapping `deadlines_refresh` uses, so the stored rows, and the due
dates it sets on the requests, advice requests and reviews, are what the services would store.
The clock is most of a load's work, so a large batch is shared among worker processes (forked:
they read the batch from memory, touch no database, and send back the rows of the four tables
the clock fills, formatted for writing); the loading process writes every table.
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


def deadline_rows(cases, *, today) -> list:
    """The stored deadlines of each case (child, request, advice, exceptions, reviews); sets the
    due dates held on the records, in memory."""
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


def _formatted(cases, tables, today) -> dict:
    return {
        StatutoryDeadline: tables[StatutoryDeadline].format(deadline_rows(cases, today=today)),
        AssessmentRequest: tables[AssessmentRequest].format([case[1] for case in cases]),
        AdviceRequest: tables[AdviceRequest].format([a for case in cases for a in case[2]]),
        AnnualReview: tables[AnnualReview].format([r for case in cases for r in case[4]]),
    }


def _worker(bounds: tuple[int, int]) -> dict:
    cases, tables, today = _batch
    return _formatted(cases[bounds[0] : bounds[1]], tables, today)


def clock_rows(cases, tables, *, today, jobs: int) -> dict:
    """{model: rows ready to write} for the tables the clock fills, the batch's other records
    untouched."""
    global _batch
    if jobs <= 1 or len(cases) < PARALLEL_FROM:
        return _formatted(cases, tables, today)
    step = -(-len(cases) // jobs)
    bounds = [(start, min(start + step, len(cases))) for start in range(0, len(cases), step)]
    _batch = (cases, tables, today)
    try:
        with multiprocessing.get_context("fork").Pool(len(bounds), _worker_start) as pool:
            parts = pool.map(_worker, bounds)
    finally:
        _batch = None
    return {model: [row for part in parts for row in part[model]] for model in CLOCK_TABLES}
