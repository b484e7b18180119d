"""The change feed's filters: ?modified_since=, strictly parsed (an empty or impossible value is
a 400 with a clear message, never a database error)."""

import datetime

import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django_filters.fields import IsoDateTimeField
from django_filters.utils import translate_validation


class StrictFilterForm(forms.Form):
    """A filter sent empty is an error, not 'no filter'."""

    def clean(self):
        cleaned = super().clean()
        for name in self.fields:
            if name in self.data and self.data.get(name) in ("", None):
                self.add_error(name, f"{name} cannot be empty: leave it out, or give a value")
        return cleaned


class UtcDateTimeField(IsoDateTimeField):
    """A date-time normalised to UTC: an offset the database cannot store (beyond ±15:59), or a
    moment outside the years 1-9999 once in UTC, is a 400, not a database error."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return value
        try:
            return value.astimezone(datetime.UTC)
        except OverflowError:
            raise forms.ValidationError("Give a date-time between the years 1 and 9999")


class UtcDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcDateTimeField


class ChangeFilter(django_filters.FilterSet):
    modified_since = UtcDateTimeFilter(
        field_name="modified_at",
        lookup_expr="gt",
        help_text="Only records changed after this date-time (ISO 8601)",
    )

    class Meta:
        form = StrictFilterForm


class AlertChangeFilter(ChangeFilter):
    modified_since = UtcDateTimeFilter(
        method="changed_since",
        help_text="Only alerts closed after this date-time, or raised on or after its date "
        "(alerts are raised by the nightly check and dated by day, so an alert raised that day "
        "may come again: use its id to tell)",
    )

    def changed_since(self, queryset, name, value):
        try:
            day = timezone.localtime(value).date()
        except OverflowError:  # the first or last moments the calendar holds
            day = datetime.date.min if value.year == 1 else datetime.date.max
        return queryset.filter(Q(closed_at__gt=value) | Q(created_on__gte=day))


def modified_since(query_params, queryset):
    """?modified_since= as ChangeFilter reads it (a 400 in the same words when it is wrong), or
    None when it is not given, for a page whose query is not a QuerySet (api.children_json).
    `queryset` is only what the filter set is made with: it is not read."""
    if "modified_since" not in query_params:
        return None
    filterset = ChangeFilter(query_params, queryset=queryset)
    if not filterset.is_valid():
        raise translate_validation(filterset.errors)
    return filterset.form.cleaned_data["modified_since"]
