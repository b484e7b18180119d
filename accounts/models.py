from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models

from . import roles


class TimeStampedModel(models.Model):
    """Created/modified at and by on every table (who, when)."""

    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    modified_at = models.DateTimeField(auto_now=True, db_index=True)
    created_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    modified_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        abstract = True


class Team(models.Model):
    """A SEND casework team (e.g. an area or an age phase). Managers see their teams' cases."""

    name = models.CharField(max_length=100, unique=True)
    managers = models.ManyToManyField("accounts.User", blank=True, related_name="managed_teams")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A member of staff. Roles are groups (see accounts.roles); a caseworker belongs to a team."""

    team = models.ForeignKey(
        Team, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    job_title = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["last_name", "first_name"]

    @cached_property
    def role_names(self) -> frozenset[str]:
        if not self.is_active:
            return frozenset()
        return frozenset(self.groups.values_list("name", flat=True))

    def has_role(self, *names: str) -> bool:
        return bool(self.role_names.intersection(names))

    @property
    def role_labels(self) -> list[str]:
        return [roles.LABELS[name] for name in roles.ALL if name in self.role_names]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username
