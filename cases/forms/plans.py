"""The plan: draft, consultation, representations, final and amended plans, ceasing, and the
Local Offer services linked to its provision."""

from django import forms

from core.forms import GovukDateField, GovukForm

from ..models import ProvisionSection
from ..models.codes import PLAN_SECTIONS, CeaseReason
from .common import setting_field


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


class ConsultForm(GovukForm):
    setting = setting_field("Setting consulted", required=True, empty_label="Choose a setting")
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
    requested_setting = setting_field(
        "Setting the family asks to be named", empty_label="None requested"
    )
    personal_budget_requested = forms.BooleanField(
        label="The family asked for a personal budget", required=False
    )


class FinalForm(GovukForm):
    issued_on = GovukDateField(label="Date the final plan was issued")
    named_setting = setting_field("Setting named in Section I", empty_label="Choose a setting")
    personal_budget_taken_up = forms.BooleanField(
        label="Personal budget taken up (Section J)", required=False
    )
    organised_arrangements = forms.BooleanField(label="Organised arrangements", required=False)
    direct_payments = forms.BooleanField(label="Direct payments", required=False)


class AmendedPlanForm(SectionsMixin, GovukForm):
    issued_on = GovukDateField(label="Date the amended plan was issued")
    named_setting = setting_field(
        "Setting named in Section I (if it changes)", empty_label="No change"
    )

    def __init__(self, *args, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.add_section_fields()
        for code, text in (current or {}).items():
            self.fields[f"section_{code}"].initial = text


class CeaseForm(GovukForm):
    ceased_on = GovukDateField(label="Date the plan ceased")
    reason = forms.ChoiceField(
        label="Reason (SEN2)", choices=CeaseReason.choices, widget=forms.RadioSelect
    )


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
        from local_offer.selectors import service_kinds, services_running

        super().__init__(*args, **kwargs)
        field = self.fields["service"]
        field.queryset = services_running()
        # A long list, grouped by the kind of service the directory gives it (one of its
        # "Service types" term), so a caseworker finds therapy under Health, and so on.
        kinds = service_kinds(services=field.queryset)
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
