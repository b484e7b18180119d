from django.db.models import Count, DateField, OuterRef, QuerySet, Subquery
from django.utils import timezone

from cases.selectors import children_visible_to

from .models import Alert
from .sweep_escalate import long_overdue_steps


def open_alerts_for(user) -> QuerySet[Alert]:
    """This person's open alerts about the children they may see now: an alert about a case
    that has left their teams is not shown (the sweep closes it that night)."""
    return Alert.objects.filter(
        recipient=user, closed_at__isnull=True, child__in=children_visible_to(user=user)
    )


def inbox_for(*, user, by_case: bool = False) -> QuerySet[Alert]:
    """This person's open alerts, soonest first, or case by case (each case's soonest first).
    An escalated overdue case carries its longest-overdue step as it stands now (`step_title`,
    `step_due_on`) and how many steps are overdue past the threshold (`steps_long_overdue`)."""
    steps = long_overdue_steps(today=timezone.localdate()).filter(child_id=OuterRef("child_id"))
    oldest = steps.order_by("due_on", "pk")
    alerts = (
        open_alerts_for(user)
        .select_related("child")
        .annotate(
            step_title=Subquery(oldest.values("title")[:1]),
            step_due_on=Subquery(oldest.values("due_on")[:1], output_field=DateField()),
            steps_long_overdue=Subquery(
                steps.order_by().values("child_id").annotate(n=Count("pk")).values("n")
            ),
        )
    )
    if by_case:
        return alerts.order_by("child__reference", "due_on", "pk")
    return alerts.order_by("due_on", "pk")


def unread_count(*, user) -> int:
    return open_alerts_for(user).filter(read_at__isnull=True).count()
