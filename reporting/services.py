"""Writes for reporting: the daily timeliness snapshot, and SEN2 returns (asked for by a manager,
generated in the background with progress, the files kept for download)."""

import datetime
import logging
import tempfile

from celery import current_app as app
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from core.queue import enqueue_on_commit

from .models import Sen2Return, Sen2Status, TimelinessSnapshot
from .scope import last_12_months
from .selectors.access import sen2_check
from .selectors.timeliness import first_plan_issued_on, snapshot_months, timeliness_by_team
from .sen2.builder import sen2_header, sen2_persons
from .sen2.validation import findings_in_order, person_findings
from .sen2.writers import sen2_write

logger = logging.getLogger(__name__)

CENSUS_NOT_JANUARY = "The census date must be in January"
CENSUS_IN_FUTURE = "The census date cannot be in the future"
CENSUS_TOO_EARLY = "The census date must be in 2015 or later (EHC plans began in September 2014)"
ALREADY_RUNNING = "A return for this census date is already being generated: wait for it to finish"
GENERATION_FAILED = (
    "The return could not be generated. Try again; if it fails again, tell the service team."
)
NOT_STARTED = "The return never started (the background service was not answering): asked again"
STOPPED = "The return stopped before it finished (the background service stopped). Try again."
# The stage shown while the broker has not taken the job.
NOT_SENT_STAGE = "Waiting for the background service"
# A job the broker took but no worker started within this long is sent again (a lost job:
# Redis restarted without its data); one started longer ago than the hard time limit has died.
RESEND_AFTER = datetime.timedelta(minutes=10)
# A return asked for this recently and not yet sent may still be on its way to the broker.
SENDING_GRACE = datetime.timedelta(minutes=1)
# The task that generates a return, by name: the tasks call these services, never the reverse.
GENERATE_TASK = "reporting.tasks.generate_sen2_return"


def _run_limit() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT) + datetime.timedelta(
        minutes=5
    )


def _not_started(now: datetime.datetime) -> Q:
    """Returns waiting to start that no worker will start unless sent again."""
    return Q(status=Sen2Status.QUEUED) & (
        Q(enqueued_at__isnull=True, stage=NOT_SENT_STAGE)
        | Q(enqueued_at__isnull=True, requested_at__lt=now - SENDING_GRACE)
        | Q(enqueued_at__lt=now - RESEND_AFTER)
    )


def _died(now: datetime.datetime) -> Q:
    return Q(status=Sen2Status.RUNNING, started_at__lt=now - _run_limit())


@transaction.atomic
def timeliness_snapshot_take(*, on: datetime.date) -> list[TimelinessSnapshot]:
    """Stores the 20-week figures as they stand on `on`, for each team and the whole service.
    Safe to run twice: the day's rows are replaced."""
    period = last_12_months(on)
    rows = timeliness_by_team(start=period.start, end=on, year_start=datetime.date(on.year, 1, 1))
    TimelinessSnapshot.objects.filter(taken_on=on).delete()
    return TimelinessSnapshot.objects.bulk_create(
        TimelinessSnapshot(taken_on=on, **row) for row in rows
    )


# How far back the trend is back-filled: the chart shows 24 months.
BACKFILL_MONTHS = 24


def _month_ends(first: datetime.date, before: datetime.date) -> list[datetime.date]:
    """The last day of each month from `first`'s to the month before `before`'s."""
    ends, month = [], first.replace(day=1)
    while month < before.replace(day=1):
        following = (month + datetime.timedelta(days=32)).replace(day=1)
        ends.append(following - datetime.timedelta(days=1))
        month = following
    return ends


@transaction.atomic
def timeliness_snapshots_backfill(
    *, today: datetime.date, months: int = BACKFILL_MONTHS
) -> list[datetime.date]:
    """The trend's history, where the records allow: for each past month (up to `months` back,
    and not before the first new plan on record) with no snapshot, the 20-week figures as they
    stood on its last day, worked out from the requests' received and final-issue dates and
    marked as back-filled. Each child counts in their team of today. Safe to run again: a month
    with a snapshot is left alone. The days back-filled, oldest first."""
    first = first_plan_issued_on()
    if first is None:
        return []
    earliest = datetime.date(today.year, today.month, 1)
    for _ in range(months):
        earliest = (earliest - datetime.timedelta(days=1)).replace(day=1)
    have = snapshot_months(since=earliest)
    days = [
        day for day in _month_ends(max(first, earliest), today) if (day.year, day.month) not in have
    ]
    for day in days:
        rows = timeliness_by_team(
            start=last_12_months(day).start, end=day, year_start=datetime.date(day.year, 1, 1)
        )
        TimelinessSnapshot.objects.bulk_create(
            TimelinessSnapshot(taken_on=day, backfilled=True, **row) for row in rows
        )
    return days


