"""Writes for reporting: the daily timeliness snapshot, and SEN2 returns (asked for by a manager,
generated in the background with progress, the files kept for download)."""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from accounts.models import User

from .models import Sen2Return, Sen2Status, TimelinessSnapshot
from .scope import last_12_months
from .selectors.access import sen2_check
from .selectors.timeliness import timeliness_by_team
from .sen2.builder import sen2_build
from .sen2.validation import sen2_validate
from .sen2.writers import sen2_counts, sen2_csv_zip, sen2_xml

logger = logging.getLogger(__name__)

CENSUS_NOT_JANUARY = "The census date must be in January"
CENSUS_IN_FUTURE = "The census date cannot be in the future"
CENSUS_TOO_EARLY = "The census date must be in 2015 or later (EHC plans began in September 2014)"
ALREADY_RUNNING = "A return for this census date is already being generated: wait for it to finish"
GENERATION_FAILED = (
    "The return could not be generated. Try again; if it fails again, tell the service team."
)


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
    elif Sen2Return.objects.filter(
        census_date=census_date, status__in=(Sen2Status.QUEUED, Sen2Status.RUNNING)
    ).exists():
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
    from .tasks import generate_sen2_return

    transaction.on_commit(lambda: generate_sen2_return.delay(sen2_return.pk))
    return sen2_return


def _progress(sen2_return: Sen2Return):
    def report(percent: int, stage: str) -> None:
        # A plain UPDATE, outside any transaction, so the status page sees it straight away.
        Sen2Return.objects.filter(pk=sen2_return.pk).update(progress=percent, stage=stage)

    return report


def sen2_return_generate(*, sen2_return: Sen2Return) -> Sen2Return:
    """Builds, validates and writes the return. Safe to run twice: a finished one is left alone."""
    if sen2_return.status == Sen2Status.COMPLETE:
        return sen2_return
    Sen2Return.objects.filter(pk=sen2_return.pk).update(
        status=Sen2Status.RUNNING, started_at=timezone.now(), progress=0, error=""
    )
    report = _progress(sen2_return)
    try:
        data = sen2_build(
            census_date=sen2_return.census_date,
            header={
                "SerialNo": str(sen2_return.pk),
                "DMO": sen2_return.dmo_in_post,
                "DCO": sen2_return.dco_in_post,
                "DSCO": sen2_return.dsco_in_post,
            },
            progress=report,
        )
        findings = sen2_validate(data)
        report(85, "Writing the XML and CSV files")
        stem = f"sen2_{sen2_return.census_date:%Y%m%d}_{sen2_return.pk}"
        sen2_return.refresh_from_db()
        sen2_return.xml_file.save(f"{stem}.xml", ContentFile(sen2_xml(data)), save=False)
        sen2_return.csv_file.save(f"{stem}_csv.zip", ContentFile(sen2_csv_zip(data)), save=False)
        sen2_return.findings = findings
        sen2_return.counts = sen2_counts(data)
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
