"""The child's record: registration and details, needs, notes, placements, contacts and
handing the case over."""

from django import forms

from accounts import roles
from accounts.models import User
from core.forms import GovukDateField, GovukForm

from ..models.codes import Ethnicity, NeedType, SettingCode, Sex, UpnUnknownReason
from ..models.records import NOTE_MAX_LENGTH, NOTE_TOO_LONG
from .common import blank, setting_field


class ChildForm(GovukForm):
    forename = forms.CharField(label="First name", max_length=100)
    surname = forms.CharField(label="Last name", max_length=100)
    date_of_birth = GovukDateField(label="Date of birth", help_text="For example, 27 3 2015")
    sex = forms.ChoiceField(label="Sex", choices=Sex.choices, widget=forms.RadioSelect)
    ethnicity = forms.ChoiceField(
        label="Ethnicity", choices=blank(Ethnicity.choices, "Not recorded"), required=False
    )
    postcode = forms.CharField(label="Postcode", max_length=8, required=False)
    upn = forms.CharField(
        label="UPN (unique pupil number)",
        max_length=20,
        required=False,
        help_text="13 characters, starting with a check letter",
    )
    upn_unknown_reason = forms.ChoiceField(
        label="If the UPN is not known, why",
        choices=blank(UpnUnknownReason.choices, "The UPN is known"),
        required=False,
    )
    uln = forms.CharField(label="ULN (unique learner number)", max_length=12, required=False)
    nhs_number = forms.CharField(label="NHS number", max_length=12, required=False)
    looked_after = forms.BooleanField(label="Looked after", required=False)
    child_in_need = forms.BooleanField(label="Child in need", required=False)
    lead_caseworker = forms.ModelChoiceField(
        label="Lead caseworker", queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_caseworker"].queryset = User.objects.filter(
            groups__name=roles.CASEWORKER, team=team, is_active=True
        )


class ChildDetailsForm(ChildForm):
    """The same fields as registration, without the lead caseworker (hand-over changes that)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["lead_caseworker"]


class NeedsForm(GovukForm):
    primary = forms.ChoiceField(label="Primary need", choices=blank(NeedType.choices))
    secondary = forms.ChoiceField(
        label="Secondary need (if any)", choices=blank(NeedType.choices, "None"), required=False
    )


class NoteForm(GovukForm):
    text = forms.CharField(
        label="Note",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=NOTE_MAX_LENGTH,
        help_text="Up to 10,000 characters",
        error_messages={"required": "Enter the note", "max_length": NOTE_TOO_LONG},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The length is checked on saving, with a message: a browser's maxlength would cut a
        # pasted note short without saying so.
        self.fields["text"].widget.attrs.pop("maxlength", None)


class PlacementForm(GovukForm):
    setting = setting_field("Setting", empty_label="No setting with a URN")
    setting_code = forms.ChoiceField(
        label="Or a setting code", choices=blank(SettingCode.choices, "None"), required=False
    )
    entry_on = GovukDateField(label="Entry date")
    leaving_on = GovukDateField(label="Leaving date", required=False)
    in_resourced_provision = forms.BooleanField(label="In resourced provision", required=False)
    in_sen_unit = forms.BooleanField(label="In an SEN unit", required=False)


class ContactForm(GovukForm):
    name = forms.CharField(label="Name", max_length=200)
    relationship = forms.CharField(label="Relationship to the child", max_length=60)
    phone = forms.CharField(label="Phone", max_length=30, required=False)
    email = forms.EmailField(label="Email", required=False)
    contact_consent = forms.BooleanField(
        label="Agrees to be contacted about the case", required=False
    )


class HandOverForm(GovukForm):
    to = forms.ModelChoiceField(
        label="Hand the case over to",
        queryset=User.objects.none(),
        empty_label="Choose a caseworker",
        error_messages={
            "required": "Choose the caseworker to hand the case over to",
            "invalid_choice": "You can hand cases over only to a caseworker in a team you manage",
        },
    )
    whole_caseload = forms.BooleanField(
        label="Hand over the whole caseload of the current lead caseworker",
        help_text="Only the cases in teams you manage move",
        required=False,
    )

    def __init__(self, *args, manager=None, **kwargs):
        from ..selectors import caseworkers_assignable_by

        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = caseworkers_assignable_by(user=manager)
