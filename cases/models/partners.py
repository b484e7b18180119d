"""Partner organisations (health trusts, social care, schools, council systems)."""

from django.db import models

from core.models import TimeStampedModel

from .fields import optional_link


class PartnerKind(models.TextChoices):
    HEALTH = "health", "Health trust"
    SOCIAL_CARE = "social_care", "Social care"
    SCHOOL = "school", "School or college"
    COUNCIL = "council", "Council system"


class PartnerOrganisation(TimeStampedModel):
    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=PartnerKind.choices)
    setting = optional_link(
        "cases.EducationSetting", one=True, help_text="For a school or college: the setting it is"
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
