"""Stored report data: the daily timeliness snapshots behind the trend chart, and SEN2 returns
generated in the background with their files and validation findings."""

from django.conf import settings
from django.db import models
from django.db.models import Q


class TimelinessSnapshot(models.Model):
    """The 20-week measure as it stood on one day, for one team (or the whole service when
    `team` is empty): counts, not percentages, so teams add up and any scope can be charted.

    Rolling 12 months ending `taken_on`, and the calendar year to date."""

    taken_on = models.DateField(db_index=True)
    team = models.ForeignKey(
        "accounts.Team", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    plans_issued = models.PositiveIntegerField(default=0)
    within_20_weeks = models.PositiveIntegerField(default=0)
    plans_issued_excluding_exceptions = models.PositiveIntegerField(default=0)
    within_20_weeks_excluding_exceptions = models.PositiveIntegerField(default=0)
    year_plans_issued = models.PositiveIntegerField(default=0)
    year_within_20_weeks = models.PositiveIntegerField(default=0)
    # Worked out afterwards from the plans on record (the trend's past months, back-filled when
    # it starts), not taken on the night.
    backfilled = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-taken_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["taken_on", "team"],
                name="one_snapshot_per_team_per_day",
            ),
            models.UniqueConstraint(
                fields=["taken_on"],
                condition=Q(team__isnull=True),
                name="one_service_snapshot_per_day",
            ),
        ]

    def __str__(self) -> str:
        return f"Timeliness on {self.taken_on:%-d %B %Y}"


class Sen2Status(models.TextChoices):
    QUEUED = "queued", "Waiting to start"
    RUNNING = "running", "Being generated"
    COMPLETE = "complete", "Ready"
    FAILED = "failed", "Failed"


class PostHolder(models.TextChoices):
    """SEN2 header: is a designated officer in post?"""

    YES = "Yes", "Yes"
    NO = "No", "No"
    RECRUITING = "Recruiting", "Recruiting"


class Sen2Return(models.Model):
    """One generation of the SEN2 return for a census date: progress while it runs, then the
    XML (COLLECT structure), a zip of one CSV per module, and the validation findings."""

    census_date = models.DateField()
    status = models.CharField(max_length=10, choices=Sen2Status.choices, default=Sen2Status.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent done")
    stage = models.CharField(max_length=100, blank=True, help_text="What it is doing now")
    dmo_in_post = models.CharField(
        "Designated medical officer in post", max_length=10, choices=PostHolder.choices
    )
    dco_in_post = models.CharField(
        "Designated clinical officer in post", max_length=10, choices=PostHolder.choices
    )
    dsco_in_post = models.CharField(
        "Designated social care officer in post", max_length=10, choices=PostHolder.choices
    )
    xml_file = models.FileField(upload_to="sen2/", blank=True)
    csv_file = models.FileField(upload_to="sen2/", blank=True)
    findings = models.JSONField(default=list, blank=True)
    counts = models.JSONField(default=dict, blank=True, help_text="Records in each module")
    error = models.CharField(max_length=300, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    # When the broker took the job; empty while it has not (the broker was down): the periodic
    # `reporting.tasks.resume_sen2_returns` sends it again.
    enqueued_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = "SEN2 return"

    def __str__(self) -> str:
        return f"SEN2 return, census date {self.census_date:%-d %B %Y}"

    @property
    def is_finished(self) -> bool:
        return self.status in (Sen2Status.COMPLETE, Sen2Status.FAILED)

    @property
    def is_ready(self) -> bool:
        """Generated and with no blocking errors: ready to submit to COLLECT."""
        return self.status == Sen2Status.COMPLETE and self.error_count == 0

    @property
    def status_text(self) -> str:
        if self.status != Sen2Status.COMPLETE:
            return self.get_status_display()
        if self.error_count:
            errors = f"{self.error_count} error{'s' if self.error_count != 1 else ''}"
            return f"Not ready: {errors} to correct"
        return "Ready to submit"

    @property
    def error_count(self) -> int:
        return sum(1 for f in self.findings if f.get("severity") == "error")

    @property
    def warning_count(self) -> int:
        return sum(1 for f in self.findings if f.get("severity") == "warning")
