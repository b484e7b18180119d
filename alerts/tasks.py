"""Celery tasks: interfaces only. Each loads what it needs by id or date and calls a service;
each is safe to run twice."""

import datetime
import logging

from celery import shared_task
from django.db import OperationalError

from core import queue as portal_tasks

from .digests import caseworker_digests_send, manager_summaries_send
from .sweep import sweep_run

logger = logging.getLogger(__name__)
RETRY = {
    "autoretry_for": (OperationalError,),  # the database went away: try again with back-off
    "retry_backoff": 30,
    "retry_backoff_max": 30 * 60,
    "retry_jitter": True,
    "max_retries": 6,
    "acks_late": True,
}


def _date(on: str | None) -> datetime.date | None:
    return datetime.date.fromisoformat(on) if on else None


@shared_task(name="alerts.nightly_sweep", **RETRY)
def nightly_sweep(on: str | None = None) -> dict:
    return sweep_run(today=_date(on))


@shared_task(name="alerts.daily_digests", **RETRY)
def daily_digests(on: str | None = None) -> dict:
    from django.utils import timezone

    today = _date(on) or timezone.localdate()
    return {
        "caseworkers": caseworker_digests_send(today=today),
        "managers": manager_summaries_send(today=today),
    }


@shared_task(name="alerts.case_deadlines_refresh", **RETRY)
def case_deadlines_refresh(child_id: int) -> None:
    from cases.models import Child
    from cases.services.deadlines import deadlines_refresh

    child = Child.objects.filter(pk=child_id).first()
    if child is not None:
        deadlines_refresh(child=child)


def enqueue_on_commit(task, **kwargs) -> None:
    """Enqueue once the current transaction commits, through the portal's one enqueue helper.
    If the broker is down the page still works: the failure is logged and the next scheduled
    run (each of these tasks is one) picks the work up."""
    portal_tasks.enqueue_on_commit(task, kwargs=kwargs)
