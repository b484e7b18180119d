"""A task that fails for good is logged with its name and ids only (case references, never a
child's details)."""

import logging

from celery.signals import task_failure

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
