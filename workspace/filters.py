"""The filters of the children list and the team view: they parse what was asked."""

from django import forms

from cases.selectors import caseworkers_assignable_by
from core.forms import GovukForm

from .selectors.caseload import caseload_scopes
from .selectors.children import STAGE_LABELS


class CaseworkerChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.username


SORT_FIRST = "next_due"


class ChildrenFilter(GovukForm):
    scope = forms.ChoiceField(label="Whose children", required=False)
    caseworker = CaseworkerChoice(
        label="Lead caseworker",
        required=False,
        queryset=None,
        empty_label="Any caseworker",
        error_messages={"invalid_choice": "Choose a caseworker in a team you manage"},
    )
    unallocated = forms.BooleanField(label="Only children no one leads", required=False)
    stage = forms.ChoiceField(
        label="Stage",
        required=False,
        choices=[("", "All stages"), *STAGE_LABELS.items()],
        widget=forms.RadioSelect,
    )
    overdue = forms.BooleanField(label="Only children with an overdue step", required=False)
    sort = forms.ChoiceField(
        label="Sort by",
        required=False,
        choices=[
            (SORT_FIRST, "Next step due, soonest first"),
            ("name", "Name"),
            ("stage", "Stage"),
            ("reference", "Case reference"),
        ],
        initial=SORT_FIRST,
        widget=forms.RadioSelect,
    )

    def __init__(self, data=None, *args, user, **kwargs):
        if data is not None and not data.get("sort"):
            # Filtered without choosing an order: the soonest first, and its radio says so.
            data = data.copy()
            data["sort"] = SORT_FIRST
        super().__init__(data, *args, **kwargs)
        self.fields["scope"].choices = caseload_scopes(user=user)
        caseworkers = caseworkers_assignable_by(user=user)
        self.fields["caseworker"].queryset = caseworkers
        self.manages = caseworkers.exists()
        if not self.manages:
            del self.fields["caseworker"]
            del self.fields["unallocated"]


class CaseloadHandOverForm(GovukForm):
    to = CaseworkerChoice(
        label="Hand the caseload over to",
        queryset=None,
        empty_label="Choose a caseworker",
        error_messages={
            "required": "Choose the caseworker to hand the caseload over to",
            "invalid_choice": "You can hand cases over only to a caseworker in a team you manage",
        },
    )

    def __init__(self, *args, user, from_caseworker, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = caseworkers_assignable_by(user=user).exclude(
            pk=from_caseworker.pk
        )
