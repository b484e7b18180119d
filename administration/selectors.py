"""The administrators' reads: staff search, teams, panel types, partner clients, the record."""

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from accounts import roles
from accounts.models import Team, User
from api.models import PartnerClient
from panels.models import PanelType

from .models import AdministrationChange, Area

STATUS_ACTIVE = "active"
STATUS_DEACTIVATED = "deactivated"
STATUS_ALL = "all"


def _one(queryset: QuerySet, pk: int):
    """The record with this id, else 404."""
    record = queryset.filter(pk=pk).first()
    if record is None:
        raise Http404
    return record


def overview() -> dict:
    """The administration overview's counts."""
    return {
        "staff_count": User.objects.filter(is_active=True).count(),
        "administrator_count": administrators_active().count(),
        "team_count": Team.objects.count(),
        "panel_type_count": PanelType.objects.count(),
        "client_count": PartnerClient.objects.count(),
        "changes": list(changes_for()[:10]),
    }


def staff_member(*, pk: int) -> User:
    """Any account, active or not."""
    return _one(User.objects.all(), pk)


def leads_cases(*, user: User) -> bool:
    """Whether an active account is the lead caseworker of any case."""
    return user.is_active and user.caseload.exists()


def staff_search(
    *, text: str = "", role: str = "", team: Team | None = None, status: str = STATUS_ACTIVE
) -> QuerySet[User]:
    """Staff by name, user name or email, role, team and whether the account is active."""
    people = User.objects.select_related("team").prefetch_related("groups")
    for word in text.split()[:5]:
        people = people.filter(
            Q(first_name__icontains=word)
            | Q(last_name__icontains=word)
            | Q(username__icontains=word)
            | Q(email__icontains=word)
        )
    if role == roles.ADMINISTRATOR:
        people = people.filter(Q(groups__name=role) | Q(is_superuser=True))
    elif role in roles.ALL:
        people = people.filter(groups__name=role)
    if team is not None:
        people = people.filter(team=team)
    if status == STATUS_ACTIVE:
        people = people.filter(is_active=True)
    elif status == STATUS_DEACTIVATED:
        people = people.filter(is_active=False)
    return people.distinct().order_by("last_name", "first_name", "username")


def role_labels_of(user: User) -> list[str]:
    """Roles as labels, from the prefetched groups (a deactivated account keeps its roles)."""
    names = {group.name for group in user.groups.all()}
    if user.is_superuser:
        names.add(roles.ADMINISTRATOR)
    return [roles.LABELS[name] for name in roles.ALL if name in names]


def administrators_active() -> QuerySet[User]:
    return User.objects.filter(
        Q(groups__name=roles.ADMINISTRATOR) | Q(is_superuser=True), is_active=True
    ).distinct()


def teams_with_counts() -> QuerySet[Team]:
    return Team.objects.annotate(
        member_count=Count("members", filter=Q(members__is_active=True), distinct=True)
    ).prefetch_related(Prefetch("managers", queryset=User.objects.order_by("last_name")))


def team(*, pk: int) -> Team:
    return _one(Team.objects.all(), pk)


def team_managers(*, team: Team) -> list[User]:
    return list(team.managers.all())


def team_members_active(*, team: Team) -> QuerySet[User]:
    return team.members.filter(is_active=True)


def managers_available() -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True, groups__name=roles.MANAGER)
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def panel_types_with_counts() -> QuerySet[PanelType]:
    return PanelType.objects.annotate(meeting_count=Count("meetings")).order_by("name")


def panel_type(*, pk: int) -> PanelType:
    return _one(PanelType.objects.all(), pk)


def panel_type_meeting_count(*, panel_type: PanelType) -> int:
    return panel_type.meetings.count()


def api_clients() -> QuerySet[PartnerClient]:
    return PartnerClient.objects.select_related("application", "partner").order_by(
        "application__name"
    )


def api_client(*, pk: int) -> PartnerClient:
    return _one(api_clients(), pk)


def history_of(*, area: Area, target, limit: int = 20) -> list[AdministrationChange]:
    """The latest changes to one record (or, with no target, to the area)."""
    return list(changes_for(area=area, target=target)[:limit])


def changes_for(*, area: Area | None = None, target=None) -> QuerySet[AdministrationChange]:
    changes = AdministrationChange.objects.select_related("by")
    if area is not None:
        changes = changes.filter(area=area)
    if target is not None:
        changes = changes.filter(target_id=str(target.pk))
    return changes
