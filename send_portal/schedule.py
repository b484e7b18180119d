"""Celery beat's schedule, defined in one place."""

from celery.schedules import crontab

BEAT_SCHEDULE: dict = {
    "nightly-statutory-sweep": {
        "task": "alerts.nightly_sweep",
        "schedule": crontab(hour=1, minute=30),
    },
    "daily-timeliness-snapshot": {
        "task": "reporting.tasks.take_timeliness_snapshot",
        "schedule": crontab(hour=2, minute=30),
    },
    "daily-digests": {"task": "alerts.daily_digests", "schedule": crontab(hour=7, minute=0)},
    "api-housekeeping": {"task": "api.housekeeping", "schedule": crontab(hour=3, minute=15)},
    # SEN2 returns asked for while the broker was down (or lost by it) start once it is back.
    "resume-sen2-returns": {
        "task": "reporting.tasks.resume_sen2_returns",
        "schedule": crontab(minute="*/5"),
    },
}
