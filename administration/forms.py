"""Forms for the set-up pages: they parse input; the services validate the rules and write."""

from django import forms
from django.contrib.auth.validators import UnicodeUsernameValidator

from accounts import roles
from accounts.models import Team, User
from cases.models import PartnerKind, PartnerOrganisation
from core.forms import GovukForm
from panels.models import PanelKind, ProfessionalRole

from . import selectors
from .services.clients import CLIENT_NAME_REQUIRED
from .services.council import COUNCIL_NAME_REQUIRED
from .services.panel_types import PANEL_NAME_REQUIRED
from .services.staff import ROLE_REQUIRED
from .services.teams import TEAM_NAME_REQUIRED

USERNAME_REQUIRED = "Enter a user name"
USERNAME_INVALID = "A user name can only have letters, numbers and @ . + - _"
FIRST_NAME_REQUIRED = "Enter their first name"
LAST_NAME_REQUIRED = "Enter their last name"
EMAIL_INVALID = "Enter an email address like name@example.gov.uk"
LA_NUMBER_REQUIRED = "Enter the LA number"
QUORUM_REQUIRED = "Enter how many members must take part"
QUORUM_NOT_NUMBER = "The quorum must be a whole number, like 3"
KIND_REQUIRED = "Choose what the panel decides"
COUNTING_REQUIRED = "Choose how days are counted"

ANY = ""


def _digits(width: int) -> forms.TextInput:
    """A short GOV.UK text input for a number (phones show their number pad)."""
    return forms.TextInput(
        attrs={"class": f"govuk-input govuk-input--width-{width}", "inputmode": "numeric"}
    )


