"""The request for an assessment: receiving it, deciding, advice, exceptions, withdrawal."""

from django import forms

from core.forms import GovukDateField, GovukForm

from ..models import ExceptionStage
from ..models.codes import AdviserType, ExceptionReason, RequestSource


class RequestForm(GovukForm):
    received_on = GovukDateField(
        label="Date the request was received",
        help_text="Or the date the council became responsible for the child",
    )
    source = forms.ChoiceField(
        label="Who made the request", choices=RequestSource.choices, widget=forms.RadioSelect
    )
    council_became_responsible = forms.BooleanField(
        label="The clock starts when the council became responsible (CFA s24)", required=False
    )
    youth_custody = forms.BooleanField(label="Made in youth custody", required=False)


class DecideForm(GovukForm):
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("assess", "Assess"), ("not", "Do not assess")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to assess"},
    )
    decided_on = GovukDateField(label="Date the decision was notified")


class AdviceRequestForm(GovukForm):
    adviser_type = forms.ChoiceField(
        label="Type of advice", choices=AdviserType.choices, widget=forms.RadioSelect
    )
    adviser = forms.CharField(label="Person or organisation asked", max_length=200)
    sent_on = GovukDateField(label="Date the request for advice was sent")
    received_by_adviser_on = GovukDateField(
        label="Date the adviser received it (if known)", required=False
    )


class AdviceReturnedForm(GovukForm):
    advice = forms.ModelChoiceField(label="Advice", queryset=None, empty_label="Choose the advice")
    received_by_adviser_on = GovukDateField(
        label="Date the adviser received the request (if not yet recorded)", required=False
    )
    returned_on = GovukDateField(label="Date the advice was returned")
    summary = forms.CharField(
        label="Summary of the advice", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args, request_obj=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advice"].queryset = (
            request_obj.advice.filter(returned_on__isnull=True) if request_obj else None
        )
        self.fields["advice"].label_from_instance = lambda a: (
            f"{a.get_adviser_type_display()}: {a.adviser} (sent {a.sent_on:%-d %B %Y})"
        )


class NotifiedForm(GovukForm):
    notified_on = GovukDateField(label="Date the decision was notified")


class ExceptionForm(GovukForm):
    stage = forms.ChoiceField(
        label="Which limit it affects", choices=ExceptionStage.choices, widget=forms.RadioSelect
    )
    reason = forms.ChoiceField(
        label="Reason", choices=ExceptionReason.choices, widget=forms.RadioSelect
    )
    starts_on = GovukDateField(label="Start date")
    ends_on = GovukDateField(label="End date")
    closure_starts_on = GovukDateField(
        label="Date the setting closed (reasons a and b)", required=False
    )
    closure_ends_on = GovukDateField(
        label="Date the setting re-opened (reasons a and b)", required=False
    )
    advice = forms.ModelChoiceField(
        label="Advice it applies to (an adviser's exception)",
        queryset=None,
        required=False,
        empty_label="Not about advice",
    )
    evidence = forms.CharField(label="Evidence", widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, request_obj=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["advice"].queryset = request_obj.advice.all() if request_obj else None


class WithdrawForm(GovukForm):
    withdrawn_on = GovukDateField(label="Date the request was withdrawn")
    reason = forms.CharField(label="Reason", max_length=200)
