"""Writes made by the partner API itself: the access log of what partners read, and the
Idempotency-Key record that makes a create request safe to retry. The records partners create
or change are written by the domain apps' services (cases.services)."""

from collections.abc import Callable, Iterable

from django.db import IntegrityError, connections, router, transaction
from django.utils import timezone

from cases.models import RecordAccess
from cases.services.requests import advice_record

from . import selectors
from .errors import PreconditionFailed, PreconditionRequired
from .etags import etag_for
from .models import IdempotencyKey


def reads_record(*, child_ids: Iterable[int], user, client_label: str, what: str) -> None:
    """Every read of a child's record is attributable (who, which child, when, through which
    client): one row per child read, all written by one INSERT statement per page.

    The statement is written here rather than by `bulk_create`, which builds a model instance
    and compiles every field of every row: on a page of 50 children that was a third of the
    page's time. The rows are the same as RecordAccess.objects.create would write."""
    child_ids = list(dict.fromkeys(child_ids))
    if not child_ids:
        return
    database = connections[router.db_for_write(RecordAccess)]
    meta = RecordAccess._meta
    names = ("child", "user", "client_label", "channel", "what", "at")
    columns = ", ".join(database.ops.quote_name(meta.get_field(n).column) for n in names)
    table = database.ops.quote_name(meta.db_table)
    insert = f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608 - the model's own names
    at = database.ops.adapt_datetimefield_value(timezone.now())
    row = (getattr(user, "pk", None), client_label, RecordAccess.Channel.API.value, what, at)
    # SQLite takes a limited number of parameters a statement: a large page there takes more.
    per_statement = (database.features.max_query_params or 6000) // len(names)
    with database.cursor() as cursor:
        for start in range(0, len(child_ids), per_statement):
            batch = child_ids[start : start + per_statement]
            values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(batch))
            # Names from the model's own metadata; every value a parameter.
            cursor.execute(insert + values, [v for pk in batch for v in (pk, *row)])


def create_once(
    *, application, key: str | None, digest: str, create: Callable[[], tuple[int, dict]]
) -> tuple[IdempotencyKey | None, tuple[int, dict] | None]:
    """Runs `create()` (which returns the response's status and body) in one transaction with
    the Idempotency-Key claimed first, and stores its response with the key.

    Returns (the key's earlier record, None) when the key was claimed already (the same key sent
    twice at once waits here for the first), else (None, what `create()` returned)."""
    with transaction.atomic():
        stored = None
        if key is not None:
            try:
                with transaction.atomic():
                    stored = IdempotencyKey.objects.create(
                        application=application,
                        key=key,
                        request_hash=digest,
                        response_status=0,
                        response_body={},
                    )
            except IntegrityError:
                return IdempotencyKey.objects.get(application=application, key=key), None
        status, body = create()
        if stored is not None:
            stored.response_status = status
            stored.response_body = body
            stored.save(update_fields=["response_status", "response_body"])
    return None, (status, body)


def advice_submit(*, advice, pk, if_match: str | None, by, actor_label: str, **submitted):
    """Records advice on the advice request `pk` (of the queryset `advice` the caller may
    change) if it has not changed since the client read it (If-Match: its ETag)."""
    with transaction.atomic():
        record = selectors.advice_locked(advice=advice, pk=pk)
        if not if_match:
            raise PreconditionRequired
        if if_match != etag_for(record):
            raise PreconditionFailed
        record = advice_record(advice=record, by=by, actor_label=actor_label, **submitted)
    return selectors.advice_reread(record)
