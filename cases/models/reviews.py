"""Annual reviews (CFA s44, regs 18-22) and phase-transfer reviews (SEN2 module 5a)."""

from django.db import models
from django.db.models import Case, Q, Value, When

from core.models import TimeStampedModel

from .codes import PhaseTransfer, ReviewDecision, ReviewKind


class ReviewStatus(models.TextChoices):
    """Where a review stands. Derived by the database from the dates recorded (one truth: no
    writer, bulk loaders included, can leave it behind its facts)."""

    SCHEDULED = "scheduled", "Scheduled"
    MEETING_HELD = "meeting_held", "Meeting held"
    AMENDING = "amending", "Decided to amend: amended plan to issue"
    COMPLETED = "completed", "Completed"


REVIEW_STATUS = Case(
    When(Q(decision="", meeting_on__isnull=True), then=Value(ReviewStatus.SCHEDULED.value)),
    When(decision="", then=Value(ReviewStatus.MEETING_HELD.value)),
    When(
        Q(decision=ReviewDecision.AMEND.value, amended_plan_issued_on__isnull=True),
        then=Value(ReviewStatus.AMENDING.value),
    ),
    default=Value(ReviewStatus.COMPLETED.value),
    output_field=models.CharField(max_length=20),
)


class AnnualReview(TimeStampedModel):
    plan = models.ForeignKey("cases.EHCPlan", on_delete=models.PROTECT, related_name="reviews")
    kind = models.CharField(max_length=20, choices=ReviewKind.choices, default=ReviewKind.ANNUAL)
    phase_transfer = models.CharField(max_length=20, choices=PhaseTransfer.choices, blank=True)
    transfer_year = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Calendar year of the move"
    )
    due_on = models.DateField(db_index=True, help_text="Review to be completed by")
    phase_transfer_due_on = models.DateField(null=True, blank=True, db_index=True)
    notice_sent_on = models.DateField(null=True, blank=True)
    papers_sent_on = models.DateField(null=True, blank=True)
    meeting_on = models.DateField(null=True, blank=True)
    report_sent_on = models.DateField(null=True, blank=True)
    decision = models.CharField(max_length=1, choices=ReviewDecision.choices, blank=True)
    decision_notified_on = models.DateField(null=True, blank=True)
    proposed_amendments_sent_on = models.DateField(null=True, blank=True)
    amended_plan_issued_on = models.DateField(null=True, blank=True)
    preparing_for_adulthood = models.BooleanField(
        default=False, help_text="Year 9 or above: the review considers preparing for adulthood"
    )
    # Stored due dates, kept current by the services.
    report_due_on = models.DateField(null=True, blank=True)
    decision_due_on = models.DateField(null=True, blank=True, db_index=True)
    amended_plan_due_on = models.DateField(null=True, blank=True)
    # True once the review decision is notified (whatever the decision): the review is no longer
    # the plan's open review.
    completed = models.BooleanField(default=False, db_index=True)
    status = models.GeneratedField(
        expression=REVIEW_STATUS,
        output_field=models.CharField(max_length=20, choices=ReviewStatus.choices),
        db_persist=True,
    )

    class Meta:
        ordering = ["-due_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision_notified_on__isnull=True)
                | Q(meeting_on__isnull=False, decision_notified_on__gte=models.F("meeting_on")),
                name="review_decided_after_meeting",
            ),
        ]
