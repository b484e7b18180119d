"""Field declarations the case records share."""

from django.db import models


def optional_link(to: str, *, one: bool = False, on_delete=models.PROTECT, **options):
    """A link to another record that may be empty: null in the database, not required on forms.
    The record linked to is kept while it is linked, unless `on_delete` says otherwise; `one`: at
    most one record links to it (a one-to-one link)."""
    field = models.OneToOneField if one else models.ForeignKey
    return field(to, null=True, blank=True, on_delete=on_delete, **options)
