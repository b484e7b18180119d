"""What the case forms share: a choice list with a first, empty choice, and the setting field."""

from django import forms

from ..models import EducationSetting


def blank(choices, label="Choose"):
    return [("", label), *choices]


def setting_field(label: str, *, empty_label: str, required: bool = False):
    """A choice of education setting, by name (the forms of the plan and of the panel)."""
    return forms.ModelChoiceField(
        label=label,
        queryset=EducationSetting.objects.order_by("name"),
        required=required,
        empty_label=empty_label,
    )
