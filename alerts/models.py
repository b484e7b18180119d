"""Alerts raised by the nightly sweep, the in-app inbox, and the digest guard."""

from django.conf import settings
from django.db import models


class AlertKind(models.TextChoices):
    DEADLINE = "deadline", "Statutory deadline"
    ADVICE = "advice", "Advice overdue: chase the adviser"
    REVIEW_NOTICE = "review_notice", "Annual review coming due: give notice of the meeting"
    PHASE_TRANSFER = "phase_transfer", "Phase-transfer review"
    UNDER_FIVE = "under_five", "Under-5 review"
    TRIBUNAL_ORDER = "tribunal_order", "Tribunal order"
    # Escalations to the managers of the case's team (sweep_escalate).
    ESCALATED_OVERDUE = "escalated_overdue", "Escalated: statutory step long overdue"
    UNALLOCATED = "unallocated", "Escalated: no caseworker allocated"


class Threshold(models.TextChoices):
    DUE_2_WEEKS = "due_2_weeks", "Due within 2 weeks"
    DUE_1_WEEK = "due_1_week", "Due within 1 week"
    DUE_TODAY = "due_today", "Due today"
    OVERDUE = "overdue", "Overdue"
    REMINDER = "reminder", "Reminder"
    ESCALATED = "escalated", "Escalated to you"


class Alert(models.Model):
    """One alert per case, step, threshold and due date, however often the sweep runs. It names
    the case by reference and the step by title: never a child's name or details."""

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="alerts"
    )
    child = models.ForeignKey("cases.Child", on_delete=models.CASCADE, related_name="alerts")
    # A step that no longer applies loses its stored deadline; its alerts are closed first and
    # kept (deadlines_refresh), so the inbox and the partner feed show them closed.
    deadline = models.ForeignKey(
        "cases.StatutoryDeadline",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="alerts",
    )
    review = models.ForeignKey(
        "cases.AnnualReview", null=True, blank=True, on_delete=models.CASCADE, related_name="alerts"
    )
    kind = models.CharField(max_length=20, choices=AlertKind.choices)
    key = models.CharField(max_length=80, help_text="The case step the alert is about")
    threshold = models.CharField(max_length=20, choices=Threshold.choices)
    due_on = models.DateField()
    title = models.CharField(max_length=200)
    created_on = models.DateField(db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True, db_index=True)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["child", "key", "threshold", "due_on"], name="one_alert_per_step_threshold"
            )
        ]
        indexes = [models.Index(fields=["recipient", "closed_at", "read_at"])]


class SweepRun(models.Model):
    """A record of each sweep: when, for which day, what it did."""

    for_date = models.DateField()
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-started_at"]


class DigestSent(models.Model):
    """Each daily email goes once: a second run the same day sends nothing."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    on = models.DateField()
    kind = models.CharField(max_length=20)  # caseworker digest or manager summary

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["recipient", "on", "kind"], name="one_digest_a_day")
        ]
