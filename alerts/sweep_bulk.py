"""A night that raises more alerts than the table holds (the first night on a new deployment,
millions at national scale) writes them as a bulk load, on PostgreSQL only.

Inserted one statement at a time, each new alert still costs its foreign-key checks (recipient,
child, step, review: a lookup and a row lock each, at COMMIT) and an entry in each of the
table's indexes, one row at a time: most of a first night's time. For a large batch it is
cheaper to set the foreign keys and the secondary indexes aside, insert, and make them again:
an index is built in one sorted pass and a foreign key is checked with one anti-join over the
whole table. That is worth it when the new rows are many and a good part of the table, so it
is done only for a batch of at least `BULK_ROWS` that is at least half the rows already there.

All of it is in the insert's transaction: if anything fails the table is as it was, its
constraints and indexes included. Setting a foreign key aside locks the table it points to
(children, steps, reviews, staff) until COMMIT, so the bulk path waits at most `LOCK_WAIT` for
its locks and otherwise inserts row by row as on any other night.
"""

from django.db import OperationalError, connection, transaction

from .models import Alert

BULK_ROWS = 50_000
LOCK_WAIT = "5s"
# The index ON CONFLICT needs (and the primary key) stay.
KEPT_INDEXES = ("one_alert_per_step_threshold",)


def _existing_rows(cursor, table: str) -> int:
    """The planner's count of the table's rows (the table is analysed after each bulk load)."""
    cursor.execute(
        "SELECT GREATEST(reltuples, 0)::bigint FROM pg_class WHERE oid = %s::regclass", [table]
    )
    return cursor.fetchone()[0]


def worth_bulk(cursor, *, new_rows: int) -> bool:
    table = Alert._meta.db_table
    return new_rows >= BULK_ROWS and new_rows * 2 >= _existing_rows(cursor, table)


def _set_aside(cursor, table: str) -> tuple[list[tuple[str, str]], list[str]]:
    """The table's foreign keys (name, definition) and secondary indexes (definitions)."""
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE conrelid = %s::regclass AND contype = 'f' ORDER BY conname",
        [table],
    )
    foreign_keys = cursor.fetchall()
    cursor.execute(
        "SELECT i.relname, pg_get_indexdef(i.oid) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid"
        " WHERE x.indrelid = %s::regclass AND NOT x.indisprimary AND i.relname <> ALL(%s)"
        " ORDER BY i.relname",
        [table, list(KEPT_INDEXES)],
    )
    indexes = cursor.fetchall()
    return foreign_keys, indexes


def bulk_insert(cursor, insert_sql: str) -> int | None:
    """Runs `insert_sql` (an INSERT into the alert table) as a bulk load; returns the rows it
    inserted, or None if the locks were not granted in time (nothing was changed: insert the
    ordinary way). Call inside a transaction."""
    table = Alert._meta.db_table
    q = connection.ops.quote_name
    quoted = q(table)
    try:
        with transaction.atomic():
            # Checks already pending on these tables fire now: a table with pending checks
            # cannot be altered. They would have fired at COMMIT.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SHOW lock_timeout")
            lock_timeout = cursor.fetchone()[0]
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [LOCK_WAIT])
            foreign_keys, indexes = _set_aside(cursor, table)
            drops = [f"DROP CONSTRAINT {q(name)}" for name, _ in foreign_keys]
            if drops:
                cursor.execute(f"ALTER TABLE {quoted} {', '.join(drops)}")
            for name, _ in indexes:
                cursor.execute(f"DROP INDEX {q(name)}")
            cursor.execute("SELECT set_config('lock_timeout', %s, true)", [lock_timeout])
            cursor.execute(insert_sql)
            inserted = max(cursor.rowcount, 0)
            for _, definition in indexes:
                cursor.execute(definition)
            adds = [f"ADD CONSTRAINT {q(name)} {definition}" for name, definition in foreign_keys]
            if adds:
                # Each is checked with one pass over the table, not row by row.
                cursor.execute(f"ALTER TABLE {quoted} {', '.join(adds)}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    except OperationalError as error:
        if getattr(error.__cause__, "pgcode", None) != "55P03":  # lock_not_available
            raise
        cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        return None
    # The planner (and the next batch's choice) learn the table's new size.
    cursor.execute(f"ANALYZE {quoted}")
    return inserted
