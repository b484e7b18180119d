"""Celery beat's scheduler with a heartbeat: each pass of beat's loop touches a file beside its
schedule file, whose age the container's health check reads (bin/healthcheck beat)."""

from pathlib import Path

from celery.beat import PersistentScheduler


def heartbeat_path(schedule_filename: str) -> Path:
    return Path(f"{schedule_filename}.heartbeat")


class HeartbeatScheduler(PersistentScheduler):
    def tick(self, *args, **kwargs):
        interval = super().tick(*args, **kwargs)
        heartbeat_path(self.schedule_filename).touch()
        return interval
