"""Reads for reports and the partner API from a read replica, when one is configured.

A request that only reads (GET or HEAD) a report or an API resource runs inside
`reading_from_replica()` (ReplicaReadsMiddleware); code elsewhere - a management command, a
Celery task that only reads - can use it too. Inside it, reads of case data go to the `replica`
database. Everything else stays on the primary: every write, every read inside a transaction, and
who someone is and what they may do (people, sign-in, sessions, API clients and tokens, rate
limits, SEN2 returns and their status), so a sign-in, a change of role or a new API token counts
at once, whatever the replica's lag.
"""

import contextlib
import contextvars

from django.conf import settings
from django.db import connections

PRIMARY = "default"
REPLICA = "replica"
# The apps whose tables may be read from the replica: case data, read in bulk by reports and
# partners. Not accounts, auth, sessions, oauth2_provider, axes, api or reporting (whose returns
# a manager waits for right after asking).
REPLICA_APPS = frozenset({"cases", "panels", "alerts", "local_offer"})

_reading_from_replica = contextvars.ContextVar("reading_from_replica", default=False)


@contextlib.contextmanager
def reading_from_replica():
    token = _reading_from_replica.set(True)
    try:
        yield
    finally:
        _reading_from_replica.reset(token)


def read_database(model) -> str:
    """The database a read of `model` goes to now."""
    if (
        settings.READ_REPLICA
        and _reading_from_replica.get()
        and model._meta.app_label in REPLICA_APPS
        and not connections[PRIMARY].in_atomic_block
    ):
        return REPLICA
    return PRIMARY


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        return read_database(model)

    def db_for_write(self, model, **hints):
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary: an object read from one may point at
        # an object read from the other.
        return {obj1._state.db, obj2._state.db} <= {PRIMARY, REPLICA, None}

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == PRIMARY


class ReplicaReadsMiddleware:
    """GET and HEAD requests for reports and the API read case data from the replica."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in ("GET", "HEAD") and request.path.startswith(
            settings.REPLICA_READ_PATHS
        ):
            with reading_from_replica():
                return self.get_response(request)
        return self.get_response(request)
