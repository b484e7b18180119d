from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "alerts"
    verbose_name = "Alerts and notifications"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (logs failed tasks with case references only)
