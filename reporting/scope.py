"""What a report covers: whose cases (teams or the whole service), which period, and the need
and setting filters; plus the day-counting rule every measure and the SEN2 return share."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Case, CharField, F, Func, IntegerField, Q, Value, When

from accounts.council import council_settings
from cases.models.codes import SettingCode, SettingType

ENGLAND_2024_EXCLUDING_EXCEPTIONS = 46.4  # statutory-timescales.md section 10


def limit_days(weeks: int) -> int:
    """Days from receipt to the last compliant day of an N-week limit (section 1): received + 7N,
    or received + 7N - 1 where the council counts the day of receipt as day one. The same rule
    as the statutory clock (`SEND_RECEIPT_DAY_IS_DAY_ONE`), used by the dashboards and SEN2."""
    return 7 * weeks - (1 if council_settings().receipt_day_is_day_one else 0)


class DaysBetween(Func):
    """Whole days from the date `earlier` to the date `later`, as an integer in the database: a
    plain subtraction on PostgreSQL, cheap to test in many filters of one aggregate (Django's
    date subtraction gives an interval, worked out again in each filter)."""

    output_field = IntegerField()

    def __init__(self, later: str, earlier: str):
        super().__init__(F(later), F(earlier))

    def as_sql(self, compiler, connection, **extra):
        later, earlier = (compiler.compile(e) for e in self.source_expressions)
        if connection.vendor == "postgresql":
            return f"({later[0]} - {earlier[0]})", (*later[1], *earlier[1])
        return (
            f"CAST(julianday({later[0]}) - julianday({earlier[0]}) AS INTEGER)",
            (*later[1], *earlier[1]),
        )


def within_weeks(received_on: datetime.date, done_on: datetime.date, weeks: int) -> bool:
    return (done_on - received_on).days <= limit_days(weeks)


def months_before(day: datetime.date, months: int) -> datetime.date:
    """The corresponding date `months` earlier (31 March less 1 month is 28/29 February)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover - 28 always exists


@dataclass(frozen=True)
class Period:
    key: str
    label: str
    start: datetime.date
    end: datetime.date


def last_12_months(today: datetime.date) -> Period:
    return Period(
        "12m",
        f"12 months to {today:%-d %B %Y}",
        months_before(today, 12) + datetime.timedelta(days=1),
        today,
    )


def calendar_year(year: int, today: datetime.date) -> Period:
    end = min(datetime.date(year, 12, 31), today)
    label = f"{year} to date" if end < datetime.date(year, 12, 31) else f"Calendar year {year}"
    return Period(f"year-{year}", label, datetime.date(year, 1, 1), end)


def period_choices(today: datetime.date) -> list[tuple[str, str]]:
    periods = [last_12_months(today)] + [
        calendar_year(year, today) for year in range(today.year, today.year - 4, -1)
    ]
    return [(p.key, p.label) for p in periods]


def period_from_key(key: str, today: datetime.date) -> Period:
    if key.startswith("year-") and key[5:].isdigit():
        year = int(key[5:])
        if today.year - 3 <= year <= today.year:
            return calendar_year(year, today)
    return last_12_months(today)


# Setting types for the cohort and the filter, from the setting named in Section I. Checked in
# this order: the first that matches wins.
NOT_IN_EDUCATION = (SettingCode.NEET, SettingCode.NIEC, SettingCode.NIEO)
INDEPENDENT = (
    SettingType.MAINSTREAM_INDEPENDENT,
    SettingType.SPECIAL_INDEPENDENT,
    SettingType.SPECIAL_NON_MAINTAINED,
)
POST_16 = (SettingType.FE_COLLEGE, SettingType.SPECIALIST_POST16, SettingType.OTHER_POST16)
SPECIAL = (SettingType.SPECIAL_MAINTAINED, SettingType.SPECIAL_ACADEMY)
MAINSTREAM = (SettingType.MAINSTREAM_MAINTAINED, SettingType.MAINSTREAM_ACADEMY)

SETTING_GROUPS = (
    ("not_in_education", "Not in education"),
    ("independent", "Independent or out of area"),
    ("post16", "Post-16"),
    ("special", "Special"),
    ("resourced", "Mainstream with resourced provision or SEN unit"),
    ("mainstream", "Mainstream"),
    ("other", "Other (early years, alternative provision, home education, other arrangements)"),
)
SETTING_GROUP_LABELS = dict(SETTING_GROUPS)


def setting_group_expression(plan: str = "") -> Case:
    """A plan's setting type as a database expression; `plan` is the path to the plan."""
    s = f"{plan}named_setting__"
    return Case(
        When(
            Q(
                **{
                    f"{plan}named_setting__isnull": True,
                    f"{plan}named_setting_code__in": NOT_IN_EDUCATION,
                }
            ),
            then=Value("not_in_education"),
        ),
        When(
            Q(**{f"{s}setting_type__in": INDEPENDENT}) | Q(**{f"{s}is_out_of_area": True}),
            then=Value("independent"),
        ),
        When(Q(**{f"{s}setting_type__in": POST_16}), then=Value("post16")),
        When(Q(**{f"{s}setting_type__in": SPECIAL}), then=Value("special")),
        When(
            Q(**{f"{s}setting_type__in": MAINSTREAM})
            & (Q(**{f"{s}has_resourced_provision": True}) | Q(**{f"{s}has_sen_unit": True})),
            then=Value("resourced"),
        ),
        When(Q(**{f"{s}setting_type__in": MAINSTREAM}), then=Value("mainstream")),
        default=Value("other"),
        output_field=CharField(),
    )


@dataclass(frozen=True)
class ReportScope:
    """Whose cases a report counts. `team_ids` None means the whole service."""

    today: datetime.date
    period: Period
    team_ids: tuple[int, ...] | None = None
    primary_need: str = ""
    setting_group: str = ""
    label: str = "Whole service"
    filters: dict = field(default_factory=dict, compare=False)
    # One lead caseworker's children only (a manager's choice among their teams' caseworkers).
    caseworker_id: int | None = None
    caseworker_label: str = ""

    def described(self) -> list[tuple[str, str]]:
        """The filters in words, for a download to say what it counts."""
        return [
            ("Period", self.period.label),
            ("Teams", self.label),
            ("Lead caseworker", self.caseworker_label or "All"),
            ("Primary need", self.primary_need or "All"),
            ("Setting", SETTING_GROUP_LABELS.get(self.setting_group, "All")),
            ("Worked out on", self.today.isoformat()),
        ]

    def child_q(self, child: str) -> Q:
        """Conditions on the child at path `child` (e.g. "child__", "plan__child__")."""
        q = Q(**{f"{child}archived_at__isnull": True})
        if self.team_ids is not None:
            q &= Q(**{f"{child}team_id__in": self.team_ids})
        if self.caseworker_id is not None:
            q &= Q(**{f"{child}lead_caseworker_id": self.caseworker_id})
        if self.primary_need:
            q &= Q(
                **{f"{child}sen_needs__rank": 1, f"{child}sen_needs__need_type": self.primary_need}
            )
        return q

    def plans(self, queryset, plan: str = ""):
        """Narrows a queryset about plans (`plan` is the path to the plan) to the setting type."""
        if not self.setting_group:
            return queryset
        return queryset.alias(setting_group=setting_group_expression(plan)).filter(
            setting_group=self.setting_group
        )
