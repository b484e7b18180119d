"""The workspace's forms: they parse what was asked; the selectors read."""

from django import forms

from cases.models import DeadlineState
from cases.models.codes import NeedType, SettingType
from core.forms import GovukForm

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
    stage = forms.ChoiceField(label="Stage", choices=STAGES, required=False)
    state = forms.ChoiceField(label="State", choices=STATES, required=False)
    need = forms.ChoiceField(
        label="Primary need", required=False, choices=[("", "All needs"), *NeedType.choices]
    )
    setting_type = forms.ChoiceField(
        label="Setting type",
        required=False,
        choices=[("", "All setting types"), *SettingType.choices],
    )
    q = forms.CharField(label="Case reference, UPN or surname", required=False, max_length=60)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["scope"].choices = caseload_scopes(user=user)
