"""Abstract models every app's tables build on. No concrete model lives here."""

from django.conf import settings
from django.db import models


def staff_reference(**options) -> models.ForeignKey:
    """Who did something: a member of staff, or empty where no one signed in did it (a
    management command on the server). The person's account is never deleted while it is named."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        **options,
    )


class TimeStampedModel(models.Model):
    """Created/modified at and by on every table (who, when)."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    modified_at = models.DateTimeField(auto_now=True, db_index=True)
    created_by = staff_reference()
    modified_by = staff_reference()

    class Meta:
        abstract = True
