"""Names compared without case or accents, the same way in Python and in the database.

On PostgreSQL, `lower(unaccent(...))` (the unaccent extension, added by a migration); on SQLite,
whose lower() knows only ASCII, a function of the same rule registered on each connection."""

import unicodedata

from django.db.models import CharField, Func

SQLITE_FUNCTION = "portal_fold"


def fold(text: str) -> str:
    """'Zoë O’Brien' -> 'zoe o'brien': no accents, case folded, one kind of apostrophe."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace("\u2019", "'").replace("\u2018", "'").casefold()


class Folded(Func):
    """A text column folded as `fold` folds it."""

    output_field = CharField()
    arity = 1

    def as_sql(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, template="LOWER(UNACCENT(%(expressions)s))")

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function=SQLITE_FUNCTION, **extra)


def register_sqlite_function(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            SQLITE_FUNCTION,
            1,
            lambda value: fold(value) if value is not None else None,
            deterministic=True,
        )
