"""API housekeeping: Idempotency-Keys are kept long enough for any retry, then removed, as are
expired OAuth2 tokens."""

import datetime

from celery import shared_task
from django.conf import settings
from django.utils import timezone
from oauth2_provider.models import clear_expired

from .models import IdempotencyKey


def idempotency_keys_expire(*, now: datetime.datetime | None = None) -> int:
    """Deletes keys older than API_IDEMPOTENCY_KEY_DAYS in one statement; returns how many."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.API_IDEMPOTENCY_KEY_DAYS)
    deleted, _ = IdempotencyKey.objects.filter(created_at__lt=cutoff).delete()
    return deleted


@shared_task(name="api.housekeeping", acks_late=True)
def housekeeping() -> dict:
    keys = idempotency_keys_expire()
    clear_expired()
    return {"idempotency_keys": keys}
