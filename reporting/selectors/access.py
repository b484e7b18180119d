"""Who may read which reports. A team manager sees the figures for the teams they manage; the
head of service (or the council's SEN2 officer) sees the whole service's and any team's, and is
the only one who may produce, read or download the SEN2 return, which names every child in the
service. Checked here, where the data is read, as well as in each view's policy."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.db.models.fields.files import FieldFile
from django.http import Http404

from accounts import roles
from accounts.models import Team, User
from cases.selectors import caseworkers_assignable_by

from ..models import Sen2Return, Sen2Status

REPORT_ROLES = (roles.MANAGER, roles.HEAD_OF_SERVICE)
SEN2_ROLES = (roles.HEAD_OF_SERVICE,)
REPORTS_NOT_ALLOWED = "Only managers and the head of service can see reports"
SEN2_NOT_ALLOWED = (
    "Only the head of service can produce, read or download the SEN2 return: it names every "
    "child in the service"
)
SEN2_FILES = {"xml": "xml_file", "csv": "csv_file"}


@dataclass(frozen=True)
class ReportTeams:
    """The teams a person may choose on the dashboards, and whether the whole service too."""

    teams: list[Team]
    whole_service: bool


def report_teams_for(*, user: User) -> ReportTeams:
    if not user.is_authenticated or not user.has_role(*REPORT_ROLES):
        raise PermissionDenied(REPORTS_NOT_ALLOWED)
    if user.has_role(roles.HEAD_OF_SERVICE):
        return ReportTeams(teams=list(Team.objects.order_by("name")), whole_service=True)
    return ReportTeams(
        teams=list(Team.objects.filter(managers=user).order_by("name")), whole_service=False
    )


def report_caseworkers_for(*, user: User) -> QuerySet[User]:
    """The caseworkers a person may narrow the reports to: a team manager, the active
    caseworkers of the teams they manage (as on the caseload); the head of service, those of
    every team. Anyone else may not see reports."""
    if not user.is_authenticated or not user.has_role(*REPORT_ROLES):
        raise PermissionDenied(REPORTS_NOT_ALLOWED)
    if user.has_role(roles.HEAD_OF_SERVICE):
        return (
            # One row each: a person is in the caseworkers' group once.
            User.objects.filter(groups__name=roles.CASEWORKER, is_active=True, team__isnull=False)
            .select_related("team")
            .order_by("last_name", "first_name", "username")
        )
    return caseworkers_assignable_by(user=user)


def sen2_allowed(*, user: User) -> bool:
    return user.is_authenticated and user.has_role(*SEN2_ROLES)


def sen2_check(*, user: User) -> None:
    if not sen2_allowed(user=user):
        raise PermissionDenied(SEN2_NOT_ALLOWED)


def sen2_returns_for(*, user: User, limit: int = 20) -> QuerySet[Sen2Return]:
    sen2_check(user=user)
    return Sen2Return.objects.select_related("requested_by")[:limit]


def sen2_return_get_for(*, user: User, pk: int) -> Sen2Return:
    sen2_check(user=user)
    sen2_return = Sen2Return.objects.select_related("requested_by").filter(pk=pk).first()
    if sen2_return is None:
        raise Http404
    return sen2_return


def sen2_file_for(*, user: User, pk: int, kind: str) -> FieldFile:
    """A finished return's XML or zip of CSVs; 'not found' until it is finished."""
    sen2_check(user=user)
    sen2_return = Sen2Return.objects.filter(pk=pk, status=Sen2Status.COMPLETE).first()
    if sen2_return is None or kind not in SEN2_FILES:
        raise Http404
    file = getattr(sen2_return, SEN2_FILES[kind])
    if not file:
        raise Http404
    return file
