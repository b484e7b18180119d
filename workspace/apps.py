from django.apps import AppConfig
from django.db.backends.signals import connection_created


class WorkspaceConfig(AppConfig):
    """The pages a caseworker works from (home, caseload, case page), on top of the domain apps."""

    name = "workspace"

    def ready(self) -> None:
        from .folding import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="workspace.folding")
