"""Escalations to a team's managers: a case with a statutory step overdue by more than the
escalation threshold, and a case no caseworker leads.

One alert per case, kind and manager of the case's team, raised the first night the condition
holds and not again while that alert is open (read or not); closed by the sweep when the
condition ends, the case is archived or moves to another team, or the manager no longer manages
it. Each is one set-based statement whatever the number of cases, like the other alerts.

The threshold is the Django setting `SEND_ESCALATE_AFTER_DAYS` (28 days by default, the same
four weeks as the manager's home page): the council's settings (accounts) hold no thresholds."""

import datetime

from django.conf import settings
from django.db.models import (
    CharField,
    DateField,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Value,
)
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from accounts import roles
from accounts.models import Team
from cases.models import Child, StatutoryDeadline

from .models import Alert, AlertKind, Threshold
from .sweep_insert import constant, insert_select

ESCALATE_AFTER_DAYS = 28
ESCALATION_KINDS = (AlertKind.ESCALATED_OVERDUE, AlertKind.UNALLOCATED)
UNALLOCATED_TITLE = "No caseworker leads this case: allocate one"


def escalate_after_days() -> int:
    return int(getattr(settings, "SEND_ESCALATE_AFTER_DAYS", ESCALATE_AFTER_DAYS))


def escalation_period(days: int | None = None) -> str:
    """ "4 weeks", "10 days", "1 day": the threshold as a manager reads it."""
    days = escalate_after_days() if days is None else days
    if days % 7 == 0 and days:
        weeks = days // 7
        return f"{weeks} week{'' if weeks == 1 else 's'}"
    return f"{days} day{'' if days == 1 else 's'}"


def long_overdue_steps(*, today: datetime.date) -> QuerySet[StatutoryDeadline]:
    """Open statutory steps overdue by more than the threshold. An excepted step is not overdue
    (the limit does not apply), as for the overdue alerts."""
    return StatutoryDeadline.objects.filter(
        is_open=True,
        statutory=True,
        exception_applied=False,
        due_on__lt=today - datetime.timedelta(days=escalate_after_days()),
    )


def _cases_with_their_managers() -> QuerySet[Child]:
    """One row per live case in a team and each active manager of that team (`manager_id`)."""
    return Child.objects.filter(
        archived_at__isnull=True,
        team__managers__is_active=True,
        team__managers__groups__name=roles.MANAGER,
    ).annotate(manager_id=F("team__managers__id"))


def _raise(cases: QuerySet[Child], *, today: datetime.date, kind: str, title: str) -> int:
    open_already = Alert.objects.filter(
        child_id=OuterRef("pk"),
        recipient_id=OuterRef("manager_id"),
        kind=kind,
        closed_at__isnull=True,
    )
    return insert_select(
        cases.exclude(Exists(open_already)),
        recipient_id=F("manager_id"),
        child_id=F("pk"),
        deadline_id=constant(None, IntegerField()),
        review_id=constant(None, IntegerField()),
        kind=constant(kind, CharField()),
        # The manager in the key: each manager of the team has their own alert.
        key=Concat(
            Value(f"escalation:{kind}:m"), Cast("manager_id", CharField()), output_field=CharField()
        ),
        threshold=constant(Threshold.ESCALATED.value, CharField()),
        # The day it was escalated: a case escalated again later (after the alert closed) has a
        # new row, and one raised twice the same day is stopped by the unique constraint.
        due_on=constant(today, DateField()),
        title=constant(title, CharField()),
        created_on=constant(today, DateField()),
    )


def escalations_raise(*, today: datetime.date) -> int:
    """Both kinds to every manager of the case's team; returns how many were new."""
    long_overdue = long_overdue_steps(today=today).filter(child_id=OuterRef("pk"))
    raised = _raise(
        _cases_with_their_managers().filter(Exists(long_overdue)),
        today=today,
        kind=AlertKind.ESCALATED_OVERDUE,
        title=f"A statutory step is overdue by more than {escalation_period()}",
    )
    raised += _raise(
        _cases_with_their_managers().filter(lead_caseworker__isnull=True),
        today=today,
        kind=AlertKind.UNALLOCATED,
        title=UNALLOCATED_TITLE,
    )
    return raised


def escalations_close(*, today: datetime.date) -> int:
    """Closes the open escalations whose condition has ended, or whose manager no longer
    manages the case's team (left it, lost the role, left the council), or whose case was
    archived. One UPDATE."""
    still_their_manager = Team.managers.through.objects.filter(
        team_id=OuterRef("child__team_id"),
        user_id=OuterRef("recipient_id"),
        user__is_active=True,
        user__groups__name=roles.MANAGER,
    )
    still_overdue = long_overdue_steps(today=today).filter(child_id=OuterRef("child_id"))
    ended = (
        Q(child__archived_at__isnull=False)
        | ~Exists(still_their_manager)
        | Q(kind=AlertKind.ESCALATED_OVERDUE) & ~Exists(still_overdue)
        | Q(kind=AlertKind.UNALLOCATED, child__lead_caseworker__isnull=False)
    )
    return (
        Alert.objects.filter(closed_at__isnull=True, kind__in=ESCALATION_KINDS)
        .filter(ended)
        .update(closed_at=timezone.now())
    )
