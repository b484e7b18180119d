"""How the sweep writes alerts: rows chosen by a query and inserted by the database in one
statement (INSERT ... SELECT ... ON CONFLICT DO NOTHING), never built one by one in Python; and
the date arithmetic those queries need."""

import datetime

from django.db import connection, transaction
from django.db.models import DateField, Func, Q, Value

from .models import Alert, Threshold


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


def insert_select(queryset, **columns) -> int:
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
