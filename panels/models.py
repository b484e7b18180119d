"""Multi-agency panels: types with their decision options and quorum, meetings, members,
agendas, conflicts of interest and decisions."""

from django.conf import settings
from django.db import models


class PanelKind(models.TextChoices):
    ASSESS = "assess", "Decision to assess"
    ISSUE = "issue", "Decision to issue a plan (provision and funding band)"
    PLACEMENT = "placement", "Placement"
    CEASE = "cease", "Cease to maintain"
    OTHER = "other", "Other"


class Option(models.TextChoices):
    AGREE_TO_ASSESS = "agree_to_assess", "Agree to assess"
    REFUSE_TO_ASSESS = "refuse_to_assess", "Refuse to assess"
    ISSUE_PLAN = "issue_plan", "Issue a plan"
    REFUSE_TO_ISSUE = "refuse_to_issue", "Do not issue a plan"
    AGREE_PLACEMENT = "agree_placement", "Agree the placement"
    REFUSE_PLACEMENT = "refuse_placement", "Do not agree the placement"
    CEASE = "cease", "Cease to maintain the plan"
    CONTINUE = "continue", "Continue to maintain the plan"
    NOTE = "note", "Noted, no decision needed"


OPTIONS_BY_KIND = {
    PanelKind.ASSESS: (Option.AGREE_TO_ASSESS, Option.REFUSE_TO_ASSESS),
    PanelKind.ISSUE: (Option.ISSUE_PLAN, Option.REFUSE_TO_ISSUE),
    PanelKind.PLACEMENT: (Option.AGREE_PLACEMENT, Option.REFUSE_PLACEMENT),
    PanelKind.CEASE: (Option.CEASE, Option.CONTINUE),
    PanelKind.OTHER: (Option.NOTE,),
}
# Decisions the family can appeal (CFA s51).
APPEALABLE = (Option.REFUSE_TO_ASSESS, Option.REFUSE_TO_ISSUE, Option.CEASE)


class ProfessionalRole(models.TextChoices):
    SEN = "sen", "SEN officer"
    EDUCATIONAL_PSYCHOLOGY = "ep", "Educational psychologist"
    HEALTH = "health", "Health (designated medical or clinical officer)"
    SOCIAL_CARE = "social_care", "Social care"
    SCHOOL = "school", "School representative"


class PanelType(models.Model):
    name = models.CharField(max_length=100)
    kind = models.CharField(max_length=20, choices=PanelKind.choices)
    quorum_minimum = models.PositiveSmallIntegerField(
        default=3, help_text="Members who must take part"
    )
    quorum_roles = models.JSONField(
        default=list, blank=True, help_text="Professional roles that must take part"
    )

    def __str__(self) -> str:
        return self.name

    @property
    def options(self) -> tuple[str, ...]:
        return OPTIONS_BY_KIND[self.kind]


class Meeting(models.Model):
    panel_type = models.ForeignKey(PanelType, on_delete=models.PROTECT, related_name="meetings")
    held_on = models.DateField()
    chair = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="chaired_meetings"
    )

    class Meta:
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.panel_type} on {self.held_on:%-d %B %Y}"


class MeetingChange(models.Model):
    """Who arranged the meeting, changed its members or recorded attendance, and when:
    membership opens the papers of every case on the agenda, so each change is attributable."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="changes")
    summary = models.CharField(max_length=300)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]


class Membership(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="panel_memberships"
    )
    professional_role = models.CharField(max_length=20, choices=ProfessionalRole.choices)
    attended = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "user"], name="one_membership_per_meeting")
        ]


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    child = models.ForeignKey("cases.Child", on_delete=models.PROTECT, related_name="panel_items")
    request = models.ForeignKey(
        "cases.AssessmentRequest", null=True, blank=True, on_delete=models.PROTECT
    )
    summary = models.TextField(help_text="The case summary for the panel")
    deadline_before_meeting = models.BooleanField(default=False)
    is_open = models.BooleanField(default=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["meeting", "child"], name="case_once_per_meeting")
        ]


class Conflict(models.Model):
    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="conflicts")
    member = models.ForeignKey(Membership, on_delete=models.CASCADE)
    declared_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="one_conflict_per_member_item")
        ]


class Decision(models.Model):
    item = models.OneToOneField(AgendaItem, on_delete=models.PROTECT, related_name="decision")
    option = models.CharField(max_length=30, choices=Option.choices)
    reasons = models.TextField()
    conditions = models.TextField(blank=True)
    funding_band = models.CharField(max_length=20, blank=True)
    setting = models.ForeignKey(
        "cases.EducationSetting", null=True, blank=True, on_delete=models.PROTECT
    )
    dissent = models.TextField(blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
