"""EHC plans (SEN2 modules 4a and 4b) and their versions, each issued version kept unchanged."""

from django.core.exceptions import ValidationError
from django.db import models

from core.models import TimeStampedModel

from .codes import CeaseReason, SettingCode
from .fields import optional_link


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    IN_FORCE = "in_force", "In force"
    CEASED = "ceased", "Ceased"


class EHCPlan(TimeStampedModel):
    """A child's EHC plan. Its content lives in versions; the latest issued one is in force."""

    child = models.ForeignKey("cases.Child", on_delete=models.PROTECT, related_name="plans")
    request = optional_link(
        "cases.AssessmentRequest",
        one=True,
        related_name="plan",
        help_text="The request whose assessment led to the plan (empty if transferred in)",
    )
    status = models.CharField(max_length=10, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    first_issued_on = models.DateField(null=True, blank=True, db_index=True)
    transferred_in = models.BooleanField(default=False)
    residential = models.BooleanField(default=False)
    work_based_learning = models.BooleanField(default=False)
    named_setting = optional_link("cases.EducationSetting", related_name="named_in_plans")
    named_setting_code = models.CharField(max_length=4, choices=SettingCode.choices, blank=True)
    personal_budget_taken_up = models.BooleanField(default=False)
    organised_arrangements = models.BooleanField(default=False)
    direct_payments = models.BooleanField(default=False)
    ceased_on = models.DateField(null=True, blank=True)
    cease_reason = models.CharField(max_length=1, choices=CeaseReason.choices, blank=True)
    # The annual review cycle: the next review must be completed by this date.
    next_review_due_on = models.DateField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["-first_issued_on"]
        verbose_name = "EHC plan"
        indexes = [models.Index(fields=["status", "next_review_due_on"])]

    def __str__(self) -> str:
        return f"EHC plan for {self.child.reference}"


class VersionKind(models.TextChoices):
    DRAFT = "draft", "Draft plan"
    FINAL = "final", "Final plan"
    PROPOSED_AMENDMENTS = "proposed", "Proposed amendments"
    AMENDED = "amended", "Amended plan"

    @classmethod
    def issued(cls) -> tuple[str, str]:
        return (cls.FINAL, cls.AMENDED)


class PlanVersion(models.Model):
    """One version of a plan's sections A-K. Written once; never changed afterwards."""

    plan = models.ForeignKey(EHCPlan, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(help_text="1 for the draft, then each version in turn")
    kind = models.CharField(max_length=10, choices=VersionKind.choices)
    issued_on = models.DateField()
    sections = models.JSONField(help_text="Section code (A-K) to its text")
    named_setting = optional_link("cases.EducationSetting", related_name="+")
    named_setting_code = models.CharField(max_length=4, choices=SettingCode.choices, blank=True)
    personal_budget_taken_up = models.BooleanField(default=False)
    organised_arrangements = models.BooleanField(default=False)
    direct_payments = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        "accounts.User", null=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["plan", "number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="one_plan_version_number")
        ]

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("A plan version cannot be changed once written.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("A plan version cannot be deleted.")

    @property
    def is_issued(self) -> bool:
        return self.kind in VersionKind.issued()


class ProvisionSection(models.TextChoices):
    """The plan sections that set out provision a Local Offer service can deliver."""

    F = "F", "F: special educational provision"
    G = "G", "G: health provision"
    H1 = "H1", "H1: social care provision (section 2 CSDPA 1970)"
    H2 = "H2", "H2: other social care provision"


class ProvisionLink(TimeStampedModel):
    """A Local Offer service that delivers provision set out in a plan: a link, not a copy.

    The service's details stay in the Local Offer (so a change there shows here). Links are
    never deleted: removing one records when and by whom, so the plan's history shows which
    services were linked while each version was in force."""

    plan = models.ForeignKey(EHCPlan, on_delete=models.PROTECT, related_name="provision_links")
    section = models.CharField(max_length=2, choices=ProvisionSection.choices)
    service = models.ForeignKey(
        "local_offer.Service", on_delete=models.PROTECT, related_name="plan_provision_links"
    )
    provision = models.CharField(
        max_length=300, help_text="The provision in the section that this service delivers"
    )
    linked_on = models.DateField()
    removed_on = models.DateField(null=True, blank=True)
    removed_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["section", "linked_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "section", "service"],
                condition=models.Q(removed_on__isnull=True),
                name="one_current_link_per_service_and_section",
            ),
            models.CheckConstraint(
                condition=models.Q(removed_on__isnull=True)
                | models.Q(removed_on__gte=models.F("linked_on")),
                name="provision_link_removed_after_linked",
            ),
        ]

    def __str__(self) -> str:
        return f"Section {self.section}: {self.provision}"
