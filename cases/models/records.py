"""What happened on a case, who looked at it, and every statutory deadline, stored."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from ..timescales import OPEN_STATES, STATE_LABELS, State

NOTE_MAX_LENGTH = 10_000
NOTE_TOO_LONG = "The note must be 10,000 characters or fewer"


class CaseNote(models.Model):
    child = models.ForeignKey("cases.Child", on_delete=models.CASCADE, related_name="notes")
    text = models.TextField()
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def clean(self) -> None:
        # A note is a note: a few pages at most, not a pasted document of megabytes.
        if len(self.text or "") > NOTE_MAX_LENGTH:
            raise ValidationError({"text": [NOTE_TOO_LONG]})


class TimelineEvent(models.Model):
    """One event per thing that happened, written by the service that did it (actor, verb,
    target, payload). The case's history is a query over these."""

    child = models.ForeignKey("cases.Child", on_delete=models.CASCADE, related_name="timeline")
    verb = models.CharField(max_length=60)
    summary = models.CharField(max_length=300)
    happened_on = models.DateField(help_text="The date of the step itself")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True, help_text="A partner system, etc.")
    target_type = models.CharField(max_length=60, blank=True)
    target_id = models.PositiveBigIntegerField(null=True, blank=True)
    payload = models.JSONField(default=dict, blank=True, help_text="What changed: before and after")
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-happened_on", "-created_at", "-pk"]
        indexes = [models.Index(fields=["child", "-happened_on"])]


class RecordAccess(models.Model):
    """Each view of a child's record: who, when, which record, through which channel."""

    class Channel(models.TextChoices):
        BROWSER = "browser", "Browser"
        API = "api", "API"
        PANEL = "panel", "Panel"

    child = models.ForeignKey("cases.Child", on_delete=models.CASCADE, related_name="accesses")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    client_label = models.CharField(max_length=200, blank=True)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    what = models.CharField(max_length=60, help_text="The page or resource read")
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["child", "-at"])]


# The clock's states (`timescales.State`) as model choices: one list of states, not two.
DeadlineState = models.TextChoices(
    "DeadlineState",
    [(state.name, (state.value, STATE_LABELS[state].capitalize())) for state in State],
)
OPEN_DEADLINE_STATES = OPEN_STATES


class StatutoryDeadline(models.Model):
    """A statutory step's deadline as the clock computed it, stored per case so that caseloads,
    alerts and reports are queries. Written by `cases.services.deadlines`; states are brought up
    to date each night in one set-based pass."""

    child = models.ForeignKey("cases.Child", on_delete=models.CASCADE, related_name="deadlines")
    key = models.CharField(max_length=60)
    stage = models.CharField(max_length=60)
    rule = models.CharField(max_length=40)
    title = models.CharField(max_length=200)
    explanation = models.TextField()
    trigger_on = models.DateField()
    due_on = models.DateField(db_index=True)
    done_on = models.DateField(null=True, blank=True)
    state = models.CharField(max_length=20, choices=DeadlineState.choices, db_index=True)
    exception_applied = models.BooleanField(default=False)
    statutory = models.BooleanField(default=True)
    is_open = models.BooleanField(default=True, help_text="Not done and still applicable")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["due_on"]
        constraints = [
            models.UniqueConstraint(fields=["child", "key"], name="one_deadline_per_case_step")
        ]
        indexes = [
            models.Index(fields=["is_open", "due_on"]),
            # A child's next open step (the children list, the case page): straight to it.
            models.Index(
                fields=["child", "due_on"], condition=Q(is_open=True), name="open_step_of_child"
            ),
            # The nightly sweep looks at the steps changed since its last run.
            models.Index(fields=["updated_at"]),
        ]
