"""The child or young person (SEN2 module 1), their family, needs, settings and placements."""

import unicodedata

from django.core.exceptions import ValidationError
from django.db import models

from core.models import TimeStampedModel

from .codes import (
    Ethnicity,
    NeedRank,
    NeedType,
    SettingCode,
    SettingKind,
    SettingType,
    Sex,
    UpnUnknownReason,
)

NAME_CHARACTERS = "Enter a {label} using letters, spaces, hyphens and apostrophes only"
NAME_START = "Enter a {label} that starts with a letter"
NAME_LABELS = {"forename": "first name", "surname": "last name"}
# Besides letters of any alphabet (with their accents): spaces, hyphens, apostrophes (straight
# and curly) and full stops - "O'Brien", "Smith-Jones", "St. John", "Zoë".
_NAME_PUNCTUATION = frozenset(" -'’.")


def name_problem(value: str, *, label: str) -> str | None:
    """Why a person's name cannot be stored, or None. A name starts with a letter, so it can
    never be read as a spreadsheet formula (=, +, -, @) or carry control characters."""
    value = unicodedata.normalize("NFC", value or "")
    if not value:
        return None
    if not value[0].isalpha():
        return NAME_START.format(label=label)
    for character in value:
        if (
            character.isalpha()
            or character in _NAME_PUNCTUATION
            or unicodedata.category(character).startswith("M")  # a combining accent
        ):
            continue
        return NAME_CHARACTERS.format(label=label)
    return None


def name_errors(**names: str) -> dict[str, list[str]]:
    """{field: [message]} for each of forename= / surname= that is not a name."""
    errors = {}
    for name, value in names.items():
        if problem := name_problem(value, label=NAME_LABELS[name]):
            errors[name] = [problem]
    return errors


class Child(TimeStampedModel):
    """A child or young person aged 0-25 known to the SEND service."""

    reference = models.CharField(max_length=20, unique=True, help_text="Case reference")
    forename = models.CharField(max_length=100)
    surname = models.CharField(max_length=100, db_index=True)
    date_of_birth = models.DateField()
    sex = models.CharField(max_length=1, choices=Sex.choices, default=Sex.UNKNOWN)
    ethnicity = models.CharField(max_length=4, choices=Ethnicity.choices, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    upn = models.CharField("UPN", max_length=13, blank=True, db_index=True)
    uln = models.CharField("ULN", max_length=10, blank=True)
    nhs_number = models.CharField("NHS number", max_length=10, blank=True)
    upn_unknown_reason = models.CharField(
        "UPN unknown reason", max_length=4, choices=UpnUnknownReason.choices, blank=True
    )
    looked_after = models.BooleanField("Looked after", default=False)
    child_in_need = models.BooleanField("Child in need", default=False)
    team = models.ForeignKey(
        "accounts.Team", on_delete=models.PROTECT, related_name="children", null=True
    )
    lead_caseworker = models.ForeignKey(
        "accounts.User",
        on_delete=models.PROTECT,
        related_name="caseload",
        null=True,
        blank=True,
    )
    archived_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["surname", "forename"]
        verbose_name = "child or young person"
        verbose_name_plural = "children and young people"
        indexes = [
            models.Index(fields=["team", "lead_caseworker"]),
            models.Index(fields=["lead_caseworker"]),
        ]

    def __str__(self) -> str:
        return self.reference

    @property
    def full_name(self) -> str:
        return f"{self.forename} {self.surname}"

    def clean(self) -> None:
        if errors := name_errors(forename=self.forename, surname=self.surname):
            raise ValidationError(errors)


class ParentCarer(TimeStampedModel):
    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="parent_carers")
    name = models.CharField(max_length=200)
    relationship = models.CharField(max_length=60)
    phone = models.CharField(max_length=30, blank=True)
    email = models.EmailField(blank=True)
    address = models.TextField(blank=True)
    has_parental_responsibility = models.BooleanField(default=True)
    contact_consent = models.BooleanField(
        default=False, help_text="Agrees to be contacted about the child's case"
    )

    class Meta:
        ordering = ["pk"]


class SenNeed(TimeStampedModel):
    """SEN2 module 5c: a need type and its rank (1 primary, 2 secondary; at most two)."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="sen_needs")
    need_type = models.CharField(max_length=4, choices=NeedType.choices)
    rank = models.PositiveSmallIntegerField(choices=NeedRank.choices)

    class Meta:
        ordering = ["rank"]
        constraints = [
            models.UniqueConstraint(fields=["child", "rank"], name="one_need_per_rank"),
            models.CheckConstraint(condition=models.Q(rank__in=[1, 2]), name="need_rank_1_or_2"),
        ]


class EducationSetting(TimeStampedModel):
    """A setting: early years provider, school, college or other, with URN or UKPRN."""

    name = models.CharField(max_length=200)
    kind = models.CharField(max_length=20, choices=SettingKind.choices)
    setting_type = models.CharField(max_length=30, choices=SettingType.choices)
    urn = models.CharField("URN", max_length=6, blank=True, db_index=True)
    ukprn = models.CharField("UKPRN", max_length=8, blank=True)
    la_number = models.PositiveSmallIntegerField("LA number", null=True, blank=True)
    postcode = models.CharField(max_length=8, blank=True)
    has_resourced_provision = models.BooleanField(default=False)
    has_sen_unit = models.BooleanField("Has SEN unit", default=False)
    is_out_of_area = models.BooleanField(default=False)
    email = models.EmailField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Placement(TimeStampedModel):
    """SEN2 module 5b: the setting a child attends (or a setting code), with entry and leaving dates."""

    child = models.ForeignKey(Child, on_delete=models.CASCADE, related_name="placements")
    setting = models.ForeignKey(
        EducationSetting, on_delete=models.PROTECT, null=True, blank=True, related_name="placements"
    )
    setting_code = models.CharField(max_length=4, choices=SettingCode.choices, blank=True)
    entry_on = models.DateField()
    leaving_on = models.DateField(null=True, blank=True)
    rank = models.PositiveSmallIntegerField(default=1)
    in_sen_unit = models.BooleanField(default=False)
    in_resourced_provision = models.BooleanField(default=False)
    residential = models.BooleanField(default=False)
    work_based_learning = models.BooleanField(default=False)

    class Meta:
        ordering = ["-entry_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(leaving_on__isnull=True)
                | models.Q(leaving_on__gte=models.F("entry_on")),
                name="placement_leaves_after_entry",
            ),
            models.CheckConstraint(
                condition=~models.Q(setting__isnull=True, setting_code=""),
                name="placement_has_setting_or_code",
            ),
        ]
