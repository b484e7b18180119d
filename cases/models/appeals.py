"""Mediation and appeals to the First-tier Tribunal (SEND), and tribunal orders (reg 44)."""

from django.db import models
from django.db.models import Case, Q, Value, When

from core.models import TimeStampedModel

from .codes import AppealableDecision, AppealOutcome, TribunalOrderKind
from .fields import optional_link


class AppealStatus(models.TextChoices):
    """Where an appeal stands. Derived by the database from the dates and outcome recorded."""

    DECISION_NOTIFIED = "decision_notified", "Appealable decision notified"
    MEDIATION = "mediation", "Mediation"
    REGISTERED = "registered", "Appeal registered with the tribunal"
    CLOSED = "closed", "Closed"


APPEAL_STATUS = Case(
    When(~Q(outcome=""), then=Value(AppealStatus.CLOSED.value)),
    When(appeal_registered_on__isnull=False, then=Value(AppealStatus.REGISTERED.value)),
    When(mediation_adviser_contacted_on__isnull=False, then=Value(AppealStatus.MEDIATION.value)),
    default=Value(AppealStatus.DECISION_NOTIFIED.value),
    output_field=models.CharField(max_length=20),
)


class Appeal(TimeStampedModel):
    child = models.ForeignKey("cases.Child", on_delete=models.PROTECT, related_name="appeals")
    request = optional_link("cases.AssessmentRequest", related_name="appeals")
    decision_appealed = models.CharField(max_length=20, choices=AppealableDecision.choices)
    decision_notified_on = models.DateField()
    mediation_adviser_contacted_on = models.DateField(null=True, blank=True)
    mediation_wanted = models.BooleanField(null=True, blank=True)
    mediation_certificate_on = models.DateField(null=True, blank=True)
    mediation_held_on = models.DateField(null=True, blank=True)
    appeal_registered_on = models.DateField(null=True, blank=True)
    outcome = models.CharField(max_length=20, choices=AppealOutcome.choices, blank=True)
    outcome_on = models.DateField(null=True, blank=True)
    # Stored due dates.
    mediation_adviser_due_on = models.DateField(null=True, blank=True)
    appeal_due_on = models.DateField(null=True, blank=True)
    status = models.GeneratedField(
        expression=APPEAL_STATUS,
        output_field=models.CharField(max_length=20, choices=AppealStatus.choices),
        db_persist=True,
    )

    class Meta:
        ordering = ["-decision_notified_on"]


class TribunalOrder(TimeStampedModel):
    appeal = models.ForeignKey(Appeal, on_delete=models.PROTECT, related_name="orders")
    kind = models.CharField(max_length=20, choices=TribunalOrderKind.choices)
    order_on = models.DateField(help_text="Date of the order (or the mediation agreement)")
    details = models.TextField(blank=True)
    due_on = models.DateField(db_index=True)
    complied_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["due_on"]