@transaction.atomic
def sen2_return_request(
    *,
    census_date: datetime.date,
    by: User,
    dmo_in_post: str,
    dco_in_post: str,
    dsco_in_post: str,
) -> Sen2Return:
    """Records the request and queues the generation once the transaction commits. Only the
    head of service may ask for the return (it names every child in the service)."""
    sen2_check(user=by)
    errors = {}
    if census_date.month != 1:
        errors["census_date"] = CENSUS_NOT_JANUARY
    elif census_date > timezone.localdate():
        errors["census_date"] = CENSUS_IN_FUTURE
    elif census_date.year < 2015:
        errors["census_date"] = CENSUS_TOO_EARLY
    else:
        # A return that never started, or whose worker died, does not hold up the next one.
        now = timezone.now()
        unfinished = Sen2Return.objects.filter(
            census_date=census_date, status__in=(Sen2Status.QUEUED, Sen2Status.RUNNING)
        )
        unfinished.filter(_not_started(now)).update(
            status=Sen2Status.FAILED, error=NOT_STARTED, finished_at=now
        )
        unfinished.filter(_died(now)).update(
            status=Sen2Status.FAILED, error=STOPPED, finished_at=now
        )
        if unfinished.exists():
            errors["census_date"] = ALREADY_RUNNING
    if errors:
        raise ValidationError(errors)
    sen2_return = Sen2Return(
        census_date=census_date,
        requested_by=by,
        dmo_in_post=dmo_in_post,
        dco_in_post=dco_in_post,
        dsco_in_post=dsco_in_post,
    )
    sen2_return.full_clean()
    sen2_return.save()
    _send(sen2_return.pk)
    return sen2_return


def _send(pk: int) -> None:
    """Queues the generation once the transaction commits; records whether the broker took it,
    so that the status page can say so and `sen2_returns_resume` sends it again."""
    waiting = Sen2Return.objects.filter(pk=pk, status=Sen2Status.QUEUED)
    enqueue_on_commit(
        app.tasks[GENERATE_TASK],
        args=(pk,),
        on_sent=lambda: waiting.update(enqueued_at=timezone.now(), stage=""),
        on_failure=lambda: waiting.update(enqueued_at=None, stage=NOT_SENT_STAGE),
    )


def sen2_return_not_sent(*, sen2_return: Sen2Return) -> bool:
    """Waiting to start because the broker did not take it: the page says so and offers a retry."""
    return Sen2Return.objects.filter(_not_started(timezone.now()), pk=sen2_return.pk).exists()


def sen2_returns_resume(*, now: datetime.datetime) -> dict[str, int]:
    """Every few minutes (beat): sends again each return that is waiting to start but that no
    worker will start (never taken by the broker, or lost), and marks as failed each one whose
    worker died, so that it can be asked for again. Safe to run twice: a return is generated
    once, whoever starts it first."""
    stopped = Sen2Return.objects.filter(_died(now)).update(
        status=Sen2Status.FAILED, error=STOPPED, finished_at=now
    )
    sent = 0
    for pk in Sen2Return.objects.filter(_not_started(now)).values_list("pk", flat=True)[:50]:
        with transaction.atomic():
            _send(pk)
        sent += 1
    return {"sent_again": sent, "stopped": stopped}


def _progress(sen2_return: Sen2Return):
    def report(percent: int, stage: str) -> None:
        # A plain UPDATE, outside any transaction, so the status page sees it straight away.
        Sen2Return.objects.filter(pk=sen2_return.pk).update(progress=percent, stage=stage)

    return report


def sen2_return_generate_by_id(*, pk: int) -> str:
    """The background job: generates the return if it is still there; its status, or
    'missing'."""
    sen2_return = Sen2Return.objects.filter(pk=pk).first()
    if sen2_return is None:
        return "missing"
    return sen2_return_generate(sen2_return=sen2_return).status


def sen2_return_generate(*, sen2_return: Sen2Return) -> Sen2Return:
    """Builds, checks and writes the return, streaming it a person at a time to temporary files
    and from them to storage. Safe to run twice: only a return waiting to start is generated;
    one already running, finished or failed is left alone."""
    # Claimed in one UPDATE: a return sent twice (sent again after a lost job) runs once.
    claimed = Sen2Return.objects.filter(pk=sen2_return.pk, status=Sen2Status.QUEUED).update(
        status=Sen2Status.RUNNING, started_at=timezone.now(), progress=0, stage="", error=""
    )
    if not claimed:
        sen2_return.refresh_from_db()
        return sen2_return
    report = _progress(sen2_return)
    census = sen2_return.census_date
    findings: list[dict] = []
    try:
        header = sen2_header(
            census,
            {
                "SerialNo": str(sen2_return.pk),
                "DMO": sen2_return.dmo_in_post,
                "DCO": sen2_return.dco_in_post,
                "DSCO": sen2_return.dsco_in_post,
            },
        )
        stem = f"sen2_{census:%Y%m%d}_{sen2_return.pk}"
        with tempfile.TemporaryFile() as xml_out, tempfile.TemporaryFile() as zip_out:
            counts = sen2_write(
                header=header,
                persons=sen2_persons(census_date=census, progress=report),
                xml_out=xml_out,
                zip_out=zip_out,
                each=lambda person: findings.extend(person_findings(person, census)),
            )
            report(85, "Saving the XML and CSV files")
            sen2_return.refresh_from_db()
            sen2_return.xml_file.save(f"{stem}.xml", File(xml_out), save=False)
            sen2_return.csv_file.save(f"{stem}_csv.zip", File(zip_out), save=False)
        sen2_return.findings = findings_in_order(findings)
        sen2_return.counts = counts
        sen2_return.status = Sen2Status.COMPLETE
        sen2_return.progress = 100
        sen2_return.stage = "Ready"
        sen2_return.finished_at = timezone.now()
        sen2_return.save()
    except Exception:
        # The detail goes to the log by id only (it may quote case data); the user sees a message.
        logger.exception("SEN2 return %s failed", sen2_return.pk)
        Sen2Return.objects.filter(pk=sen2_return.pk).update(
            status=Sen2Status.FAILED, error=GENERATION_FAILED, finished_at=timezone.now()
        )
        sen2_return.refresh_from_db()
    return sen2_return
