"""Appeals: the decision appealed, mediation and the tribunal, and its orders."""

from django import forms

from core.forms import GovukDateField, GovukForm

from ..models.codes import AppealableDecision, AppealOutcome, TribunalOrderKind


class AppealForm(GovukForm):
    decision_appealed = forms.ChoiceField(
        label="Decision the family may appeal",
        choices=AppealableDecision.choices,
        widget=forms.RadioSelect,
    )
    decision_notified_on = GovukDateField(label="Date the decision was notified")


class AppealUpdateForm(GovukForm):
    mediation_adviser_contacted_on = GovukDateField(
        label="Date the family contacted the mediation adviser", required=False
    )
    mediation_wanted = forms.ChoiceField(
        label="Does the family want mediation?",
        choices=[("", "Not known yet"), ("yes", "Yes"), ("no", "No")],
        required=False,
        widget=forms.RadioSelect,
    )
    mediation_certificate_on = GovukDateField(
        label="Date of the mediation certificate", required=False
    )
    mediation_held_on = GovukDateField(label="Date mediation was held", required=False)
    appeal_registered_on = GovukDateField(
        label="Date the appeal was registered with the tribunal", required=False
    )
    outcome_on = GovukDateField(label="Date of the outcome", required=False)
    outcome = forms.ChoiceField(
        label="Outcome",
        choices=[("", "No outcome yet"), *AppealOutcome.choices],
        required=False,
        widget=forms.RadioSelect,
    )


class TribunalOrderForm(GovukForm):
    kind = forms.ChoiceField(
        label="What the order requires", choices=TribunalOrderKind.choices, widget=forms.RadioSelect
    )
    order_on = GovukDateField(label="Date of the order")
    details = forms.CharField(
        label="Details", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class OrderCompliedForm(GovukForm):
    order = forms.ModelChoiceField(label="Order", queryset=None, empty_label="Choose the order")
    complied_on = GovukDateField(label="Date the order was complied with")

    def __init__(self, *args, appeal=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["order"].queryset = (
            appeal.orders.filter(complied_on__isnull=True) if appeal else None
        )
