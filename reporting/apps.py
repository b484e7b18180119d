from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "reporting"

    def ready(self) -> None:
        # Registers the tasks, which the services send by name.
        from . import tasks  # noqa: F401
