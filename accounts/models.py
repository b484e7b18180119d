from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.core.validators import RegexValidator
from django.db import models

from . import roles


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
        names = frozenset(self.groups.values_list("name", flat=True))
        # A Django superuser (`createsuperuser`) is an administrator in the portal, and only
        # that: it opens the set-up pages, never children's records.
        if self.is_superuser:
            names |= {roles.ADMINISTRATOR}
        return names

    def has_role(self, *names: str) -> bool:
        return bool(self.role_names.intersection(names))

    @property
    def role_labels(self) -> list[str]:
        return [roles.LABELS[name] for name in roles.ALL if name in self.role_names]

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username

    @property
    def name_and_job_title(self) -> str:
        """How a choice of person reads: "Sam Patel, educational psychologist"."""
        return f"{self.display_name}, {self.job_title}" if self.job_title else self.display_name


LA_NUMBER_INVALID = "Enter the LA number as 3 digits, like 801"


class CouncilSettings(models.Model):
    """The council's own settings, set by an administrator in the portal (one row, pk 1).

    Until an administrator saves them, the environment's values apply (`COUNCIL_NAME`,
    `COUNCIL_LA_NUMBER`, `SEND_RECEIPT_DAY_IS_DAY_ONE`). Read them with
    `accounts.council.council_settings()`, never from this table or from settings directly."""

    name = models.CharField("Council name", max_length=100)
    la_number = models.CharField(
        "LA number",
        max_length=3,
        validators=[RegexValidator(r"^[0-9]{3}\Z", LA_NUMBER_INVALID)],
        help_text="The DfE local authority number, used in the SEN2 return",
    )
    receipt_day_is_day_one = models.BooleanField(
        "Count the day a request is received as day one", default=False
    )
    modified_at = models.DateTimeField(auto_now=True)
    modified_by = models.ForeignKey(
        "accounts.User", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name_plural = "council settings"

    def __str__(self) -> str:
        return self.name
