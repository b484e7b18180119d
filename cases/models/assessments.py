"""Requests for an EHC needs assessment (SEN2 modules 2 and 3), advice, the draft plan's
consultation and representations, and permitted exceptions."""

from django.db import models
from django.db.models import Case, Q, Value, When

from core.models import TimeStampedModel

from .codes import AdviserType, AssessmentOutcome, ExceptionReason, RequestOutcome, RequestSource
from .fields import optional_link


class RequestStatus(models.TextChoices):
    AWAITING_DECISION = "awaiting_decision", "Awaiting decision to assess"
    ASSESSING = "assessing", "Assessing"
    DRAFT_ISSUED = "draft_issued", "Draft plan issued"
    PLAN_ISSUED = "plan_issued", "Final plan issued"
    NOT_ASSESSED = "not_assessed", "Decided not to assess"
    NOT_ISSUED = "not_issued", "Decided not to issue a plan"
    WITHDRAWN = "withdrawn", "Withdrawn"


OPEN_REQUEST_STATUSES = (
    RequestStatus.AWAITING_DECISION,
    RequestStatus.ASSESSING,
    RequestStatus.DRAFT_ISSUED,
)


class AssessmentRequest(TimeStampedModel):
    """A request for an EHC needs assessment (or re-assessment), and the assessment that follows.

    The clock starts on `received_on`: receipt of the request (CFA s36(1)) or the date the council
    became responsible for the child (CFA s24). Due dates are stored, kept current by the services
    from the statutory clock, so a whole caseload's deadlines are a query.
    """

    child = models.ForeignKey("cases.Child", on_delete=models.PROTECT, related_name="requests")
    received_on = models.DateField(db_index=True)
    source = models.CharField(max_length=1, choices=RequestSource.choices)
    council_became_responsible = models.BooleanField(
        default=False, help_text="The clock started when the council became responsible (CFA s24)"
    )
    youth_custody = models.BooleanField("Made in youth custody", default=False)
    is_reassessment = models.BooleanField(default=False)
    reassessed_plan = optional_link(
        "cases.EHCPlan",
        related_name="reassessments",
        help_text="For a re-assessment: the plan in force when it was asked for",
    )
    status = models.CharField(
        max_length=20, choices=RequestStatus.choices, default=RequestStatus.AWAITING_DECISION
    )
    # Decision whether to assess (reg 5; reg 25 for a re-assessment).
    decided_to_assess = models.BooleanField(null=True, blank=True)
    decision_on = models.DateField(null=True, blank=True)
    # Decision whether to issue a plan after assessing (reg 10 not to issue; reg 13 issue).
    decided_to_issue = models.BooleanField(null=True, blank=True)
    not_to_issue_on = models.DateField(null=True, blank=True)
    draft_served_on = models.DateField(null=True, blank=True)
    final_issued_on = models.DateField(null=True, blank=True, db_index=True)
    withdrawn_on = models.DateField(null=True, blank=True)
    withdrawal_reason = models.CharField(max_length=200, blank=True)
    exported = models.BooleanField(
        default=False, help_text="Moved away before the assessment finished (SEN2)"
    )
    # Stored due dates, kept current by the services.
    decision_due_on = models.DateField(null=True, blank=True, db_index=True)
    not_to_issue_due_on = models.DateField(null=True, blank=True)
    comments_end_on = models.DateField(null=True, blank=True)
    final_plan_due_on = models.DateField(null=True, blank=True, db_index=True)
    # SEN2 Week20: 1 where any permitted exception applied at any stage.
    exception_applied = models.BooleanField(default=False)

    class Meta:
        ordering = ["-received_on"]
        indexes = [models.Index(fields=["status", "final_plan_due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(decision_on__isnull=True) | Q(decision_on__gte=models.F("received_on")),
                name="request_decided_after_received",
            ),
            models.CheckConstraint(
                condition=Q(final_issued_on__isnull=True)
                | Q(
                    draft_served_on__isnull=False, final_issued_on__gte=models.F("draft_served_on")
                ),
                name="request_final_after_draft",
            ),
        ]

    def __str__(self) -> str:
        kind = "Re-assessment request" if self.is_reassessment else "Request"
        return f"{kind} received {self.received_on:%-d %B %Y}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_REQUEST_STATUSES

    @property
    def request_outcome(self) -> str:
        """SEN2 module 2 request outcome (Y/N/A/W)."""
        if self.decided_to_assess is True:
            return RequestOutcome.ASSESSED
        if self.decided_to_assess is False:
            return RequestOutcome.NOT_ASSESSED
        if self.withdrawn_on:
            return RequestOutcome.WITHDRAWN
        return RequestOutcome.NOT_DECIDED

    @property
    def assessment_outcome(self) -> str | None:
        """SEN2 module 3 assessment outcome (Y/N/A/W), for assessed requests only."""
        if self.decided_to_assess is not True:
            return None
        if self.final_issued_on:
            return AssessmentOutcome.PLAN_ISSUED
        if self.not_to_issue_on:
            return AssessmentOutcome.NOT_ISSUED
        if self.withdrawn_on:
            return AssessmentOutcome.WITHDRAWN
        return AssessmentOutcome.NOT_DECIDED

    @staticmethod
    def request_outcome_expression():
        """The SEN2 request outcome as a database expression, for reports over many requests."""
        return Case(
            When(decided_to_assess=True, then=Value(RequestOutcome.ASSESSED.value)),
            When(decided_to_assess=False, then=Value(RequestOutcome.NOT_ASSESSED.value)),
            When(withdrawn_on__isnull=False, then=Value(RequestOutcome.WITHDRAWN.value)),
            default=Value(RequestOutcome.NOT_DECIDED.value),
            output_field=models.CharField(),
        )


class AdviceRequest(TimeStampedModel):
    """A request for advice (reg 6); the adviser must respond within 6 weeks of receiving it (reg 8)."""

    request = models.ForeignKey(AssessmentRequest, on_delete=models.CASCADE, related_name="advice")
    adviser_type = models.CharField(max_length=30, choices=AdviserType.choices)
    adviser = models.CharField(max_length=200, help_text="Person or organisation asked")
    partner = optional_link(
        "cases.PartnerOrganisation", on_delete=models.SET_NULL, related_name="advice_requests"
    )
    sent_on = models.DateField()
    received_by_adviser_on = models.DateField(null=True, blank=True)
    returned_on = models.DateField(null=True, blank=True)
    due_on = models.DateField(null=True, blank=True, db_index=True)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["sent_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(received_by_adviser_on__isnull=True)
                | Q(received_by_adviser_on__gte=models.F("sent_on")),
                name="advice_received_after_sent",
            ),
        ]


