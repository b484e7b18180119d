"""GOV.UK forms for each step; each maps onto one service's keyword arguments."""

from django import forms

from accounts import roles
from accounts.models import User
from core.forms import GovukDateField, GovukForm

from .models import EducationSetting, ExceptionStage, ProvisionSection
from .models.codes import (
    PLAN_SECTIONS,
    AdviserType,
    AppealableDecision,
    AppealOutcome,
    CeaseReason,
    Ethnicity,
    ExceptionReason,
    NeedType,
    RequestSource,
    ReviewDecision,
    SettingCode,
    Sex,
    TribunalOrderKind,
    UpnUnknownReason,
)
from .models.records import NOTE_MAX_LENGTH, NOTE_TOO_LONG


def _blank(choices, label="Choose"):
    return [("", label), *choices]


class ChildForm(GovukForm):
    forename = forms.CharField(label="First name", max_length=100)
    surname = forms.CharField(label="Last name", max_length=100)
    date_of_birth = GovukDateField(label="Date of birth", help_text="For example, 27 3 2015")
    sex = forms.ChoiceField(label="Sex", choices=Sex.choices, widget=forms.RadioSelect)
    ethnicity = forms.ChoiceField(
        label="Ethnicity", choices=_blank(Ethnicity.choices, "Not recorded"), required=False
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
        choices=_blank(UpnUnknownReason.choices, "The UPN is known"),
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


class SectionsMixin:
    def add_section_fields(self):
        for code, title in PLAN_SECTIONS:
            self.fields[f"section_{code}"] = forms.CharField(
                label=f"Section {code}: {title}",
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
            )

    def sections(self) -> dict:
        return {
            code: self.cleaned_data.get(f"section_{code}", "") for code, _title in PLAN_SECTIONS
        }


class DraftForm(SectionsMixin, GovukForm):
    served_on = GovukDateField(label="Date the draft was served")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_section_fields()


class FinalForm(GovukForm):
    issued_on = GovukDateField(label="Date the final plan was issued")
    named_setting = forms.ModelChoiceField(
        label="Setting named in Section I",
        queryset=EducationSetting.objects.order_by("name"),
        required=False,
        empty_label="Choose a setting",
    )
    personal_budget_taken_up = forms.BooleanField(
        label="Personal budget taken up (Section J)", required=False
    )
    organised_arrangements = forms.BooleanField(label="Organised arrangements", required=False)
    direct_payments = forms.BooleanField(label="Direct payments", required=False)


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


class NeedsForm(GovukForm):
    primary = forms.ChoiceField(label="Primary need", choices=_blank(NeedType.choices))
    secondary = forms.ChoiceField(
        label="Secondary need (if any)", choices=_blank(NeedType.choices, "None"), required=False
    )


class ReviewScheduleForm(GovukForm):
    due_on = GovukDateField(
        label="Review to be completed by",
        required=False,
        help_text=(
            "Leave empty for the last day of the 12 months starting with the date the plan was "
            "made or the last review decision was notified (CFA s44(1))"
        ),
    )


class ReviewMeetingForm(GovukForm):
    meeting_on = GovukDateField(label="Date of the review meeting")
    notice_sent_on = GovukDateField(label="Date notice of the meeting was sent", required=False)
    papers_sent_on = GovukDateField(
        label="Date advice and information were circulated", required=False
    )


class ReviewDecisionForm(GovukForm):
    decision = forms.ChoiceField(
        label="Decision", choices=ReviewDecision.choices, widget=forms.RadioSelect
    )
    notified_on = GovukDateField(label="Date the decision was notified")


class CeaseForm(GovukForm):
    ceased_on = GovukDateField(label="Date the plan ceased")
    reason = forms.ChoiceField(
        label="Reason (SEN2)", choices=CeaseReason.choices, widget=forms.RadioSelect
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
        from .selectors import caseworkers_assignable_by

        super().__init__(*args, **kwargs)
        self.fields["to"].queryset = caseworkers_assignable_by(user=manager)


class ConsultForm(GovukForm):
    setting = forms.ModelChoiceField(
        label="Setting consulted",
        queryset=EducationSetting.objects.order_by("name"),
        empty_label="Choose a setting",
    )
    consulted_on = GovukDateField(label="Date the setting was consulted")


class SettingResponseForm(GovukForm):
    consultation = forms.ModelChoiceField(
        label="Consultation", queryset=None, empty_label="Choose the setting"
    )
    response = forms.ChoiceField(
        label="Response",
        choices=[
            ("agrees", "Agrees it can meet the needs"),
            ("declines", "Says it cannot meet the needs"),
        ],
        widget=forms.RadioSelect,
    )
    responded_on = GovukDateField(label="Date of the response")
    notes = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, request_obj=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["consultation"].queryset = (
            request_obj.consultations.filter(response="awaiting") if request_obj else None
        )


class RepresentationForm(GovukForm):
    received_on = GovukDateField(label="Date the representations were received")
    summary = forms.CharField(
        label="Summary of the family's representations", widget=forms.Textarea(attrs={"rows": 4})
    )
    requested_setting = forms.ModelChoiceField(
        label="Setting the family asks to be named",
        queryset=EducationSetting.objects.order_by("name"),
        required=False,
        empty_label="None requested",
    )
    personal_budget_requested = forms.BooleanField(
        label="The family asked for a personal budget", required=False
    )


class ReviewReportForm(GovukForm):
    sent_on = GovukDateField(label="Date the review report was sent")


class AmendedPlanForm(SectionsMixin, GovukForm):
    issued_on = GovukDateField(label="Date the amended plan was issued")
    named_setting = forms.ModelChoiceField(
        label="Setting named in Section I (if it changes)",
        queryset=EducationSetting.objects.order_by("name"),
        required=False,
        empty_label="No change",
    )

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_section_fields()
        for code, text in (current or {}).items():
            self.fields[f"section_{code}"].initial = text


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
        label="Outcome", choices=[("", "No outcome yet"), *AppealOutcome.choices], required=False
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


class PlacementForm(GovukForm):
    setting = forms.ModelChoiceField(
        label="Setting",
        queryset=EducationSetting.objects.order_by("name"),
        required=False,
        empty_label="No setting with a URN",
    )
    setting_code = forms.ChoiceField(
        label="Or a setting code", choices=_blank(SettingCode.choices, "None"), required=False
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


SERVICE_TYPES = "Service types"  # the Local Offer taxonomy of kinds of service


class ServiceChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.organization.name})"


class ProvisionLinkForm(GovukForm):
    section = forms.ChoiceField(
        label="Section of the plan",
        choices=ProvisionSection.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the section of the plan"},
    )
    service = ServiceChoiceField(
        label="Local Offer service",
        queryset=None,
        empty_label="Choose a service",
        help_text="Services that are running, as listed in the Local Offer",
        error_messages={
            "required": "Choose a Local Offer service",
            "invalid_choice": "Choose a service that is running in the Local Offer",
        },
    )
    provision = forms.CharField(
        label="The provision this service delivers",
        max_length=300,
        help_text="As worded in the section, for example: speech and language therapy, "
        "one hour a week in school",
        error_messages={"required": "Enter the provision this service delivers"},
    )

    def __init__(self, *args, **kwargs):
        from local_offer.models import Service, ServiceStatus

        super().__init__(*args, **kwargs)
        field = self.fields["service"]
        field.queryset = Service.objects.filter(status=ServiceStatus.ACTIVE).select_related(
            "organization"
        )
        # A long list, grouped by the kind of service the directory gives it (one of its
        # "Service types" term), so a caseworker finds therapy under Health, and so on.
        kinds = dict(
            field.queryset.filter(
                attributes__taxonomy_term__taxonomy__name=SERVICE_TYPES
            ).values_list("pk", "attributes__taxonomy_term__name")
        )
        groups: dict[str, list] = {}
        for service in field.queryset:
            groups.setdefault(kinds.get(service.pk, "Other services"), []).append(
                (service.pk, field.label_from_instance(service))
            )
        field.choices = [("", field.empty_label)] + sorted(
            groups.items(), key=lambda group: (group[0] == "Other services", group[0])
        )


class ProvisionLinkChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"Section {obj.section}: {obj.service.name} ({obj.provision})"


class ProvisionUnlinkForm(GovukForm):
    link = ProvisionLinkChoiceField(
        label="Link to remove",
        queryset=None,
        widget=forms.RadioSelect,
        empty_label=None,
        error_messages={"required": "Choose the link to remove"},
    )

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["link"].queryset = (
            plan.provision_links.filter(removed_on__isnull=True).select_related("service")
            if plan
            else None
        )