class StaffFilterForm(GovukForm):
    q = forms.CharField(label="Name, user name or email", required=False, max_length=100)
    role = forms.ChoiceField(
        label="Role", required=False, choices=[(ANY, "Any role"), *roles.LABELS.items()]
    )
    team = forms.ModelChoiceField(
        label="Team", required=False, queryset=Team.objects.all(), empty_label="Any team"
    )
    status = forms.ChoiceField(
        label="Accounts",
        required=False,
        choices=[
            (selectors.STATUS_ACTIVE, "Active"),
            (selectors.STATUS_DEACTIVATED, "Deactivated"),
            (selectors.STATUS_ALL, "All"),
        ],
        initial=selectors.STATUS_ACTIVE,
        widget=forms.RadioSelect,
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and not data.get("status"):
            # A search without a status lists the active accounts: its radio says so.
            data = data.copy()
            data["status"] = selectors.STATUS_ACTIVE
        super().__init__(data, *args, **kwargs)
        self.fields["q"].widget.attrs.update({"spellcheck": "false", "type": "search"})


class StaffForm(GovukForm):
    username = forms.CharField(
        label="User name",
        max_length=150,
        help_text="What they type to sign in, for example j.smith",
        validators=[UnicodeUsernameValidator(message=USERNAME_INVALID)],
        error_messages={"required": USERNAME_REQUIRED},
    )
    first_name = forms.CharField(
        label="First name", max_length=150, error_messages={"required": FIRST_NAME_REQUIRED}
    )
    last_name = forms.CharField(
        label="Last name", max_length=150, error_messages={"required": LAST_NAME_REQUIRED}
    )
    email = forms.EmailField(
        label="Email address",
        required=False,
        help_text="For the daily summary of their deadlines",
        error_messages={"invalid": EMAIL_INVALID},
    )
    job_title = forms.CharField(label="Job title (optional)", max_length=100, required=False)
    roles = forms.MultipleChoiceField(
        label="Roles",
        choices=list(roles.LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text="What they can do in the portal. Select all that apply",
        error_messages={"required": ROLE_REQUIRED},
    )
    team = forms.ModelChoiceField(
        label="Team (optional)",
        help_text="The casework team they belong to",
        queryset=Team.objects.all(),
        required=False,
        empty_label="No team",
    )
    managed_teams = forms.ModelMultipleChoiceField(
        label="Teams they manage (optional)",
        help_text="A manager sees the cases of the teams they manage",
        queryset=Team.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            del self.fields["username"]
        else:
            self.fields["username"].widget.attrs.update(
                {"autocomplete": "off", "spellcheck": "false"}
            )
        self.fields["email"].widget.attrs.update({"autocomplete": "off", "spellcheck": "false"})
        if not Team.objects.exists():
            del self.fields["team"]
            del self.fields["managed_teams"]

    @classmethod
    def initial_for(cls, user: User) -> dict:
        return {
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "job_title": user.job_title,
            "roles": [g.name for g in user.groups.all()],
            "team": user.team_id,
            "managed_teams": list(user.managed_teams.values_list("pk", flat=True)),
        }


class TeamForm(GovukForm):
    name = forms.CharField(
        label="Team name", max_length=100, error_messages={"required": TEAM_NAME_REQUIRED}
    )
    managers = forms.ModelMultipleChoiceField(
        label="Managers (optional)",
        help_text="Staff with the manager role. A manager sees the team's cases",
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["managers"].queryset = selectors.managers_available()
        self.fields["managers"].label_from_instance = lambda user: user.name_and_job_title


class PanelTypeForm(GovukForm):
    name = forms.CharField(
        label="Panel name", max_length=100, error_messages={"required": PANEL_NAME_REQUIRED}
    )
    kind = forms.ChoiceField(
        label="What the panel decides",
        choices=PanelKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": KIND_REQUIRED},
    )
    quorum_minimum = forms.IntegerField(
        label="Quorum: members who must take part",
        help_text="Decisions cannot be recorded with fewer members taking part",
        widget=_digits(2),
        error_messages={"required": QUORUM_REQUIRED, "invalid": QUORUM_NOT_NUMBER},
    )
    quorum_roles = forms.MultipleChoiceField(
        label="Professional roles that must take part (optional)",
        choices=ProfessionalRole.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


NEW_PARTNER = ""


class ApiClientForm(GovukForm):
    name = forms.CharField(
        label="Name of the partner's system",
        help_text="For example, Northshire Health Trust records system",
        max_length=255,
        error_messages={"required": CLIENT_NAME_REQUIRED},
    )
    partner = forms.ModelChoiceField(
        label="Partner organisation",
        help_text="The organisation the system acts for: it sees only what that organisation "
        "is entitled to",
        queryset=PartnerOrganisation.objects.all(),
        required=False,
        empty_label="A new partner organisation (enter it below)",
    )
    new_partner_name = forms.CharField(
        label="New partner organisation's name", max_length=200, required=False
    )
    new_partner_kind = forms.ChoiceField(
        label="What kind of organisation it is",
        choices=PartnerKind.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    new_partner_urn = forms.CharField(
        label="School or college URN (optional)",
        help_text="For a school or college: it then sees only its own pupils with plans",
        max_length=6,
        required=False,
        widget=_digits(10),
    )


COUNTING_CHOICES = (
    ("no", "Received plus the number of weeks (the usual convention)"),
    ("yes", "The day of receipt is day one (one day stricter)"),
)


class CouncilSettingsForm(GovukForm):
    name = forms.CharField(
        label="Council name",
        max_length=100,
        error_messages={"required": COUNCIL_NAME_REQUIRED},
    )
    la_number = forms.CharField(
        label="LA number",
        help_text="The DfE local authority number in the SEN2 return: 3 digits, like 801",
        max_length=10,
        widget=_digits(3),
        error_messages={"required": LA_NUMBER_REQUIRED},
    )
    receipt_day_is_day_one = forms.ChoiceField(
        label="How days are counted for statutory deadlines",
        help_text="Changing this recomputes every case's deadlines",
        choices=COUNTING_CHOICES,
        widget=forms.RadioSelect,
        error_messages={"required": COUNTING_REQUIRED},
    )
