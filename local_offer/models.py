"""The Local Offer directory, following HSDS 3.0 (Open Referral UK): UUID ids throughout."""

import uuid

from django.core.exceptions import ValidationError
from django.db import models

# A cell starting with one of these runs as a formula in a spreadsheet (CSV injection): the
# exports neutralise it, and a service's name, which people copy around, never starts with one.
SERVICE_NAME_FORMULA = (
    "The service name must not start with =, +, - or @ (a spreadsheet would run it as a formula)"
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def _id():
    return models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)


class Organization(models.Model):
    id = _id()
    name = models.CharField(max_length=200)
    description = models.TextField()
    email = models.EmailField(blank=True)
    website = models.URLField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Taxonomy(models.Model):
    id = _id()
    name = models.CharField(max_length=100)
    description = models.TextField()
    uri = models.URLField(blank=True)
    version = models.CharField(max_length=20, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "taxonomies"

    def __str__(self) -> str:
        return self.name


class TaxonomyTerm(models.Model):
    id = _id()
    taxonomy = models.ForeignKey(Taxonomy, on_delete=models.CASCADE, related_name="terms")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="children"
    )
    code = models.CharField(max_length=40, blank=True)
    name = models.CharField(max_length=100)
    description = models.TextField()

    class Meta:
        ordering = ["taxonomy__name", "name"]

    def __str__(self) -> str:
        return self.name


class ServiceStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    INACTIVE = "inactive", "Inactive"
    DEFUNCT = "defunct", "Defunct"
    TEMPORARILY_CLOSED = "temporarily closed", "Temporarily closed"


class Service(models.Model):
    id = _id()
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="services"
    )
    name = models.CharField(max_length=200)
    description = models.TextField(help_text="What the service offers, in plain English")
    url = models.URLField(blank=True)
    email = models.EmailField(blank=True)
    status = models.CharField(
        max_length=20, choices=ServiceStatus.choices, default=ServiceStatus.ACTIVE
    )
    fees_description = models.TextField(blank=True, help_text="What it costs")
    is_free = models.BooleanField(default=True)
    eligibility_description = models.TextField(blank=True, help_text="Who it is for")
    application_process = models.TextField(blank=True, help_text="How to get it")
    minimum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    maximum_age = models.PositiveSmallIntegerField(null=True, blank=True)
    assured_date = models.DateField(
        null=True, blank=True, help_text="When the details were last checked"
    )
    assurer_email = models.EmailField(blank=True)
    alert = models.CharField(max_length=300, blank=True)
    last_modified = models.DateTimeField(auto_now=True, db_index=True)
    terms = models.ManyToManyField(TaxonomyTerm, through="Attribute", related_name="services")

    class Meta:
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minimum_age__isnull=True)
                | models.Q(maximum_age__isnull=True)
                | models.Q(maximum_age__gte=models.F("minimum_age")),
                name="service_age_range_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        if self.name and self.name.startswith(FORMULA_STARTS):
            raise ValidationError({"name": SERVICE_NAME_FORMULA})
        if (
            self.minimum_age is not None
            and self.maximum_age is not None
            and self.maximum_age < self.minimum_age
        ):
            raise ValidationError(
                {"maximum_age": "The maximum age must be the same as or more than the minimum age"}
            )


class Attribute(models.Model):
    """Links a service to a taxonomy term (HSDS attribute)."""

    id = _id()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="attributes")
    taxonomy_term = models.ForeignKey(TaxonomyTerm, on_delete=models.CASCADE)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "taxonomy_term"], name="one_attribute_per_term"
            )
        ]


class Location(models.Model):
    id = _id()
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    address_1 = models.CharField(max_length=200, blank=True)
    city = models.CharField(max_length=100, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    latitude = models.FloatField(null=True, blank=True)
    longitude = models.FloatField(null=True, blank=True)
    accessibility = models.TextField(
        blank=True, help_text="Step-free access, hearing loop and so on"
    )

    def __str__(self) -> str:
        return self.name


class ServiceAtLocation(models.Model):
    id = _id()
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="service_at_locations"
    )
    location = models.ForeignKey(
        Location, on_delete=models.CASCADE, related_name="service_at_locations"
    )


class Contact(models.Model):
    id = _id()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True)
    email = models.EmailField(blank=True)
    phone = models.CharField(max_length=30, blank=True)


class Schedule(models.Model):
    id = _id()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="schedules")
    description = models.CharField(max_length=300)
    byday = models.CharField(max_length=30, blank=True, help_text="e.g. MO,TU,WE")
    opens_at = models.TimeField(null=True, blank=True)
    closes_at = models.TimeField(null=True, blank=True)


class CostOption(models.Model):
    id = _id()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="cost_options")
    option = models.CharField(max_length=200)
    amount = models.DecimalField(max_digits=8, decimal_places=2, null=True, blank=True)
    amount_description = models.CharField(max_length=200, blank=True)


class ServiceArea(models.Model):
    id = _id()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="service_areas")
    name = models.CharField(max_length=200)


class Language(models.Model):
    id = _id()
    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="languages")
    name = models.CharField(max_length=100)
    code = models.CharField(max_length=10, blank=True)


class Feedback(models.Model):
    """'Was this useful' and 'report a problem', kept for the directory team."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="feedback")
    useful = models.BooleanField(null=True, blank=True)
    problem = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    handled = models.BooleanField(default=False)

    class Meta:
        ordering = ["-created_at"]
