"""Writes to a person's alerts: marking them read. The nightly sweep raises and closes them."""

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from .models import Alert
from .selectors import open_alerts_for


def alert_mark_read(*, user, pk: int) -> Alert:
    """Marks one of this person's own alerts read (once: the first reading is kept). Anyone
    else's alert, or none: not found."""
    with transaction.atomic():
        alert = Alert.objects.select_for_update().filter(pk=pk, recipient=user).first()
        if alert is None:
            raise Http404
        if alert.read_at is None:
            alert.read_at = timezone.now()
            alert.save(update_fields=["read_at"])
    return alert


def alerts_mark_all_read(*, user, reference: str = "") -> int:
    """Marks every open alert in this person's inbox read (only one case's, given its
    reference); returns how many."""
    alerts = open_alerts_for(user).filter(read_at__isnull=True)
    if reference:
        alerts = alerts.filter(child__reference=reference)
    return alerts.update(read_at=timezone.now())
