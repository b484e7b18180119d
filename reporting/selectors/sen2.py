"""Reads for the SEN2 pages beyond who may see them: what the request form starts with, and the
module counts and findings in the return's own order."""

import datetime

from accounts.models import User

from ..models import Sen2Return
from ..sen2.census import census_to_return
from ..sen2.modules import CSV_MODULES
from .access import sen2_check

MODULE_ORDER = {name: index for index, (name, *_rest) in enumerate(CSV_MODULES)}


def sen2_request_initial(*, user: User, today: datetime.date) -> dict:
    """The census the next return is for, and the designated officers' answers given last time
    for that year (or, failing that, last time at all): they rarely change within a year."""
    sen2_check(user=user)
    census = census_to_return(today)
    initial: dict = {"census_date": [census.day, census.month, census.year]}
    previous = (
        Sen2Return.objects.filter(census_date__year=census.year).first()
        or Sen2Return.objects.first()
    )
    if previous is not None:
        initial.update(
            dmo_in_post=previous.dmo_in_post,
            dco_in_post=previous.dco_in_post,
            dsco_in_post=previous.dsco_in_post,
        )
    return initial


def sen2_counts_in_order(*, sen2_return: Sen2Return) -> list[tuple[str, int]]:
    """Records in each module, 0 Header to 5c SEN need (the database keeps no key order)."""
    return sorted(
        sen2_return.counts.items(), key=lambda item: (MODULE_ORDER.get(item[0], 99), item[0])
    )


def sen2_findings_in_order(*, findings: list[dict]) -> list[dict]:
    """By module, then case reference: a caseworker fixes one case's problems together."""
    return sorted(
        findings,
        key=lambda f: (MODULE_ORDER.get(f.get("module"), 99), f.get("reference") or ""),
    )
