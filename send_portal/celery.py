"""The Celery application. Its schedule is defined once, in `send_portal.schedule`."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "send_portal.settings.local")

app = Celery("send_portal")
# The portal's app in every thread too (a threaded server, a test's live server): apps below the
# project reach it as `celery.current_app` and never import this module.
app.set_default()
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@app.on_after_finalize.connect
def _install_schedule(sender: Celery, **kwargs) -> None:
    from send_portal.schedule import BEAT_SCHEDULE

    sender.conf.beat_schedule = BEAT_SCHEDULE
