"""The panel pages' forms: they parse input; the choices they offer come from the selectors."""

from django import forms

from accounts.models import User
from cases.forms import setting_field
from core.forms import GovukDateField, GovukForm

from . import selectors
from .models import Meeting, Membership, Option, PanelKind, PanelType, ProfessionalRole

FUNDING_KINDS = (PanelKind.ISSUE, PanelKind.PLACEMENT, PanelKind.OTHER)


class DecisionForm(GovukForm):
    option = forms.ChoiceField(
        label="Decision",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the panel's decision"},
    )
    reasons = forms.CharField(
        label="Reasons", widget=forms.Textarea(attrs={"rows": 4}), required=False
    )
    conditions = forms.CharField(
        label="Conditions (if any)", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    funding_band = forms.CharField(label="Funding band (if any)", max_length=20, required=False)
    setting = setting_field("Setting (if any)", empty_label="None")
    dissent = forms.CharField(
        label="Dissent recorded (if any)", widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, options=(), kind: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["option"].choices = [(o, Option(o).label) for o in options]
        # A funding band and a setting are decided only where a plan's provision or a
        # placement is: not on a decision whether to assess, or to cease.
        if kind not in FUNDING_KINDS:
            del self.fields["funding_band"]
            del self.fields["setting"]


class AgendaForm(GovukForm):
    meeting = forms.ModelChoiceField(
        label="Panel meeting", queryset=Meeting.objects.none(), empty_label="Choose a meeting"
    )
    summary = forms.CharField(
        label="Summary for the panel", widget=forms.Textarea(attrs={"rows": 5}), required=False
    )

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = selectors.meetings_upcoming_for(user=user)


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.name_and_job_title


class MeetingForm(GovukForm):
    panel_type = forms.ModelChoiceField(
        label="Panel",
        queryset=PanelType.objects.none(),
        empty_label="Choose the panel",
        error_messages={"required": "Choose the panel"},
    )
    held_on = GovukDateField(label="Date of the meeting", help_text="For example, 27 3 2027")
    chair = StaffChoiceField(
        label="Chair",
        queryset=User.objects.none(),
        empty_label="Choose the chair",
        error_messages={"required": "Choose who chairs the meeting"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["panel_type"].queryset = selectors.panel_types()
        self.fields["chair"].queryset = selectors.panel_people()


class MemberForm(GovukForm):
    user = StaffChoiceField(
        label="Member",
        queryset=User.objects.none(),
        empty_label="Choose a person",
        error_messages={"required": "Choose the person joining the panel"},
    )
    professional_role = forms.ChoiceField(
        label="Professional role on the panel",
        choices=ProfessionalRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the member's professional role"},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = selectors.panel_people()


class AttendanceForm(GovukForm):
    attended = forms.ModelMultipleChoiceField(
        label="Members attending",
        queryset=Membership.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Anyone not ticked is recorded as having sent apologies",
    )

    def __init__(self, *args, meeting: Meeting, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["attended"]
        field.queryset = selectors.members_of(meeting=meeting)
        field.label_from_instance = lambda m: (
            f"{m.user.display_name}, {m.get_professional_role_display().lower()}"
        )
        if not self.is_bound:
            field.initial = [m.pk for m in field.queryset if m.attended]
