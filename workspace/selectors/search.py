"""Find a case: any child the person may see, by part or all of their name (in any order, with or
without accents), case reference, UPN, ULN, NHS number, date of birth or postcode; best first,
in one query."""

import datetime
import re
from dataclasses import dataclass

from django.db import connection
from django.db.models import (
    Case,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Concat, Replace, Upper

from accounts.models import User
from cases.models import Child, EHCPlan, PlanStatus, StatutoryDeadline
from cases.selectors import children_visible_to

from ..folding import Folded, fold

MOST_SHOWN = 50
QUERY_MAX_LENGTH = 100
DATE = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
OUTWARD_CODE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?$")
WORD = re.compile(r"[^\W\d_]+(?:['\u2019-][^\W\d_]+)*")  # letters, with inner ' or -


@dataclass(frozen=True)
class ChildFound:
    child: Child
    stage: str  # the open statutory step due soonest, or else where the case stands


def _date(token: str) -> datetime.date | None:
    match = DATE.match(token)
    if not match:
        return None
    day, month, year = (int(part) for part in match.groups())
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def _identifier_match(token: str) -> Q:
    """One token (or the whole query, spaces removed) as a reference, UPN, ULN, NHS number,
    date of birth or postcode."""
    compact = token.replace(" ", "").upper()
    if not compact:
        return Q(pk__in=[])
    found = (
        Q(reference__iexact=compact)
        | Q(upn__iexact=compact)
        | Q(uln=compact)
        | Q(nhs_number=compact)
        | Q(postcode_compact=compact)
    )
    if re.fullmatch(r"(SEND-?)?\d{3,}", compact):
        found |= Q(reference__iendswith=compact.removeprefix("SEND").removeprefix("-"))
    if OUTWARD_CODE.match(compact):
        found |= Q(postcode_compact__startswith=compact) & ~Q(postcode_compact=compact)
    born = _date(token)
    if born:
        found |= Q(date_of_birth=born)
    return found


def _name_match(word: str) -> Q:
    folded = fold(word)
    found = Q(forename_folded__contains=folded) | Q(surname_folded__contains=folded)
    if connection.vendor == "postgresql" and len(folded) >= 4:
        # Spelt nearly right ("Jonh" for "John"): pg_trgm's word similarity.
        found |= Q(name_folded__trigram_word_similar=folded)
    return found


def _filter(query: str) -> Q:
    """The whole query as one identifier (a postcode has a space), or else every word of it
    matching some part of the child's name or identifiers."""
    tokens = query.split()
    every_token = Q()
    for token in tokens:
        match = _identifier_match(token)
        word = token.strip(".,;:()")
        if WORD.fullmatch(word):  # a token with digits in it is an identifier, not a name
            match |= _name_match(word)
        every_token &= match
    return _identifier_match(query) | every_token


def _rank(query: str):
    """Exact identifiers first, then exact names, then names that start as typed, then the rest
    (on PostgreSQL, ordered within each by trigram similarity)."""
    folded = fold(query)
    compact = query.replace(" ", "").upper()
    exact = (
        Q(reference__iexact=compact)
        | Q(upn__iexact=compact)
        | Q(uln=compact)
        | Q(nhs_number=compact)
        | Q(postcode_compact=compact)
    )
    born = _date(query.strip())
    if born:
        exact |= Q(date_of_birth=born)
    score = Case(
        When(exact, then=Value(400)),
        When(Q(name_folded=folded) | Q(reversed_name_folded=folded), then=Value(300)),
        When(Q(surname_folded=folded) | Q(forename_folded=folded), then=Value(200)),
        When(
            Q(surname_folded__startswith=folded) | Q(name_folded__startswith=folded),
            then=Value(100),
        ),
        default=Value(0),
        output_field=IntegerField(),
    )
    if connection.vendor == "postgresql":
        from django.contrib.postgres.search import TrigramWordSimilarity

        return score + TrigramWordSimilarity(Value(folded), "name_folded")
    return score + Value(0.0, output_field=FloatField())


def _searchable(children: QuerySet[Child]) -> QuerySet[Child]:
    return children.annotate(
        forename_folded=Folded("forename"),
        surname_folded=Folded("surname"),
        name_folded=Folded(Concat("forename", Value(" "), "surname")),
        reversed_name_folded=Folded(Concat("surname", Value(" "), "forename")),
        postcode_compact=Replace(Upper("postcode"), Value(" "), Value("")),
    )


def children_search(*, user: User, query: str, limit: int = MOST_SHOWN) -> list[ChildFound]:
    """The children this person may see who match the query, best first (at most `limit`)."""
    query = " ".join((query or "").split())[:QUERY_MAX_LENGTH]
    if not query:
        return []
    soonest_step = (
        StatutoryDeadline.objects.filter(child=OuterRef("pk"), is_open=True, statutory=True)
        .order_by("due_on")
        .values("title")[:1]
    )
    plan_status = (
        EHCPlan.objects.filter(child=OuterRef("pk"))
        .order_by(Case(When(status=PlanStatus.IN_FORCE, then=Value(0)), default=Value(1)), "-pk")
        .values("status")[:1]
    )
    found = (
        _searchable(children_visible_to(user=user))
        .filter(_filter(query))
        .annotate(
            rank=_rank(query),
            soonest_step=Subquery(soonest_step),
            plan_status=Subquery(plan_status),
        )
        .order_by(F("rank").desc(), "surname", "forename", "reference")[:limit]
    )
    return [ChildFound(child=child, stage=_stage(child)) for child in found]


def _stage(child: Child) -> str:
    if child.soonest_step:
        return child.soonest_step
    if child.plan_status:
        return f"EHC plan: {PlanStatus(child.plan_status).label.lower()}"
    return "No open statutory step"
