"""The one way the portal puts work on the queue.

The broker (Redis) may be down while the database and the pages are up. Enqueueing must then
never turn a page into a server error nor lose the work silently: `enqueue` says whether the job
reached the broker and logs when it did not (the task's name and the error's type only, never
its arguments); the caller records what it needs (e.g. a job's `enqueued_at`) so that a periodic
task or a retry picks the work up once the broker is back. Without a broker at all (the
embedded default) Celery runs the task here and now, and its own errors are not swallowed.
"""

import logging
from collections.abc import Callable

from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError

logger = logging.getLogger(__name__)

# What a broker that does not answer raises: kombu wraps the transport's errors in its own
# OperationalError; a refused or timed-out socket can surface as OSError (ConnectionError,
# TimeoutError are kinds of it).
BROKER_DOWN = (BrokerError, OSError)


def enqueue(task, *, args: tuple = (), kwargs: dict | None = None, **options) -> bool:
    """Sends the task now, without Celery's own retry loop (a request never waits long for an
    absent broker). True if the broker took it; False, logged, if it did not answer."""
    if task.app.conf.task_always_eager:
        # No broker: the task runs in this process, and its own errors are its own.
        task.apply_async(args=args, kwargs=kwargs or {}, **options)
        return True
    try:
        task.apply_async(args=args, kwargs=kwargs or {}, retry=False, **options)
    except BROKER_DOWN as error:
        logger.warning("broker unavailable, %s not enqueued (%s)", task.name, type(error).__name__)
        return False
    return True


def enqueue_on_commit(
    task,
    *,
    args: tuple = (),
    kwargs: dict | None = None,
    on_sent: Callable[[], None] | None = None,
    on_failure: Callable[[], None] | None = None,
    **options,
) -> None:
    """`enqueue` once the current transaction commits (so the worker sees the rows it was
    given), then `on_sent` or `on_failure`."""

    def send() -> None:
        if enqueue(task, args=args, kwargs=kwargs, **options):
            if on_sent is not None:
                on_sent()
        elif on_failure is not None:
            on_failure()

    transaction.on_commit(send)
