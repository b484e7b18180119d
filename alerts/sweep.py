"""The nightly sweep: bring every statutory deadline's state up to date, raise alerts at fixed
thresholds, close the alerts whose step is done.

A fixed number of set-based queries whatever the number of cases: each step selects the rows
it needs in the database and inserts alerts in bulk, ignoring those that exist already (the
unique constraint makes one alert per case, step, threshold and due date). Every step is safe to
run again, so a sweep killed halfway and run again gives the same alerts as one clean run.
"""

import datetime
import logging

from django.db import connection, transaction
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
    Value,
    When,
)
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from cases.models import AnnualReview, EHCPlan, PlanStatus, StatutoryDeadline
from cases.models.codes import ReviewKind
from cases.services.deadlines import clock_settings, deadline_states_update
from cases.timescales import months_after, phase_transfer_due

from .models import Alert, AlertKind, SweepRun, Threshold

logger = logging.getLogger(__name__)
CHUNK = 5000
# Notice of a review meeting must go at least 2 weeks before it (reg 20(3)); the meeting must
# be held early enough for the decision by the due date, so the reminder comes 8 weeks ahead.
REVIEW_NOTICE_LEAD = datetime.timedelta(weeks=8)
UNDER_FIVE_MONTHS = 6  # CoP 9.178: consider reviewing under-fives every 3 to 6 months


def _windows(today: datetime.date) -> dict[str, Q]:
    return {
        Threshold.OVERDUE: Q(due_on__lt=today),
        Threshold.DUE_TODAY: Q(due_on=today),
        Threshold.DUE_1_WEEK: Q(due_on__gt=today, due_on__lte=today + datetime.timedelta(days=7)),
        Threshold.DUE_2_WEEKS: Q(
            due_on__gt=today + datetime.timedelta(days=7),
            due_on__lte=today + datetime.timedelta(days=14),
        ),
    }


KIND_FROM_KEY = Case(
    When(key__contains=":advice:", then=Value(AlertKind.ADVICE.value)),
    When(key__startswith="order", then=Value(AlertKind.TRIBUNAL_ORDER.value)),
    When(key__endswith=":phase_transfer", then=Value(AlertKind.PHASE_TRANSFER.value)),
    default=Value(AlertKind.DEADLINE.value),
    output_field=CharField(),
)
COLUMNS = (
    "recipient_id",
    "child_id",
    "deadline_id",
    "review_id",
    "kind",
    "key",
    "threshold",
    "due_on",
    "title",
    "created_on",
)


def _insert_select(queryset, **columns) -> int:
    """INSERT INTO alert (...) SELECT ... ON CONFLICT DO NOTHING: the rows are chosen and written
    inside the database in one statement; alerts that exist already are left as they are.
    Returns how many were new."""
    selected = queryset.order_by().annotate(
        **{f"alert_{name}": expr for name, expr in columns.items()}
    )
    selected = selected.values_list(*(f"alert_{name}" for name in COLUMNS))
    select_sql, params = selected.query.sql_with_params()
    table = connection.ops.quote_name(Alert._meta.db_table)
    names = ", ".join(connection.ops.quote_name(name) for name in COLUMNS)
    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({names}) {select_sql} ON CONFLICT DO NOTHING", params
            )
            return max(cursor.rowcount, 0)
    # PostgreSQL runs the SELECT of an INSERT ... SELECT on one core; CREATE TABLE AS can use
    # parallel workers. So the rows are chosen into a temporary table first, then inserted.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE sweep_rows ON COMMIT DROP AS {select_sql}", params)
        types = {f.column: f.db_type(connection) for f in Alert._meta.concrete_fields}
        casts = ", ".join(
            f"CAST({connection.ops.quote_name('alert_' + name)} AS {types[name]})"
            for name in COLUMNS
        )
        # Names and types come from the Alert model, never from input.
        insert = f"INSERT INTO {table} ({names}) SELECT {casts} FROM sweep_rows"  # noqa: S608
        cursor.execute(f"{insert} ON CONFLICT DO NOTHING")
        inserted = max(cursor.rowcount, 0)
        cursor.execute("DROP TABLE sweep_rows")  # now, in case an outer transaction goes on
        return inserted


def _insert(rows, *, kind: str) -> int:
    """Bulk insert in chunks, leaving alerts that exist already untouched (for the small sets
    whose due dates are worked out in Python). Returns how many were new."""
    before = Alert.objects.filter(kind=kind).count()
    batch = []
    for row in rows:
        batch.append(row)
        if len(batch) >= CHUNK:
            Alert.objects.bulk_create(batch, ignore_conflicts=True)
            batch = []
    if batch:
        Alert.objects.bulk_create(batch, ignore_conflicts=True)
    return Alert.objects.filter(kind=kind).count() - before


