"""Celery tasks: interfaces only. Safe to run twice."""

import io
import logging

from celery import shared_task
from django.core.management import call_command
from django.db import OperationalError, transaction

from accounts.council import CACHE_SECONDS, council_settings_forget

logger = logging.getLogger(__name__)


@shared_task(
    name="administration.deadlines_recompute_all",
    autoretry_for=(OperationalError,),
    retry_backoff=30,
    max_retries=6,
    acks_late=True,
)
def deadlines_recompute_all() -> None:
    """Every case's deadlines from the clock with the council's current counting convention
    (`manage.py deadlines_recompute`)."""
    council_settings_forget()  # this process reads the convention just saved
    call_command("deadlines_recompute", stdout=io.StringIO())


def enqueue_on_commit(task) -> None:
    """Once the change is committed. With a broker, the worker starts after every process's
    cached copy of the settings has expired, so no process writes a deadline with the old
    convention after the recompute; without one, it runs here and now. If the broker does not
    answer, it runs here too: stored deadlines must not keep the old convention."""

    def send():
        try:
            task.apply_async(countdown=CACHE_SECONDS, retry=False)
        except Exception as error:  # kombu/redis connection errors
            logger.warning(
                "broker unavailable, %s runs in this process (%s)", task.name, type(error).__name__
            )
            task.apply()

    transaction.on_commit(send)
