"""The alerts the sweep raises: deadlines at fixed thresholds, review notices, phase-transfer
and under-five reminders. Each is one INSERT ... SELECT whatever the number of cases, leaving out
the alerts raised already (the unique constraint makes one alert per case, step, threshold and
due date), so a sweep run again raises nothing twice."""

import datetime

from django.db.models import (
    Case,
    CharField,
    DateField,
    Exists,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Cast, Coalesce, Concat

from cases.models import AnnualReview, EHCPlan, PlanStatus, StatutoryDeadline
from cases.models.codes import ReviewKind
from cases.services.deadlines import clock_settings
from cases.timescales import months_after, phase_transfer_due

from .models import Alert, AlertKind, Threshold
from .sweep_insert import MonthsAfter, constant, insert_select, windows

# Notice of a review meeting must go at least 2 weeks before it (reg 20(3)); the meeting must
# be held early enough for the decision by the due date, so the reminder comes 8 weeks ahead.
REVIEW_NOTICE_LEAD = datetime.timedelta(weeks=8)
UNDER_FIVE_MONTHS = 6  # CoP 9.178: consider reviewing under-fives every 3 to 6 months
PHASE_TRANSFER_TITLE = (
    "Schedule the phase-transfer review: the amended plan must name the new setting (reg 18)"
)
UNDER_FIVE_TITLE = (
    "Consider a review: under-fives' plans are reviewed every 3 to 6 months (CoP 9.178)"
)

KIND_FROM_KEY = Case(
    When(key__contains=":advice:", then=Value(AlertKind.ADVICE.value)),
    When(key__startswith="order", then=Value(AlertKind.TRIBUNAL_ORDER.value)),
    When(key__endswith=":phase_transfer", then=Value(AlertKind.PHASE_TRANSFER.value)),
    default=Value(AlertKind.DEADLINE.value),
    output_field=CharField(),
)


def _text(value: str):
    return constant(value, CharField())


def _key(prefix: str, suffix: str):
    return Concat(Value(prefix), Cast("pk", CharField()), Value(suffix), output_field=CharField())


def _plan_reminders(plans, *, today, kind: str, key_suffix: str, due_on, title: str) -> int:
    """A reminder about each plan in `plans`, to the child's lead caseworker."""
    return insert_select(
        plans,
        recipient_id=F("child__lead_caseworker_id"),
        child_id=F("child_id"),
        deadline_id=constant(None, IntegerField()),
        review_id=constant(None, IntegerField()),
        kind=_text(kind),
        key=_key("plan", key_suffix),
        threshold=_text(Threshold.REMINDER.value),
        due_on=due_on,
        title=_text(title),
        created_on=constant(today, DateField()),
    )


def deadline_alerts_raise(*, today: datetime.date) -> int:
    """Due in 2 weeks, in 1 week, today, overdue: for every open statutory step with a lead
    caseworker. An excepted step is not raised as overdue (the limit does not apply)."""
    open_steps = StatutoryDeadline.objects.filter(
        is_open=True,
        statutory=True,
        child__lead_caseworker__isnull=False,
        child__archived_at__isnull=True,
    )
    # One pass over the steps due within 2 weeks or overdue; the threshold follows the due date.
    window_by_threshold = windows(today)
    threshold = Case(
        *(When(window, then=Value(name.value)) for name, window in window_by_threshold.items()),
        output_field=CharField(),
    )
    steps = (
        open_steps.filter(due_on__lte=today + datetime.timedelta(days=14))
        .exclude(window_by_threshold[Threshold.OVERDUE] & Q(exception_applied=True))
        .annotate(step_threshold=threshold)
    )
    # Most steps in a window were alerted on an earlier night: leave them out with one anti-join
    # rather than an insert attempt per row (ON CONFLICT stays as the guarantee).
    raised = Alert.objects.filter(
        deadline_id=OuterRef("pk"), due_on=OuterRef("due_on"), threshold=OuterRef("step_threshold")
    )
    steps = steps.exclude(Exists(raised))
    return insert_select(
        steps,
        recipient_id=F("child__lead_caseworker_id"),
        child_id=F("child_id"),
        deadline_id=F("pk"),
        review_id=constant(None, IntegerField()),
        kind=KIND_FROM_KEY,
        key=F("key"),
        threshold=F("step_threshold"),
        due_on=F("due_on"),
        title=F("title"),
        created_on=constant(today, DateField()),
    )


def review_notice_alerts_raise(*, today: datetime.date) -> int:
    """Annual reviews coming due: time to give 2 weeks' notice of the meeting."""
    reviews = AnnualReview.objects.filter(
        completed=False,
        meeting_on__isnull=True,
        due_on__lte=today + REVIEW_NOTICE_LEAD,
        plan__status=PlanStatus.IN_FORCE,
        plan__child__lead_caseworker__isnull=False,
    )
    # Reminded on an earlier night: left out with one anti-join, as for the deadline alerts.
    reviews = reviews.exclude(
        Exists(
            Alert.objects.filter(
                review_id=OuterRef("pk"),
                due_on=OuterRef("due_on"),
                threshold=Threshold.REMINDER,
            )
        )
    )
    return insert_select(
        reviews,
        recipient_id=F("plan__child__lead_caseworker_id"),
        child_id=F("plan__child_id"),
        deadline_id=constant(None, IntegerField()),
        review_id=F("pk"),
        kind=Case(
            When(kind=ReviewKind.PHASE_TRANSFER, then=Value(AlertKind.PHASE_TRANSFER.value)),
            default=Value(AlertKind.REVIEW_NOTICE.value),
            output_field=CharField(),
        ),
        key=Concat(
            Value("review"), Cast("pk", CharField()), Value(":notice"), output_field=CharField()
        ),
        threshold=constant(Threshold.REMINDER.value, CharField()),
        due_on=F("due_on"),
        title=constant(
            "Arrange the review meeting and give at least 2 weeks' notice (reg 20(3))", CharField()
        ),
        created_on=constant(today, DateField()),
    )


def _born_in_school_year_group(year_group: int, academic_year_start: int) -> Q:
    """Children in `year_group` in the academic year starting September `academic_year_start`."""
    cohort = academic_year_start - 5 - year_group  # born 1 Sep cohort .. 31 Aug cohort + 1
    return Q(
        child__date_of_birth__gte=datetime.date(cohort, 9, 1),
        child__date_of_birth__lte=datetime.date(cohort + 1, 8, 31),
    )


def phase_transfer_alerts_raise(*, today: datetime.date) -> int:
    """From September: children in Year 6 or Year 11 whose plan has no phase-transfer review
    scheduled for the coming February / March deadline (reg 18)."""
    if today.month < 9:
        return 0
    year = today.year
    year11 = _born_in_school_year_group(11, year)
    plans = (
        EHCPlan.objects.filter(status=PlanStatus.IN_FORCE, child__lead_caseworker__isnull=False)
        .filter(_born_in_school_year_group(6, year) | year11)
        .exclude(
            Exists(
                AnnualReview.objects.filter(
                    plan=OuterRef("pk"), kind=ReviewKind.PHASE_TRANSFER, transfer_year=year + 1
                )
            )
        )
        # Reminded already this year: nothing new to write.
        .exclude(
            Exists(
                Alert.objects.filter(
                    child_id=OuterRef("child_id"),
                    kind=AlertKind.PHASE_TRANSFER,
                    key__endswith=f":phase_transfer_review:{year + 1}",
                )
            )
        )
    )
    clock = clock_settings()
    return _plan_reminders(
        plans,
        today=today,
        kind=AlertKind.PHASE_TRANSFER,
        key_suffix=f":phase_transfer_review:{year + 1}",
        # Year 11 moves to post-16 (31 March); Year 6 to secondary (15 February).
        due_on=Case(
            When(
                year11,
                then=constant(
                    phase_transfer_due(year + 1, post16=True, settings=clock), DateField()
                ),
            ),
            default=constant(
                phase_transfer_due(year + 1, post16=False, settings=clock), DateField()
            ),
            output_field=DateField(),
        ),
        title=PHASE_TRANSFER_TITLE,
    )


def under_five_alerts_raise(*, today: datetime.date) -> int:
    """Under-fives: consider a review every 3 to 6 months (CoP 9.178, guidance)."""
    five_years_ago = months_after(today, -60)
    cutoff = months_after(today, -UNDER_FIVE_MONTHS)
    # Reminded already in this cycle: an alert raised after the plan, with no review decided
    # since it. Left out first, so only new reminders are worked out.
    reviewed_since_alert = AnnualReview.objects.filter(
        plan_id=OuterRef(OuterRef("pk")), decision_notified_on__gte=OuterRef("created_on")
    )
    reminded = Alert.objects.filter(
        child_id=OuterRef("child_id"),
        kind=AlertKind.UNDER_FIVE,
        created_on__gt=OuterRef("first_issued_on"),
    ).exclude(Exists(reviewed_since_alert))
    last_review = (
        AnnualReview.objects.filter(plan_id=OuterRef("pk"))
        .order_by()
        .values("plan_id")
        .annotate(last=Max("decision_notified_on"))
        .values("last")
    )
    plans = (
        EHCPlan.objects.filter(
            status=PlanStatus.IN_FORCE,
            child__date_of_birth__gt=five_years_ago,
            child__lead_caseworker__isnull=False,
        )
        .exclude(Exists(reminded))
        .annotate(
            since=Coalesce(Subquery(last_review, output_field=DateField()), "first_issued_on")
        )
        .filter(since__lte=cutoff)
    )
    return _plan_reminders(
        plans,
        today=today,
        kind=AlertKind.UNDER_FIVE,
        key_suffix=":under_five",
        due_on=MonthsAfter(F("since"), UNDER_FIVE_MONTHS),
        title=UNDER_FIVE_TITLE,
    )
