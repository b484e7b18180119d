"""Builds the person-level SEN2 return for a census date from the case records.

Activity (requests, assessments, plans issued and ceased) covers the calendar year before the
census year; active plans are those in force on the census date. The children in the return are
found first (their ids only, in case-reference order); then, a batch of children at a time, one
query per module (values() rows, no model instances, no query per case), assembled into the tree
Person -> Requests -> Assessment -> Named plan -> Plan detail, and Person -> Active plans ->
Placement detail / SEN need. Persons are yielded one by one, so the writers can stream them to
storage in memory that does not grow with the council. A date after the census date is treated
as not yet happened.

A plan in force (or ceased during the year) whose request falls outside the year, or which came
with no request (transferred in), hangs from a historical request and assessment (outcome H).
Re-assessments are not requests for an EHC needs assessment and are not reported as such.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.council import council_settings
from cases.models import (
    OPEN_REQUEST_STATUSES,
    AnnualReview,
    Appeal,
    AssessmentRequest,
    Child,
    EHCPlan,
    Placement,
    PlanStatus,
    SenNeed,
)

from .records import (
    REQUEST_DATES,
    active_plan_record,
    as_at,
    flag,
    historical_request,
    request_record,
)

SOFTWARE_CODE = "SEND-PORTAL"
RELEASE = "1.0"
# Children read and assembled at a time: bounds the memory whatever the size of the council.
BATCH = 1000


@dataclass
class Sen2Data:
    census_date: datetime.date
    period_start: datetime.date
    period_end: datetime.date
    header: dict
    persons: list[dict] = field(default_factory=list)


Progress = Callable[[int, str], None]


def activity_period(census_date: datetime.date) -> tuple[datetime.date, datetime.date]:
    year = census_date.year - 1
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def sen2_header(census_date: datetime.date, header: dict | None = None) -> dict:
    return {
        "Collection": "SEN2",
        "Year": str(census_date.year),
        "ReferenceDate": census_date,
        "SourceLevel": "L",
        "LEA": council_settings().la_number,
        "SoftwareCode": SOFTWARE_CODE,
        "Release": RELEASE,
        "SerialNo": "1",
        "DateTime": timezone.localtime().replace(microsecond=0).isoformat(),
        "DMO": "",
        "DCO": "",
        "DSCO": "",
        **(header or {}),
    }


def _requests_in_return(census, start, end) -> QuerySet[AssessmentRequest]:
    """Requests received in the year, and earlier ones still open when it began."""
    still_open = (
        Q(final_issued_on__gte=start)
        | Q(not_to_issue_on__gte=start)
        | Q(withdrawn_on__gte=start)
        | Q(decided_to_assess=False, decision_on__gte=start)
        | Q(status__in=OPEN_REQUEST_STATUSES)
    )
    return AssessmentRequest.objects.filter(
        Q(received_on__gte=start) | still_open, is_reassessment=False, received_on__lte=end
    )


def _plans_in_return(census, start, requests: QuerySet) -> QuerySet[EHCPlan]:
    """Plans in force on the census date, ceased during the year, or from a request reported."""
    in_force = Q(first_issued_on__lte=census) & (
        Q(ceased_on__isnull=True) | Q(ceased_on__gt=census)
    )
    ceased_in_year = Q(ceased_on__gte=start, ceased_on__lte=census)
    return (
        EHCPlan.objects.exclude(status=PlanStatus.DRAFT)
        .filter(first_issued_on__isnull=False, first_issued_on__lte=census)
        .filter(in_force | ceased_in_year | Q(request_id__in=requests.values("pk")))
    )


def _requests(requests: QuerySet, child_ids, census) -> list[dict]:
    rows = requests.filter(child_id__in=child_ids).values(
        "pk",
        "child_id",
        "received_on",
        "source",
        "youth_custody",
        "decided_to_assess",
        "decision_on",
        "not_to_issue_on",
        "final_issued_on",
        "withdrawn_on",
        "exported",
        "exception_applied",
    )
    return [as_at(dict(row), census, REQUEST_DATES) for row in rows.order_by("received_on", "pk")]


def _plans(plans: QuerySet, child_ids, census) -> list[dict]:
    rows = (
        plans.filter(child_id__in=child_ids)
        .values(
            "pk",
            "child_id",
            "request_id",
            "request__received_on",
            "request__is_reassessment",
            "first_issued_on",
            "transferred_in",
            "residential",
            "work_based_learning",
            "personal_budget_taken_up",
            "organised_arrangements",
            "direct_payments",
            "ceased_on",
            "cease_reason",
            "named_setting_code",
            "named_setting__urn",
            "named_setting__ukprn",
            "named_setting__has_sen_unit",
            "named_setting__has_resourced_provision",
        )
        .order_by("first_issued_on", "pk")
    )
    plans_read = []
    for row in rows:
        row = as_at(dict(row), census, ("ceased_on",))
        row["active"] = row["ceased_on"] is None
        plans_read.append(row)
    return plans_read


def _appeals(child_ids) -> dict[int, list[dict]]:
    by_child = defaultdict(list)
    for row in Appeal.objects.filter(child_id__in=child_ids).values(
        "child_id",
        "request_id",
        "decision_appealed",
        "decision_notified_on",
        "mediation_held_on",
        "mediation_certificate_on",
        "appeal_registered_on",
    ):
        by_child[row["child_id"]].append(row)
    return by_child


def _latest_reviews(plan_ids, census) -> dict[int, dict]:
    latest: dict[int, dict] = {}
    rows = (
        AnnualReview.objects.filter(plan_id__in=plan_ids, meeting_on__lte=census)
        .values(
            "plan_id",
            "meeting_on",
            "decision",
            "decision_notified_on",
            "proposed_amendments_sent_on",
            "phase_transfer_due_on",
            "amended_plan_issued_on",
        )
        .order_by("plan_id", "meeting_on")
    )
    for row in rows:
        latest[row["plan_id"]] = as_at(
            dict(row),
            census,
            ("decision_notified_on", "proposed_amendments_sent_on", "amended_plan_issued_on"),
        )
    return latest


def _placements(child_ids, start, census) -> dict[int, list[dict]]:
    by_child = defaultdict(list)
    rows = (
        Placement.objects.filter(child_id__in=child_ids, entry_on__lte=census)
        .filter(Q(leaving_on__isnull=True) | Q(leaving_on__gte=start))
        .values(
            "child_id",
            "setting__urn",
            "setting__ukprn",
            "setting_code",
            "rank",
            "entry_on",
            "leaving_on",
            "in_sen_unit",
            "in_resourced_provision",
            "residential",
            "work_based_learning",
        )
        .order_by("child_id", "rank", "entry_on")
    )
    for p in rows:
        by_child[p["child_id"]].append(
            {
                "URN": p["setting__urn"] or "",
                "UKPRN": p["setting__ukprn"] or "",
                "SENsetting": p["setting_code"] or "",
                "PlacementRank": str(p["rank"]),
                "EntryDate": p["entry_on"],
                "LeavingDate": p["leaving_on"]
                if p["leaving_on"] and p["leaving_on"] <= census
                else None,
                "SENunitIndicator": flag(p["in_sen_unit"]),
                "ResourcedProvisionIndicator": flag(p["in_resourced_provision"]),
                "PlacementResidential": flag(p["residential"]),
                "PlacementWBL": flag(p["work_based_learning"]),
            }
        )
    return by_child


def _needs(child_ids) -> dict[int, list[dict]]:
    by_child = defaultdict(list)
    for n in SenNeed.objects.filter(child_id__in=child_ids).values("child_id", "need_type", "rank"):
        by_child[n["child_id"]].append({"SENtype": n["need_type"], "SENtypeRank": str(n["rank"])})
    for needs in by_child.values():
        needs.sort(key=lambda n: n["SENtypeRank"])
    return by_child


def _children(child_ids) -> list[dict]:
    return list(
        Child.objects.filter(pk__in=child_ids)
        .values(
            "pk",
            "reference",
            "surname",
            "forename",
            "date_of_birth",
            "sex",
            "ethnicity",
            "postcode",
            "upn",
            "uln",
            "upn_unknown_reason",
        )
        .order_by("reference")
    )


def _persons(child_ids, requests_in, plans_in, census, start, end) -> Iterator[dict]:
    """One batch of children, each assembled into its person record, in reference order."""
    requests = _requests(requests_in, child_ids, census)
    plans = _plans(plans_in, child_ids, census)
    appeals = _appeals(child_ids)
    active = [p for p in plans if p["active"]]
    reviews = _latest_reviews([p["pk"] for p in active], census)
    placements = _placements({p["child_id"] for p in active}, start, census)
    needs = _needs({p["child_id"] for p in active})
    requests_by_child = defaultdict(list)
    for r in requests:
        requests_by_child[r["child_id"]].append(r)
    plan_by_request = {p["request_id"]: p for p in plans if p["request_id"]}
    plans_by_child = defaultdict(list)
    for p in plans:
        plans_by_child[p["child_id"]].append(p)
    for child in _children(child_ids):
        pk = child["pk"]
        person = {
            "PersonID": child["reference"],
            "Surname": child["surname"],
            "Forename": child["forename"],
            "PersonBirthDate": child["date_of_birth"],
            "Sex": child["sex"],
            "Ethnicity": child["ethnicity"],
            "PostCode": child["postcode"],
            "UPN": child["upn"],
            "UniqueLearnerNumber": child["uln"],
            "UPNunknown": child["upn_unknown_reason"],
            "requests": [],
            "active_plans": [],
        }
        reported_plans = set()
        for r in requests_by_child[pk]:
            plan = plan_by_request.get(r["pk"])
            record = request_record(len(person["requests"]) + 1, r, appeals[pk], plan, census)
            person["requests"].append(record)
            if record["assessment"] and record["assessment"]["named_plan"]:
                reported_plans.add(plan["pk"])
        for plan in plans_by_child[pk]:
            if plan["pk"] not in reported_plans and not plan["request__is_reassessment"]:
                person["requests"].append(historical_request(len(person["requests"]) + 1, plan))
            if plan["active"]:
                record = active_plan_record(plan, reviews.get(plan["pk"]), start, end)
                record["placements"] = placements[pk]
                record["needs"] = needs[pk]
                person["active_plans"].append(record)
        yield person


def sen2_persons(
    *, census_date: datetime.date, progress: Progress | None = None, batch: int = BATCH
) -> Iterator[dict]:
    """Every person in the return, in case-reference order, read a batch of children at a time."""
    report = progress or (lambda percent, stage: None)
    start, end = activity_period(census_date)
    report(5, "Finding the children in the return")
    requests_in = _requests_in_return(census_date, start, end)
    plans_in = _plans_in_return(census_date, start, requests_in)
    child_ids = list(
        Child.objects.filter(
            Q(pk__in=requests_in.values("child_id")) | Q(pk__in=plans_in.values("child_id"))
        )
        .order_by("reference")
        .values_list("pk", flat=True)
    )
    for offset in range(0, len(child_ids), batch):
        report(
            10 + 70 * offset // len(child_ids),
            f"Reading and writing the records: {offset:,} of {len(child_ids):,} children",
        )
        yield from _persons(
            child_ids[offset : offset + batch], requests_in, plans_in, census_date, start, end
        )


def sen2_build(
    *,
    census_date: datetime.date,
    header: dict | None = None,
    progress: Progress | None = None,
) -> Sen2Data:
    """The whole return in memory (for checks and small councils; the service streams it)."""
    start, end = activity_period(census_date)
    return Sen2Data(
        census_date=census_date,
        period_start=start,
        period_end=end,
        header=sen2_header(census_date, header),
        persons=list(sen2_persons(census_date=census_date, progress=progress)),
    )
