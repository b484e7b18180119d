"""The administrators' record: every change made on the set-up pages (staff, teams, panel types,
partner API clients, the council's settings), with who made it and when."""

from django.db import models

from core.models import staff_reference


class Area(models.TextChoices):
    STAFF = "staff", "Staff"
    TEAM = "team", "Team"
    PANEL_TYPE = "panel_type", "Panel type"
    API_CLIENT = "api_client", "Partner API client"
    COUNCIL = "council", "Council settings"


class AdministrationChange(models.Model):
    """One change, written by the service that made it, in the same transaction."""

    area = models.CharField(max_length=20, choices=Area.choices)
    target_id = models.CharField(max_length=64, help_text="The changed record's id")
    target_label = models.CharField(max_length=200, help_text="Its name when it was changed")
    summary = models.CharField(max_length=500)
    by = staff_reference(help_text="Empty when made with a management command on the server")
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["area", "target_id", "-at"], name="admin_change_target")]

    def __str__(self) -> str:
        return f"{self.get_area_display()} {self.target_label}: {self.summary}"
