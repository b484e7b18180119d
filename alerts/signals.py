"""A task that fails for good is logged with its name and ids only (case references, never a
child's details); alerts on deadlines that no longer apply are closed."""

import logging

from celery.signals import task_failure
from django.dispatch import receiver
from django.utils import timezone

from cases.signals import deadlines_removing

logger = logging.getLogger("alerts.tasks")


@task_failure.connect
def log_task_failure(sender=None, task_id=None, exception=None, args=None, kwargs=None, **extra):
    logger.error(
        "task %s (%s) failed for good: %s; arguments %s",
        getattr(sender, "name", sender),
        task_id,
        type(exception).__name__,
        {k: v for k, v in (kwargs or {}).items() if k.endswith(("_id", "reference", "on"))},
    )


@receiver(deadlines_removing)
def close_alerts_on_removed_deadlines(sender, deadlines, **extra):
    """A step that no longer applies loses its stored deadline; its open alerts are closed and
    kept, so the inbox and the partner feed show them closed."""
    from .models import Alert

    Alert.objects.filter(deadline__in=deadlines, closed_at__isnull=True).update(
        closed_at=timezone.now()
    )
