"""Celery beat's schedule, defined in one place."""

BEAT_SCHEDULE: dict = {}
