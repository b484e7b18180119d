from django.db.models import QuerySet

from .models import Alert


def inbox_for(*, user) -> QuerySet[Alert]:
    return (
        Alert.objects.filter(recipient=user, closed_at__isnull=True)
        .select_related("child")
        .order_by("due_on", "pk")
    )


def unread_count(*, user) -> int:
    return Alert.objects.filter(
        recipient=user, closed_at__isnull=True, read_at__isnull=True
    ).count()
