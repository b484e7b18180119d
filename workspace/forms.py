"""The workspace's forms: they parse what was asked; the selectors read."""

from django import forms

from cases.models import DeadlineState
from cases.models.codes import NeedType, SettingType
from cases.selectors import caseworkers_assignable_by
from core.forms import GovukForm

from .filters import CaseworkerChoice
from .selectors.caseload import caseload_scopes

STAGES = [
    ("", "All stages"),
    ("decision", "Decision to assess"),
    ("advice", "Advice"),
    ("outcome", "Decision not to issue"),
    ("final_plan", "Final plan"),
    ("review", "Reviews"),
    ("appeal", "Mediation and appeals"),
    ("tribunal_order", "Tribunal orders"),
]
STATES = [
    ("", "All states"),
    (DeadlineState.OVERDUE, "Overdue"),
    (DeadlineState.DUE_SOON, "Due soon"),
    (DeadlineState.DUE, "Due"),
    (DeadlineState.EXCEPTED, "Exception applies"),
]


class CaseloadFilter(GovukForm):
    scope = forms.ChoiceField(label="Whose cases", required=False)
    caseworker = CaseworkerChoice(
        label="Lead caseworker",
        required=False,
        queryset=None,
        empty_label="Any caseworker",
        error_messages={"invalid_choice": "Choose a caseworker in a team you manage"},
    )
    stage = forms.ChoiceField(label="Stage", choices=STAGES, required=False)
    state = forms.ChoiceField(
        label="State", choices=STATES, required=False, widget=forms.RadioSelect
    )
    need = forms.ChoiceField(
        label="Primary need", required=False, choices=[("", "All needs"), *NeedType.choices]
    )
    setting_type = forms.ChoiceField(
        label="Setting type",
        required=False,
        choices=[("", "All setting types"), *SettingType.choices],
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = caseload_scopes(user=user)
        caseworkers = caseworkers_assignable_by(user=user)
        if caseworkers.exists():
            self.fields["caseworker"].queryset = caseworkers
        else:  # only a manager picks a caseworker
            del self.fields["caseworker"]


class FindCaseForm(GovukForm):
    q = forms.CharField(
        label="Name or case details",
        help_text=(
            "Part or all of a name, a case reference, UPN, ULN, NHS number, date of birth "
            "(for example, 04/05/2016) or postcode"
        ),
        max_length=100,
        error_messages={
            "required": "Enter a name, case reference, UPN or another detail to find a case",
            "max_length": "Enter 100 characters or fewer",
        },
    )
