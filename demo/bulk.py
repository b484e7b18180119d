"""Writing generated records fast: records are made in memory with their primary keys already
given, then each table is written in one statement per batch - PostgreSQL's COPY, or one
executemany INSERT elsewhere (SQLite). No UPDATE afterwards: every value is final when written.

Records are real model instances (the clock and `compute_deadline_rows` read them as the
services' records), made without `Model.__init__`, which checks each field by name and is the
slowest part of building a million of them: `Maker.make` fills the instance's dict from the
model's defaults and the values given (by attname, e.g. `child_id`).
"""

import datetime
import io
import json
import uuid
from contextlib import contextmanager
from decimal import Decimal

from django.core.management.color import no_style
from django.db import connection
from django.db.models.base import ModelState
from django.utils import timezone

_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})
NULL = "\\N"
INTEGERS = {
    "AutoField",
    "BigAutoField",
    "SmallAutoField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
    "ForeignKey",
    "OneToOneField",
}
TEXTS = {"CharField", "TextField", "EmailField", "SlugField", "URLField"}


def _copy_other(value) -> str:
    """A value of any other type in PostgreSQL's COPY text format."""
    if value is None:
        return NULL
    if isinstance(value, dict | list):
        value = json.dumps(value)
    elif isinstance(value, datetime.date):
        value = value.isoformat()
    return str(value).translate(_ESCAPES)


def _sqlite_other(value):
    """A value of any other type as Django stores it in SQLite."""
    if isinstance(value, dict | list):
        return json.dumps(value)
    if isinstance(value, datetime.datetime):
        if timezone.is_aware(value):
            value = timezone.make_naive(value, datetime.UTC)
        return value.isoformat(" ")
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, Decimal):
        return str(value)
    return value


def _copy_expression(field, value: str) -> str:
    """Python source for one column in COPY's text format, `value` being its source."""
    kind = field.get_internal_type()
    if kind in INTEGERS:
        text = f"str({value})"
    elif kind == "BooleanField":
        text = f"('t' if {value} else 'f')"
    elif kind == "DateField":
        text = f"{value}.isoformat()"
    elif kind in TEXTS:
        text = f"{value}.translate(ESCAPES)"
    else:
        return f"OTHER({value})"
    return f"(NULL if {value} is None else {text})" if field.null or field.primary_key else text


def _sqlite_expression(field, value: str) -> str:
    kind = field.get_internal_type()
    if kind in INTEGERS or kind in TEXTS or kind == "BooleanField":
        return value
    if kind == "DateField":
        return f"(None if {value} is None else {value}.isoformat())"
    return f"OTHER({value})"


def _row_function(fields, *, stamped: str, sqlite: bool):
    """One compiled function per table, turning an instance's dict into a row: a million rows
    go through it, and a call per value would take several times as long."""
    parts = []
    for field in fields:
        value = f"d[{field.attname!r}]"
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            parts.append("STAMPED")
        elif sqlite:
            parts.append(_sqlite_expression(field, value))
        else:
            parts.append(_copy_expression(field, value))
    source = (
        f"lambda d: ({', '.join(parts)},)"
        if sqlite
        else f"lambda d: '\\t'.join(({', '.join(parts)},)) + '\\n'"
    )
    namespace = {
        "NULL": NULL,
        "ESCAPES": _ESCAPES,
        "STAMPED": stamped,
        "OTHER": _sqlite_other if sqlite else _copy_other,
    }
    # The source is built above from the model's own field names and types, nothing else.
    return eval(compile(source, "<demo row>", "eval"), namespace)  # noqa: S307


def _stored_fields(model) -> list:
    """The columns a row is written with (a generated column is the database's to fill)."""
    return [f for f in model._meta.concrete_fields if not getattr(f, "generated", False)]


class Maker:
    """Makes instances of one model quickly; hands out primary keys when asked to."""

    def __init__(self, model, *, next_id: int | None = None):
        self.model = model
        self.defaults = {}
        self.per_row = []
        for field in _stored_fields(model):
            if (
                field.primary_key
                or getattr(field, "auto_now", False)
                or getattr(field, "auto_now_add", False)
            ):
                self.defaults[field.attname] = None
            elif field.has_default() and callable(field.default):
                self.per_row.append((field.attname, field.default))
            else:
                self.defaults[field.attname] = field.get_default()
        self.next_id = next_id

    def make(self, fields_cache: dict | None = None, **values):
        obj = self.model.__new__(self.model)
        data = obj.__dict__
        data.update(self.defaults)
        for attname, default in self.per_row:
            data[attname] = default()
        if self.next_id is not None:
            data["id"] = self.next_id
            self.next_id += 1
        data.update(values)
        state = data["_state"] = ModelState()
        state.fields_cache = fields_cache or {}
        return obj


