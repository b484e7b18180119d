"""How the sweep writes alerts: rows chosen by a query and inserted by the database in one
statement (INSERT ... SELECT ... ON CONFLICT DO NOTHING), never built one by one in Python; and
the date arithmetic those queries need.

During a sweep on PostgreSQL (`collecting()`), each raising step's rows are chosen into a
temporary table and the night's alerts are all inserted together at the end (`collected_insert`):
one insert a night, so a first night raising millions is one bulk load (`sweep_bulk`) rather
than one per kind of alert, each paying row by row for the ones before it."""

import contextlib
import datetime

from django.db import DatabaseError, connection, transaction
from django.db.models import DateField, Func, Q, Value

from .models import Alert, Threshold
from .sweep_bulk import bulk_insert, worth_bulk


def windows(today: datetime.date) -> dict[str, Q]:
    return {
        Threshold.OVERDUE: Q(due_on__lt=today),
        Threshold.DUE_TODAY: Q(due_on=today),
        Threshold.DUE_1_WEEK: Q(due_on__gt=today, due_on__lte=today + datetime.timedelta(days=7)),
        Threshold.DUE_2_WEEKS: Q(
            due_on__gt=today + datetime.timedelta(days=7),
            due_on__lte=today + datetime.timedelta(days=14),
        ),
    }


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


BATCH = "sweep_batch"
UNIQUE = ("child_id", "key", "threshold", "due_on")  # the one_alert_per_step_threshold index


def _casts() -> str:
    types = {f.column: f.db_type(connection) for f in Alert._meta.concrete_fields}
    return ", ".join(
        f"CAST({connection.ops.quote_name('alert_' + name)} AS {types[name]})" for name in COLUMNS
    )


def _insert_from(source: str) -> str:
    table = connection.ops.quote_name(Alert._meta.db_table)
    names = ", ".join(connection.ops.quote_name(name) for name in COLUMNS)
    # Names and types come from the Alert model, never from input.
    # In the order of the unique index, which is filled as it goes: each new entry lands next
    # to the last, rather than anywhere in an index larger than the database's buffers.
    order = ", ".join(connection.ops.quote_name(f"alert_{name}") for name in UNIQUE)
    return (
        f"INSERT INTO {table} ({names}) SELECT {_casts()} FROM {source}"  # noqa: S608
        f" ORDER BY {order} ON CONFLICT DO NOTHING"
    )


def _insert(cursor, source: str, chosen: int) -> int:
    """The rows in `source` into the alert table, as a bulk load if they are many."""
    insert = _insert_from(source)
    inserted = None
    if worth_bulk(cursor, new_rows=chosen):
        inserted = bulk_insert(cursor, insert)
    if inserted is None:
        cursor.execute(insert)
        inserted = max(cursor.rowcount, 0)
    return inserted


def insert_select(queryset, **columns) -> int:
    """INSERT INTO alert (...) SELECT ... ON CONFLICT DO NOTHING: the rows are chosen and written
    inside the database in one statement; alerts that exist already are left as they are.
    Returns how many were new; while `collecting()`, how many were chosen for the night's
    insert."""
    selected = queryset.order_by().annotate(
        **{f"alert_{name}": expr for name, expr in columns.items()}
    )
    selected = selected.values_list(*(f"alert_{name}" for name in COLUMNS))
    select_sql, params = selected.query.sql_with_params()
    if connection.vendor != "postgresql":
        table = connection.ops.quote_name(Alert._meta.db_table)
        names = ", ".join(connection.ops.quote_name(name) for name in COLUMNS)
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {table} ({names}) {select_sql} ON CONFLICT DO NOTHING", params
            )
            return max(cursor.rowcount, 0)
    # PostgreSQL runs the SELECT of an INSERT ... SELECT on one core; CREATE TABLE AS can use
    # parallel workers. So the rows are chosen into a temporary table first, then inserted.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMPORARY TABLE sweep_rows ON COMMIT DROP AS {select_sql}", params)
        chosen = cursor.rowcount
        if getattr(connection, "alerts_collecting", False):
            cursor.execute(f"INSERT INTO {BATCH} SELECT {_casts()} FROM sweep_rows")  # noqa: S608
            result = chosen
        else:
            result = _insert(cursor, "sweep_rows", chosen)
        cursor.execute("DROP TABLE sweep_rows")  # now, in case an outer transaction goes on
        return result


@contextlib.contextmanager
def collecting():
    """While open, on PostgreSQL, `insert_select` collects its rows for `collected_insert`; on
    leaving, rows not inserted (a sweep that failed) are dropped."""
    if connection.vendor != "postgresql":
        yield
        return
    types = {f.column: f.db_type(connection) for f in Alert._meta.concrete_fields}
    columns = ", ".join(
        f"{connection.ops.quote_name('alert_' + name)} {types[name]}" for name in COLUMNS
    )
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {BATCH}")
        cursor.execute(f"CREATE TEMPORARY TABLE {BATCH} ({columns})")
    connection.alerts_collecting = True
    try:
        yield
    finally:
        connection.alerts_collecting = False
        # Gone with the session anyway; the next sweep drops it first if it is still there.
        with contextlib.suppress(DatabaseError):
            if connection.connection is not None and not connection.needs_rollback:
                with connection.cursor() as cursor:
                    cursor.execute(f"DROP TABLE IF EXISTS {BATCH}")


def collected_insert() -> int:
    """Inserts the rows collected so far in one statement (or one bulk load); returns how many
    alerts were new."""
    if not getattr(connection, "alerts_collecting", False):
        return 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {BATCH}")  # noqa: S608
        chosen = cursor.fetchone()[0]
        inserted = _insert(cursor, BATCH, chosen) if chosen else 0
        cursor.execute(f"TRUNCATE {BATCH}")
        return inserted


def constant(value, field):
    return Value(value, output_field=field)


class MonthsAfter(Func):
    """`months` calendar months after a date, by corresponding date, a missing day falling on
    the month's last day: `cases.timescales.months_after` in SQL (PostgreSQL's date arithmetic
    does this; SQLite's runs on into the next month, so it is brought back to the last day)."""

    output_field = DateField()

    def __init__(self, expression, months: int):
        super().__init__(expression)
        self.months = months

    def as_postgresql(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        return f"(({sql}) + make_interval(months => %s))::date", (*params, self.months)

    def as_sqlite(self, compiler, connection, **extra):
        sql, params = compiler.compile(self.source_expressions[0])
        shifted = f"date({sql}, %s)"
        step = f"{self.months:+d} months"
        return (
            f"CASE WHEN strftime('%%d', {shifted}) = strftime('%%d', {sql}) THEN {shifted} "
            f"ELSE date({shifted}, 'start of month', '-1 day') END",
            (*params, step, *params, *params, step, *params, step),
        )
