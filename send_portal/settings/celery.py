"""Celery: Redis when REDIS_URL is set, otherwise jobs run in-process (the embedded default)."""

import tempfile
from pathlib import Path

from .env import env

REDIS_URL = env("REDIS_URL", default="")

CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TIMEZONE = "Europe/London"
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=15 * 60)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=20 * 60)
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A web request never waits long for an absent broker: enqueueing gives up quickly and the
# work is picked up by the next scheduled run.
CELERY_BROKER_TRANSPORT_OPTIONS = {"max_retries": 1, "interval_start": 0, "interval_step": 0.2}

# Beat (exactly one per deployment): its schedule file, and a heartbeat file beside it that each
# pass of its loop touches; the container's health check reads the heartbeat's age
# (bin/healthcheck beat). A pass comes at least every CELERY_BEAT_MAX_LOOP_INTERVAL seconds.
CELERY_BEAT_SCHEDULER = "send_portal.beat:HeartbeatScheduler"
CELERY_BEAT_SCHEDULE_FILENAME = env(
    "CELERY_BEAT_SCHEDULE_FILENAME",
    default=str(Path(tempfile.gettempdir()) / "send-portal-celerybeat-schedule"),
)
CELERY_BEAT_MAX_LOOP_INTERVAL = 60
