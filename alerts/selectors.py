from django.db.models import QuerySet

from .models import Alert


def inbox_for(*, user, by_case: bool = False) -> QuerySet[Alert]:
    """This person's open alerts, soonest first, or case by case (each case's soonest first)."""
    alerts = Alert.objects.filter(recipient=user, closed_at__isnull=True).select_related("child")
    if by_case:
        return alerts.order_by("child__reference", "due_on", "pk")
    return alerts.order_by("due_on", "pk")


def unread_count(*, user) -> int:
    return Alert.objects.filter(
        recipient=user, closed_at__isnull=True, read_at__isnull=True
    ).count()
