from django.apps import AppConfig


class WorkspaceConfig(AppConfig):
    """The pages a caseworker works from (home, caseload, case page), on top of the domain apps."""

    name = "workspace"