class Table:
    """The records of one table in this batch, written in one statement by `write`. Rows can
    also be formatted elsewhere (`format`, in a worker process) and written with `write_rows`."""

    def __init__(self, model, *, with_ids: bool, now: datetime.datetime):
        self.model = model
        self.fields = [f for f in _stored_fields(model) if with_ids or not f.primary_key]
        self.records: list = []
        self.sqlite = connection.vendor != "postgresql"
        stamped = _sqlite_other(now) if self.sqlite else now.isoformat()
        self._row = _row_function(self.fields, stamped=stamped, sqlite=self.sqlite)

    def add(self, obj) -> None:
        self.records.append(obj)

    def extend(self, objs) -> None:
        self.records.extend(objs)

    def format(self, records) -> list:
        """Rows ready to write: COPY lines on PostgreSQL, tuples of parameters elsewhere."""
        row = self._row
        return [row(obj.__dict__) for obj in records]

    def format_values(self, values) -> list:
        """Rows ready to write from each record's values by attname, without an instance (the
        auto_now stamps are the table's own)."""
        row = self._row
        return [row(value) for value in values]

    def write(self) -> int:
        written = self.write_rows(self.format(self.records))
        self.records = []
        return written

    def write_rows(self, rows: list) -> int:
        if not rows:
            return 0
        table = connection.ops.quote_name(self.model._meta.db_table)
        columns = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        with connection.cursor() as cursor:
            if self.sqlite:
                marks = ", ".join(["%s"] * len(self.fields))
                cursor.executemany(
                    # Table and column names from the model, quoted; values are parameters.
                    f"INSERT INTO {table} ({columns}) VALUES ({marks})",  # noqa: S608
                    rows,
                )
            else:
                buffer = io.StringIO()
                buffer.writelines(rows)
                buffer.seek(0)
                cursor.cursor.copy_expert(f"COPY {table} ({columns}) FROM STDIN", buffer)
        return len(rows)


def next_ids(models) -> dict:
    """The first free primary key of each model's table (the loader gives keys itself)."""
    ids = {}
    with connection.cursor() as cursor:
        for model in models:
            table = connection.ops.quote_name(model._meta.db_table)
            cursor.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # noqa: S608
            ids[model] = cursor.fetchone()[0]
    return ids


def sequences_reset(models) -> None:
    """After keys given by the loader, the tables' sequences carry on past them (PostgreSQL)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


@contextmanager
def indexes_built_after(models, *, enabled: bool = True):
    """PostgreSQL: the tables' secondary indexes and foreign keys are dropped for the load and
    made again after it, inside its transaction (as pg_restore does): an index built once over
    sorted rows, and a key checked by one join, cost a fraction of keeping them up row by row.
    The primary keys and unique constraints stay, so a duplicate still fails the load."""
    if not enabled or connection.vendor != "postgresql":
        yield
        return
    tables = [model._meta.db_table for model in models]
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
            FROM pg_constraint c
            WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(%s)
            """,
            [tables],
        )
        keys = cursor.fetchall()
        cursor.execute(
            """
            SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
            FROM pg_index i
            WHERE i.indrelid::regclass::text = ANY(%s) AND NOT i.indisprimary
              AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
            """,
            [tables],
        )
        indexes = cursor.fetchall()
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        # Rows written earlier in the transaction are checked now: a table with checks pending
        # cannot be altered.
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        for table, name, _definition in keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {connection.ops.quote_name(name)}")
        for name, _definition in indexes:
            cursor.execute(f"DROP INDEX {name}")
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    yield
    with connection.cursor() as cursor:
        for _name, definition in indexes:
            cursor.execute(definition)
        for table, name, definition in keys:
            cursor.execute(
                f"ALTER TABLE {table} ADD CONSTRAINT {connection.ops.quote_name(name)} {definition}"
            )
