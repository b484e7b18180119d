"""The council's settings: name, LA number and the day-counting convention. A change to the
counting convention recomputes every stored deadline (after the change is committed)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.council import council_settings, council_settings_forget
from accounts.models import CouncilSettings, User

from ..models import Area
from .record import change_record, describe

COUNCIL_NAME_REQUIRED = "Enter the council's name"

LABELS = {
    "name": "Council name",
    "la_number": "LA number",
    "receipt_day_is_day_one": "Day of receipt counted as day one",
}


@transaction.atomic
def council_settings_update(
    *, name: str, la_number: str, receipt_day_is_day_one: bool, by: User
) -> bool:
    """Saves the council's settings. Returns True when the counting convention changed, in
    which case every case's deadlines are recomputed once the change is committed (in the
    background when there is a broker, otherwise straight away in this process)."""
    current = council_settings(fresh=True)
    row = CouncilSettings.objects.select_for_update().filter(pk=1).first() or CouncilSettings(pk=1)
    row.name = name.strip()
    row.la_number = la_number.strip()
    row.receipt_day_is_day_one = receipt_day_is_day_one
    row.modified_by = by
    if not row.name:
        raise ValidationError({"name": COUNCIL_NAME_REQUIRED})
    row.full_clean()
    row.save()
    before = {
        "name": current.name,
        "la_number": current.la_number,
        "receipt_day_is_day_one": current.receipt_day_is_day_one,
    }
    after = {
        "name": row.name,
        "la_number": row.la_number,
        "receipt_day_is_day_one": row.receipt_day_is_day_one,
    }
    summary = describe(before, after, LABELS)
    counting_changed = current.receipt_day_is_day_one != row.receipt_day_is_day_one
    if summary:
        if counting_changed:
            summary += "; every case's deadlines recomputed"
        change_record(area=Area.COUNCIL, target=row, label=row.name, summary=summary, by=by)
    council_settings_forget()
    transaction.on_commit(council_settings_forget)
    if counting_changed:
        from ..tasks import deadlines_recompute_all, enqueue_on_commit

        enqueue_on_commit(deadlines_recompute_all)
    return counting_changed


def recompute_runs_in_background() -> bool:
    """Whether a recompute goes to the worker (a broker) or runs in the web process."""
    from celery import current_app as app

    return not app.conf.task_always_eager
