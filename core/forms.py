"""GOV.UK Design System patterns for Django forms: classes on widgets, errors linked to fields,
and dates entered as day, month and year."""

import datetime

from django import forms
from django.core.exceptions import ValidationError

DATE_INVALID = "{label} must be a real date"
DATE_INCOMPLETE = "{label} must include a day, month and year"
DATE_REQUIRED = "Enter {label_lower}"


class GovukDateWidget(forms.MultiWidget):
    template_name = "govuk/date_widget.html"

    def __init__(self, attrs=None):
        widgets = {
            "day": forms.TextInput(
                attrs={
                    "class": "govuk-input govuk-date-input__input govuk-input--width-2",
                    "inputmode": "numeric",
                }
            ),
            "month": forms.TextInput(
                attrs={
                    "class": "govuk-input govuk-date-input__input govuk-input--width-2",
                    "inputmode": "numeric",
                }
            ),
            "year": forms.TextInput(
                attrs={
                    "class": "govuk-input govuk-date-input__input govuk-input--width-4",
                    "inputmode": "numeric",
                }
            ),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value):
        if isinstance(value, datetime.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A date typed as day, month and year; keeps what was typed when it is wrong."""

    widget = GovukDateWidget

    def __init__(self, **kwargs):
        fields = (forms.CharField(), forms.CharField(), forms.CharField())
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list):
        if not data_list or not any(data_list):
            return None
        label = self.label or "Date"
        if not all(data_list):
            raise ValidationError(DATE_INCOMPLETE.format(label=label), code="incomplete")
        try:
            day, month, year = (int(str(part).strip()) for part in data_list)
            if year < 1900:
                raise ValueError
            return datetime.date(year, month, day)
        except ValueError as error:
            raise ValidationError(DATE_INVALID.format(label=label), code="invalid") from error

    def clean(self, value):
        if self.required and (not value or not any(value)):
            label = self.label or "the date"
            raise ValidationError(
                DATE_REQUIRED.format(label_lower=label[:1].lower() + label[1:]), code="required"
            )
        return super().clean(value)


_CLASSES = (
    (forms.RadioSelect, None),
    (forms.CheckboxSelectMultiple, None),
    (forms.Textarea, "govuk-textarea"),
    (forms.Select, "govuk-select"),
    (forms.CheckboxInput, "govuk-checkboxes__input"),
    (forms.FileInput, "govuk-file-upload"),
    (forms.MultiWidget, None),
    (forms.widgets.Input, "govuk-input"),
)
_ERROR_CLASSES = {
    "govuk-input": "govuk-input--error",
    "govuk-select": "govuk-select--error",
    "govuk-textarea": "govuk-textarea--error",
}


DJANGO_REQUIRED = forms.Field.default_error_messages["required"]
DJANGO_BLANK = "---------"
CHOOSE = "Choose one"


def _plain_messages(field: forms.Field) -> None:
    """GOV.UK error messages, not Django's: "Enter the reason" or "Choose the setting" rather
    than "This field is required.", and "Choose one" rather than "---------" in a list."""
    label = str(field.label or "a value")
    lower = label[:1].lower() + label[1:]
    choosing = isinstance(field, forms.ChoiceField | forms.ModelChoiceField | forms.BooleanField)
    if field.error_messages.get("required") == DJANGO_REQUIRED:
        field.error_messages["required"] = f"{'Choose' if choosing else 'Enter'} {lower}"
    if getattr(field, "empty_label", None) == DJANGO_BLANK:
        field.empty_label = CHOOSE
    elif isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
        choices = list(field.choices)
        if choices and choices[0] == ("", DJANGO_BLANK):
            field.choices = [("", CHOOSE), *choices[1:]]


class GovukFormMixin:
    """Adds the GOV.UK classes and, when a field is wrong, its error styling and description."""

    # `{{ form }}` renders the GOV.UK layout: labels, hints, errors and fieldsets.
    template_name = "govuk/form.html"
    template_name_div = "govuk/form.html"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            _plain_messages(field)
            widget = field.widget
            for widget_class, css in _CLASSES:
                if isinstance(widget, widget_class):
                    if css and css not in widget.attrs.get("class", ""):
                        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
                    break
            # CheckboxSelectMultiple is a RadioSelect subclass: test it first.
            if isinstance(widget, forms.CheckboxSelectMultiple):
                widget.template_name = "govuk/checkboxes.html"
            elif isinstance(widget, forms.RadioSelect):
                widget.template_name = "govuk/radios.html"
            if field.help_text:
                widget.attrs["aria-describedby"] = f"id_{self.add_prefix(name)}-hint"

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            widget = self.fields[name].widget
            described = [f"id_{self.add_prefix(name)}-error"]
            if self.fields[name].help_text:
                described.insert(0, f"id_{self.add_prefix(name)}-hint")
            widget.attrs["aria-describedby"] = " ".join(described)
            targets = widget.widgets if isinstance(widget, forms.MultiWidget) else [widget]
            for target in targets:
                classes = target.attrs.get("class", "")
                for base, error_class in _ERROR_CLASSES.items():
                    if base in classes.split() and error_class not in classes:
                        target.attrs["class"] = f"{classes} {error_class}"


class GovukForm(GovukFormMixin, forms.Form):
    pass


class GovukModelForm(GovukFormMixin, forms.ModelForm):
    pass


def errors_onto(form, error: ValidationError) -> None:
    """A service's refusal shown on the form: against its field when the form has it, else
    above the form."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)
