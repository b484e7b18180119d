"""The council's settings: one accessor for everything that reads them.

An administrator sets the council's name, LA number and day-counting convention in the portal
(`CouncilSettings`, one row); until then the environment's values apply. Readers call
`council_settings()`: the row is cached for `CACHE_SECONDS` in Django's cache (shared between
processes when the cache is Redis), and the service that saves it forgets the cached copy.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

CACHE_KEY = "accounts:council-settings:v1"
# Other processes with a per-process cache see a change within this time.
CACHE_SECONDS = 30
_NO_ROW = "none"


@dataclass(frozen=True)
class Council:
    name: str
    la_number: str  # three digits, e.g. "801"
    receipt_day_is_day_one: bool
    saved: bool  # False: the environment's defaults, no administrator has saved them yet


def _from_environment() -> Council:
    return Council(
        name=settings.COUNCIL_NAME,
        la_number=f"{int(settings.COUNCIL_LA_NUMBER):03d}",
        receipt_day_is_day_one=settings.SEND_RECEIPT_DAY_IS_DAY_ONE,
        saved=False,
    )


def council_settings(*, fresh: bool = False) -> Council:
    """The council's settings: the saved row, or the environment's values until one is saved."""
    stored = None if fresh else cache.get(CACHE_KEY)
    if stored is None:
        from .models import CouncilSettings

        row = CouncilSettings.objects.filter(pk=1).values(
            "name", "la_number", "receipt_day_is_day_one"
        )
        stored = dict(row[0]) if row else _NO_ROW
        cache.set(CACHE_KEY, stored, CACHE_SECONDS)
    if stored == _NO_ROW:
        # Read live, so that the environment (and a test's settings) always apply.
        return _from_environment()
    return Council(**stored, saved=True)


def council_settings_forget() -> None:
    """Drops the cached copy (after a save, and in tests)."""
    cache.delete(CACHE_KEY)
