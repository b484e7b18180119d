from django import forms
from django.utils import timezone

from core.forms import DATE_INCOMPLETE, GovukDateField, GovukForm, GovukModelForm

from .models import Service, ServiceStatus, TaxonomyTerm

ASSURED_IN_FUTURE = "The date the details were checked must be today or in the past"


class SearchForm(GovukForm):
    q = forms.CharField(label="What are you looking for?", required=False, max_length=100)
    need = forms.ModelChoiceField(
        label="Need or type of service",
        queryset=TaxonomyTerm.objects.select_related("taxonomy"),
        required=False,
        empty_label="Any",
    )
    age = forms.IntegerField(
        label="Age of the child or young person",
        required=False,
        min_value=0,
        max_value=25,
        error_messages={
            "min_value": "Enter an age from 0 to 25",
            "max_value": "Enter an age from 0 to 25",
            "invalid": "Enter an age as a number, like 8",
        },
    )
    postcode = forms.CharField(
        label="Postcode or area",
        required=False,
        max_length=8,
        help_text="For example, PE1 1XX or PE1",
    )
    free_only = forms.BooleanField(label="Only free services", required=False)

    def clean_postcode(self):
        from .postcodes import district_centroid

        postcode = self.cleaned_data["postcode"].strip()
        if postcode and district_centroid(postcode) is None:
            raise forms.ValidationError("Enter a postcode in the council's area, like PE1 1XX")
        return postcode


class FeedbackForm(GovukForm):
    useful = forms.ChoiceField(
        label="Was this information useful?",
        choices=[("yes", "Yes"), ("no", "No")],
        widget=forms.RadioSelect(attrs={"inline": True}),
        required=False,
    )
    problem = forms.CharField(
        label="Report a problem with this page (optional)",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text="Do not include personal details",
    )


class DirectorySearchForm(GovukForm):
    q = forms.CharField(
        label="Find a service",
        required=False,
        max_length=100,
        help_text="Words in its name, description or organisation",
    )
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[("", "Any"), *ServiceStatus.choices],
        widget=forms.RadioSelect,
    )


class ServiceForm(GovukModelForm):
    assured_date = GovukDateField(
        label="Date the details were checked",
        required=False,
        help_text="For example, 16 5 2026",
        # An optional date left part-filled is reported by its parts, not by compress().
        error_messages={
            "incomplete": DATE_INCOMPLETE.format(label="Date the details were checked")
        },
    )
    url = forms.URLField(
        label="Website",
        required=False,
        max_length=200,
        assume_scheme="https",
        error_messages={
            "invalid": "Enter a website address in the correct format, like https://www.example.org"
        },
    )
    terms = forms.ModelMultipleChoiceField(
        label="Needs and service types",
        queryset=TaxonomyTerm.objects.select_related("taxonomy"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Service
        fields = [
            "organization",
            "name",
            "description",
            "status",
            "url",
            "email",
            "eligibility_description",
            "application_process",
            "fees_description",
            "is_free",
            "minimum_age",
            "maximum_age",
            "assured_date",
            "assurer_email",
            "alert",
        ]
        labels = {"is_free": "The service is free"}
        widgets = {"status": forms.RadioSelect}
        error_messages = {
            "name": {"required": "Enter the name of the service"},
            "description": {"required": "Enter what the service offers"},
            "email": {
                "invalid": "Enter an email address in the correct format, like name@example.com"
            },
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["terms"].initial = list(self.instance.terms.all())

    def clean_assured_date(self):
        checked = self.cleaned_data["assured_date"]
        if checked and checked > timezone.localdate():
            raise forms.ValidationError(ASSURED_IN_FUTURE)
        return checked