class SettingResponse(models.TextChoices):
    AWAITING = "awaiting", "Awaiting response"
    AGREES = "agrees", "Agrees it can meet the needs"
    DECLINES = "declines", "Says it cannot meet the needs"


class SettingConsultation(TimeStampedModel):
    """A setting consulted on the draft plan about being named in Section I."""

    request = models.ForeignKey(
        AssessmentRequest, on_delete=models.CASCADE, related_name="consultations"
    )
    setting = models.ForeignKey("cases.EducationSetting", on_delete=models.PROTECT)
    consulted_on = models.DateField()
    response = models.CharField(
        max_length=10, choices=SettingResponse.choices, default=SettingResponse.AWAITING
    )
    responded_on = models.DateField(null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["consulted_on", "pk"]


class Representation(TimeStampedModel):
    """The family's representations on the draft plan and the setting they ask to be named."""

    request = models.ForeignKey(
        AssessmentRequest, on_delete=models.CASCADE, related_name="representations"
    )
    received_on = models.DateField()
    summary = models.TextField()
    requested_setting = models.ForeignKey(
        "cases.EducationSetting", null=True, blank=True, on_delete=models.PROTECT
    )
    personal_budget_requested = models.BooleanField(default=False)

    class Meta:
        ordering = ["received_on", "pk"]


class ExceptionStage(models.TextChoices):
    DECISION_TO_ASSESS = "decision_to_assess", "Decision whether to assess (6 weeks)"
    ADVICE = "advice", "Advice (6 weeks)"
    NOT_TO_ISSUE = "not_to_issue", "Decision not to issue (16 weeks)"
    FINAL_PLAN = "final_plan", "Final plan (20 weeks)"
    REASSESSMENT_PLAN = "reassessment_plan", "Re-assessment plan (14 weeks)"


class StatutoryException(TimeStampedModel):
    """A permitted exception (reg 10(4)(a)-(d), or an adviser's reg 8(2) exception).

    It lifts the obligation to meet that limit; it never restarts, pauses or moves the clock.
    """

    request = models.ForeignKey(
        AssessmentRequest, on_delete=models.CASCADE, related_name="exceptions"
    )
    advice = models.ForeignKey(
        AdviceRequest, null=True, blank=True, on_delete=models.CASCADE, related_name="exceptions"
    )
    stage = models.CharField(max_length=20, choices=ExceptionStage.choices)
    reason = models.CharField(max_length=30, choices=ExceptionReason.choices)
    starts_on = models.DateField()
    ends_on = models.DateField()
    closure_starts_on = models.DateField(null=True, blank=True)
    closure_ends_on = models.DateField(null=True, blank=True)
    evidence = models.TextField()
    family_told_on = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["starts_on", "pk"]