def _constant(value, field):
    return Value(value, output_field=field)


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
    windows = _windows(today)
    threshold = Case(
        *(When(window, then=Value(name.value)) for name, window in windows.items()),
        output_field=CharField(),
    )
    steps = (
        open_steps.filter(due_on__lte=today + datetime.timedelta(days=14))
        .exclude(windows[Threshold.OVERDUE] & Q(exception_applied=True))
        .annotate(step_threshold=threshold)
    )
    # Most steps in a window were alerted on an earlier night: leave them out with one anti-join
    # rather than an insert attempt per row (ON CONFLICT stays as the guarantee).
    raised = Alert.objects.filter(
        deadline_id=OuterRef("pk"), due_on=OuterRef("due_on"), threshold=OuterRef("step_threshold")
    )
    steps = steps.exclude(Exists(raised))
    return _insert_select(
        steps,
        recipient_id=F("child__lead_caseworker_id"),
        child_id=F("child_id"),
        deadline_id=F("pk"),
        review_id=_constant(None, IntegerField()),
        kind=KIND_FROM_KEY,
        key=F("key"),
        threshold=F("step_threshold"),
        due_on=F("due_on"),
        title=F("title"),
        created_on=_constant(today, DateField()),
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
    return _insert_select(
        reviews,
        recipient_id=F("plan__child__lead_caseworker_id"),
        child_id=F("plan__child_id"),
        deadline_id=_constant(None, IntegerField()),
        review_id=F("pk"),
        kind=Case(
            When(kind=ReviewKind.PHASE_TRANSFER, then=Value(AlertKind.PHASE_TRANSFER.value)),
            default=Value(AlertKind.REVIEW_NOTICE.value),
            output_field=CharField(),
        ),
        key=Concat(
            Value("review"), Cast("pk", CharField()), Value(":notice"), output_field=CharField()
        ),
        threshold=_constant(Threshold.REMINDER.value, CharField()),
        due_on=F("due_on"),
        title=_constant(
            "Arrange the review meeting and give at least 2 weeks' notice (reg 20(3))", CharField()
        ),
        created_on=_constant(today, DateField()),
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
    plans = (
        EHCPlan.objects.filter(status=PlanStatus.IN_FORCE, child__lead_caseworker__isnull=False)
        .filter(_born_in_school_year_group(6, year) | _born_in_school_year_group(11, year))
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
    year11 = _born_in_school_year_group(11, year)
    post16_ids = set(plans.filter(year11).values_list("pk", flat=True))
    rows = (
        Alert(
            recipient_id=caseworker_id,
            child_id=child_id,
            kind=AlertKind.PHASE_TRANSFER,
            key=f"plan{plan_id}:phase_transfer_review:{year + 1}",
            threshold=Threshold.REMINDER,
            due_on=phase_transfer_due(year + 1, post16=plan_id in post16_ids, settings=clock),
            title="Schedule the phase-transfer review: the amended plan must name the new setting (reg 18)",
            created_on=today,
        )
        for plan_id, child_id, caseworker_id in plans.values_list(
            "pk", "child_id", "child__lead_caseworker_id"
        ).iterator(chunk_size=CHUNK)
    )
    return _insert(rows, kind=AlertKind.PHASE_TRANSFER)


def under_five_alerts_raise(*, today: datetime.date) -> int:
    """Under-fives: consider a review every 3 to 6 months (CoP 9.178, guidance)."""
    five_years_ago = months_after(today, -60)
    cutoff = months_after(today, -UNDER_FIVE_MONTHS)
    # Reminded already in this cycle: an alert raised after the plan, with no review decided
    # since it. Left out before the aggregate, so only new reminders are worked out.
    reviewed_since_alert = AnnualReview.objects.filter(
        plan_id=OuterRef(OuterRef("pk")), decision_notified_on__gte=OuterRef("created_on")
    )
    reminded = Alert.objects.filter(
        child_id=OuterRef("child_id"),
        kind=AlertKind.UNDER_FIVE,
        created_on__gt=OuterRef("first_issued_on"),
    ).exclude(Exists(reviewed_since_alert))
    plans = (
        EHCPlan.objects.filter(
            status=PlanStatus.IN_FORCE,
            child__date_of_birth__gt=five_years_ago,
            child__lead_caseworker__isnull=False,
        )
        .exclude(Exists(reminded))
        .annotate(last_review=Max("reviews__decision_notified_on"))
        .filter(
            Q(last_review__lte=cutoff) | Q(last_review__isnull=True, first_issued_on__lte=cutoff)
        )
    )
    rows = (
        Alert(
            recipient_id=caseworker_id,
            child_id=child_id,
            kind=AlertKind.UNDER_FIVE,
            key=f"plan{plan_id}:under_five",
            threshold=Threshold.REMINDER,
            due_on=months_after(last_review or issued, UNDER_FIVE_MONTHS),
            title="Consider a review: under-fives' plans are reviewed every 3 to 6 months (CoP 9.178)",
            created_on=today,
        )
        for plan_id, child_id, caseworker_id, last_review, issued in plans.values_list(
            "pk", "child_id", "child__lead_caseworker_id", "last_review", "first_issued_on"
        ).iterator(chunk_size=CHUNK)
    )
    return _insert(rows, kind=AlertKind.UNDER_FIVE)


def alerts_close(*, today: datetime.date) -> int:
    """Alerts close themselves when the step is done or no longer applies, when its due date
    changed, or when a nearer threshold has taken over (2 weeks, then 1 week, then today)."""
    now = timezone.now()
    # While an alert's due date is its step's, the threshold windows can be tested on the
    # alert's own due date, without a join.
    moved_on = Q()
    for threshold, window in _windows(today).items():
        if threshold != Threshold.OVERDUE:
            moved_on |= Q(threshold=threshold) & ~window
    on_deadline = Alert.objects.filter(closed_at__isnull=True, deadline__isnull=False)
    closed = on_deadline.filter(moved_on).update(closed_at=now)
    # A step is done, or its due date moves, only through deadlines_refresh, which stamps the
    # row's updated_at (the nightly state moves do not): look only at steps changed since the
    # last sweep that finished (all of them if none has), with an hour's margin for
    # transactions open when it started.
    changed = on_deadline.filter(Q(deadline__is_open=False) | ~Q(deadline__due_on=F("due_on")))
    last = _last_finished()
    if last is not None:
        changed = changed.filter(
            deadline__updated_at__gte=last.started_at - datetime.timedelta(hours=1)
        )
    closed += changed.update(closed_at=now)
    on_review = Alert.objects.filter(closed_at__isnull=True, review__isnull=False)
    closed += on_review.filter(
        Q(review__meeting_on__isnull=False)
        | Q(review__completed=True)
        | ~Q(review__plan__status=PlanStatus.IN_FORCE)  # the plan ceased: no review to arrange
    ).update(closed_at=now)
    on_plan = Alert.objects.filter(
        closed_at__isnull=True, deadline__isnull=True, review__isnull=True
    )
    # Reminders about a plan close when the child no longer has a plan in force; an alert whose
    # step no longer exists (closed as its deadline was removed) has nothing left to wait for.
    plan_in_force = EHCPlan.objects.filter(child=OuterRef("child"), status=PlanStatus.IN_FORCE)
    closed += on_plan.filter(
        ~Q(kind__in=(AlertKind.PHASE_TRANSFER, AlertKind.UNDER_FIVE)) | ~Exists(plan_in_force)
    ).update(closed_at=now)
    transfer_scheduled = AnnualReview.objects.filter(
        plan__child=OuterRef("child"),
        kind=ReviewKind.PHASE_TRANSFER,
        phase_transfer_due_on=OuterRef("due_on"),
    )
    closed += (
        on_plan.filter(kind=AlertKind.PHASE_TRANSFER)
        .filter(Exists(transfer_scheduled))
        .update(closed_at=now)
    )
    reviewed_since = AnnualReview.objects.filter(
        plan__child=OuterRef("child"), decision_notified_on__gte=OuterRef("created_on")
    )
    closed += (
        on_plan.filter(kind=AlertKind.UNDER_FIVE)
        .filter(Exists(reviewed_since))
        .update(closed_at=now)
    )
    return closed


def _last_finished() -> SweepRun | None:
    return SweepRun.objects.filter(finished_at__isnull=False).order_by("-started_at").first()


def _states_since(today: datetime.date) -> datetime.date | None:
    """Nightly, only the steps that can have fallen due since the last finished sweep; on
    Sundays every open step, so a state written wrongly by anything but the clock (a restore,
    a data fix) is put right within the week."""
    last = _last_finished()
    if last is None or today.weekday() == 6:
        return None
    return last.for_date


STEPS = (
    ("states", lambda today: deadline_states_update(today=today, since=_states_since(today))),
    ("deadline_alerts", lambda today: deadline_alerts_raise(today=today)),
    ("review_notices", lambda today: review_notice_alerts_raise(today=today)),
    ("phase_transfers", lambda today: phase_transfer_alerts_raise(today=today)),
    ("under_fives", lambda today: under_five_alerts_raise(today=today)),
    ("closed", lambda today: alerts_close(today=today)),
)


def sweep_run(*, today: datetime.date | None = None, stop_after: str | None = None) -> dict:
    """Runs every step; returns what each did. `stop_after` is for testing a killed sweep."""
    today = today or timezone.localdate()
    run = SweepRun.objects.create(for_date=today)
    counts = {}
    for name, step in STEPS:
        counts[name] = step(today)
        if name == stop_after:
            raise SweepInterrupted(name)
    run.counts = counts
    run.finished_at = timezone.now()
    run.save(update_fields=["counts", "finished_at"])
    logger.info("sweep for %s: %s", today.isoformat(), counts)
    return counts


class SweepInterrupted(RuntimeError):
    pass
