"""Reads of case records: who may see which children, caseloads, and the access log."""

import datetime

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts import roles
from accounts.models import User

from .models import Child, RecordAccess, StatutoryDeadline


def children_visible_to(*, user: User) -> QuerySet[Child]:
    """Least privilege: caseworkers see their team's children, managers their teams'.

    The one place that decides which cases a person may see: every page, bulk action, export
    and agenda that reads children starts from this queryset. A head of service sees the
    service's figures (reporting), not case records, so has no case access here."""
    if not user.is_authenticated or not user.is_active:
        return Child.objects.none()
    visible = Q(pk__in=[])
    if user.has_role(roles.CASEWORKER) and user.team_id:
        visible |= Q(team_id=user.team_id)
    if user.has_role(roles.MANAGER):
        visible |= Q(team__managers=user)
    return Child.objects.filter(visible, archived_at__isnull=True).distinct()


def team_ids_visible_to(*, user: User) -> list[int]:
    """The teams whose children `children_visible_to` lets this person see, as ids: for bulk
    counts that join on the team directly rather than through that queryset."""
    if not user.is_authenticated or not user.is_active:
        return []
    ids = set()
    if user.has_role(roles.CASEWORKER) and user.team_id:
        ids.add(user.team_id)
    if user.has_role(roles.MANAGER):
        ids.update(user.managed_teams.values_list("pk", flat=True))
    return sorted(ids)


def caseworkers_assignable_by(*, user: User) -> QuerySet[User]:
    """Who this person may hand cases to: active caseworkers in a team they manage."""
    if user is None or not user.is_authenticated or not user.is_active:
        return User.objects.none()
    if not user.has_role(roles.MANAGER):
        return User.objects.none()
    return (
        User.objects.filter(groups__name=roles.CASEWORKER, is_active=True, team__managers=user)
        .select_related("team")
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def child_get_for(*, user: User, reference: str) -> Child:
    """The child, if this person may see them; otherwise 'not found' (nothing is revealed)."""
    child = (
        children_visible_to(user=user)
        .select_related("team", "lead_caseworker")
        .filter(reference=reference)
        .first()
    )
    if child is None:
        raise Http404
    return child


def record_access_log(
    *, child: Child, what: str, channel: str, user: User | None = None, client_label: str = ""
) -> None:
    """Every read of a child's record is attributable: who, when, which record."""
    RecordAccess.objects.create(
        child=child,
        user=user if getattr(user, "pk", None) else None,
        client_label=client_label,
        channel=channel,
        what=what,
    )


def record_accesses_log(*, child_ids, what: str, channel: str, user: User | None = None) -> None:
    """`record_access_log` for many children read at once (a download): one row each, one insert."""
    RecordAccess.objects.bulk_create(
        RecordAccess(
            child_id=pk,
            user=user if getattr(user, "pk", None) else None,
            channel=channel,
            what=what,
        )
        for pk in dict.fromkeys(child_ids)
    )


def record_accesses_for(*, child: Child) -> QuerySet[RecordAccess]:
    return child.accesses.select_related("user").order_by("-at")


def open_deadlines(*, children: QuerySet[Child]) -> QuerySet[StatutoryDeadline]:
    return (
        StatutoryDeadline.objects.filter(is_open=True, child__in=children)
        .select_related("child", "child__lead_caseworker")
        .order_by("due_on", "child__reference")
    )


def deadline_counts(
    *, deadlines: QuerySet[StatutoryDeadline], today: datetime.date | None = None
) -> dict:
    """Overdue, due this week and due in the next 4 weeks, in one aggregate query."""
    today = today or timezone.localdate()
    week_end = today + datetime.timedelta(days=6 - today.weekday())
    four_weeks = today + datetime.timedelta(weeks=4)
    return deadlines.order_by().aggregate(
        overdue=Count("pk", filter=Q(due_on__lt=today)),
        due_this_week=Count("pk", filter=Q(due_on__gte=today, due_on__lte=week_end)),
        due_next_4_weeks=Count("pk", filter=Q(due_on__gte=today, due_on__lte=four_weeks)),
    )


def plan_sections_current(*, plan) -> dict:
    """The sections of the plan's latest version (empty when it has none)."""
    latest = plan.versions.order_by("-number").values_list("sections", flat=True).first()
    return latest or {}


def register_team_for(*, user: User):
    """The team a child registered by this user joins: their own, or the first they manage."""
    return user.team or user.managed_teams.order_by("pk").first()
