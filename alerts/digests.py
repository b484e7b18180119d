"""Daily emails: a digest per caseworker and a summary per manager. They carry case references
and what is due, never a child's name or details."""

import datetime
import logging
from collections import defaultdict
from itertools import groupby

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Count, Q

from accounts.models import Team
from cases.models import StatutoryDeadline

from .models import Alert, AlertKind, DigestSent

logger = logging.getLogger(__name__)
CASEWORKER = "caseworker_digest"
MANAGER = "manager_summary"


def _once(*, recipient_id: int, on: datetime.date, kind: str) -> bool:
    """True the first time today; a second run sends nothing."""
    try:
        with transaction.atomic():
            DigestSent.objects.create(recipient_id=recipient_id, on=on, kind=kind)
        return True
    except IntegrityError:
        return False


def _line(alert: dict) -> str:
    return (
        f"- {alert['child__reference']}: {alert['title']}, due {alert['due_on']:%-d %B %Y}"
        f" ({alert['threshold'].replace('_', ' ')})"
    )


def caseworker_digests_send(*, today: datetime.date) -> int:
    alerts = (
        Alert.objects.filter(closed_at__isnull=True, recipient__is_active=True)
        .exclude(recipient__email="")
        # Escalations go to managers, in their summary.
        .exclude(kind__in=(AlertKind.ESCALATED_OVERDUE, AlertKind.UNALLOCATED))
        .order_by("recipient_id", "due_on", "pk")
        .values(
            "recipient_id", "recipient__email", "child__reference", "title", "due_on", "threshold"
        )
    )
    sent = 0
    for recipient_id, rows in groupby(alerts.iterator(), key=lambda a: a["recipient_id"]):
        rows = list(rows)
        if not _once(recipient_id=recipient_id, on=today, kind=CASEWORKER):
            continue
        overdue = sum(1 for r in rows if r["threshold"] == "overdue")
        body = "\n".join(
            [
                f"Statutory steps on your caseload that need attention ({today:%-d %B %Y}):",
                "",
                *(_line(r) for r in rows),
                "",
                "Open the SEND portal to see each case. This email contains case references only.",
            ]
        )
        try:
            send_mail(
                subject=f"{settings.SERVICE_NAME}: {len(rows)} steps need attention ({overdue} overdue)",
                message=body,
                from_email=settings.DEFAULT_FROM_EMAIL,
                recipient_list=[rows[0]["recipient__email"]],
            )
        except Exception:
            DigestSent.objects.filter(recipient_id=recipient_id, on=today, kind=CASEWORKER).delete()
            logger.exception("digest for user %s not sent; it will be tried again", recipient_id)
            continue
        sent += 1
    return sent


def _cases(n: int) -> str:
    return f"{n} case{'' if n == 1 else 's'}"


def manager_summaries_send(*, today: datetime.date) -> int:
    week = today + datetime.timedelta(days=7)
    figures = {
        row["child__team"]: row
        for row in StatutoryDeadline.objects.filter(is_open=True, statutory=True)
        .values("child__team")
        .annotate(
            overdue=Count("pk", filter=Q(due_on__lt=today, exception_applied=False)),
            due_this_week=Count("pk", filter=Q(due_on__gte=today, due_on__lte=week)),
        )
    }
    escalated = {
        row["recipient_id"]: row
        for row in Alert.objects.filter(
            closed_at__isnull=True,
            kind__in=(AlertKind.ESCALATED_OVERDUE, AlertKind.UNALLOCATED),
        )
        .values("recipient_id")
        .annotate(
            overdue=Count("pk", filter=Q(kind=AlertKind.ESCALATED_OVERDUE)),
            unallocated=Count("pk", filter=Q(kind=AlertKind.UNALLOCATED)),
        )
    }
    teams_by_manager = defaultdict(list)
    for team in Team.objects.prefetch_related("managers"):
        for manager in team.managers.all():
            if manager.is_active and manager.email:
                teams_by_manager[manager].append(team)
    sent = 0
    for manager, teams in teams_by_manager.items():
        if not _once(recipient_id=manager.pk, on=today, kind=MANAGER):
            continue
        lines = [f"Statutory steps across your teams on {today:%-d %B %Y}:", ""]
        for team in teams:
            row = figures.get(team.pk, {})
            lines.append(
                f"- {team.name}: {row.get('overdue', 0)} overdue, {row.get('due_this_week', 0)} due in the next 7 days"
            )
        if manager.pk in escalated:
            row = escalated[manager.pk]
            lines += [
                "",
                f"Escalated to you: {_cases(row['overdue'])} with a step long overdue,"
                f" {_cases(row['unallocated'])} no caseworker leads (see your inbox).",
            ]
        lines += ["", "The timeliness dashboards in the SEND portal have the detail."]
        send_mail(
            subject=f"{settings.SERVICE_NAME}: daily summary for your teams",
            message="\n".join(lines),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[manager.email],
        )
        sent += 1
    return sent
