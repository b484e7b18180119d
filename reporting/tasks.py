"""Celery tasks for reporting: each loads what it needs and calls one service."""

import datetime

from celery import shared_task
from django.utils import timezone

from . import services


@shared_task(name="reporting.tasks.take_timeliness_snapshot")
def take_timeliness_snapshot(on: str | None = None) -> int:
    """Daily: stores today's 20-week figures for the trend chart (safe to run twice a day); the
    first time, and after any gap, the past months from the records too."""
    day = datetime.date.fromisoformat(on) if on else timezone.localdate()
    services.timeliness_snapshots_backfill(today=day)
    return len(services.timeliness_snapshot_take(on=day))


@shared_task(name="reporting.tasks.generate_sen2_return")
def generate_sen2_return(sen2_return_id: int) -> str:
    """Generates a SEN2 return in the background; progress is stored on the return."""
    return services.sen2_return_generate_by_id(pk=sen2_return_id)


@shared_task(name="reporting.tasks.resume_sen2_returns")
def resume_sen2_returns() -> dict:
    """Every few minutes: sends again the returns the broker never took (it was down) or lost,
    and marks those whose worker died as failed, so they can be asked for again."""
    return services.sen2_returns_resume(now=timezone.now())
