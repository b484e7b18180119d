"""My children: one row per child a person works on, with where the case stands (the stage, the
week of the 20, or the next annual review) and the next statutory step with its due date.

Every figure is worked out by the database for the whole list in one query (correlated
subqueries on indexed columns), so sorting by the next due date over 250 children costs one
statement; only the page shown is turned into rows."""

import datetime
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Case, F, OuterRef, QuerySet, Subquery, Value, When
from django.utils import timezone

from accounts.models import User
from cases.models import (
    OPEN_REQUEST_STATUSES,
    AssessmentRequest,
    Child,
    EHCPlan,
    PlanStatus,
    RequestStatus,
    StatutoryDeadline,
)
from cases.selectors import caseworkers_assignable_by

from .caseload import _children_in_scope, default_scope

PER_PAGE = 50
PLAN = "plan"
NO_OPEN_WORK = "none"
STAGE_LABELS = {
    RequestStatus.AWAITING_DECISION.value: "Awaiting the decision to assess",
    RequestStatus.ASSESSING.value: "Assessing",
    RequestStatus.DRAFT_ISSUED.value: "Draft plan issued",
    PLAN: "EHC plan in force",
    NO_OPEN_WORK: "No open request or plan",
}
SORTS = {
    "next_due": (F("next_due_on").asc(nulls_last=True), "surname", "forename", "pk"),
    "name": ("surname", "forename", "pk"),
    "stage": ("stage", F("next_due_on").asc(nulls_last=True), "pk"),
    "reference": ("reference",),
}


@dataclass(frozen=True)
class ChildRow:
    reference: str
    name: str
    stage: str
    stage_label: str
    progress: str  # "Week 17 of 20", "Next review by 12 May 2027", or ""
    overdue_weeks: bool  # past the 20 (or 14) weeks
    next_title: str
    next_due_on: datetime.date | None
    next_state: str
    lead_caseworker: str


def _annotated(children: QuerySet[Child]) -> QuerySet[Child]:
    open_request = AssessmentRequest.objects.filter(
        child=OuterRef("pk"), status__in=OPEN_REQUEST_STATUSES
    ).order_by("-received_on", "-pk")
    plan = EHCPlan.objects.filter(child=OuterRef("pk"), status=PlanStatus.IN_FORCE).order_by("-pk")
    next_step = StatutoryDeadline.objects.filter(
        child=OuterRef("pk"), is_open=True, statutory=True
    ).order_by("due_on", "pk")
    return children.annotate(
        request_status=Subquery(open_request.values("status")[:1]),
        request_received_on=Subquery(open_request.values("received_on")[:1]),
        request_is_reassessment=Subquery(open_request.values("is_reassessment")[:1]),
        next_review_due_on=Subquery(plan.values("next_review_due_on")[:1]),
        has_plan=Subquery(plan.values("pk")[:1]),
        next_title=Subquery(next_step.values("title")[:1]),
        next_due_on=Subquery(next_step.values("due_on")[:1]),
        next_state=Subquery(next_step.values("state")[:1]),
    ).annotate(
        stage=Case(
            When(request_status__isnull=False, then=F("request_status")),
            When(has_plan__isnull=False, then=Value(PLAN)),
            default=Value(NO_OPEN_WORK),
        )
    )


def children_for(*, user: User, filters: dict) -> QuerySet[Child]:
    """The children this person may see, in the scope and filters asked (scope, caseworker,
    unallocated, stage, overdue, sort: each optional), as annotated values, sorted."""
    children = _children_in_scope(user, filters.get("scope") or default_scope(user=user))
    caseworker = filters.get("caseworker")
    if caseworker is not None:
        # Only someone in a team this person manages: never a way to list another team.
        allowed = caseworkers_assignable_by(user=user).filter(pk=caseworker.pk)
        children = children.filter(lead_caseworker__in=allowed)
    if filters.get("unallocated"):
        children = children.filter(lead_caseworker__isnull=True)
    rows = _annotated(children)
    if filters.get("stage"):
        rows = rows.filter(stage=filters["stage"])
    if filters.get("overdue"):
        rows = rows.filter(next_state="overdue")
    return rows.order_by(*SORTS.get(filters.get("sort") or "next_due", SORTS["next_due"])).values(
        "pk",
        "reference",
        "forename",
        "surname",
        "stage",
        "request_received_on",
        "request_is_reassessment",
        "next_review_due_on",
        "next_title",
        "next_due_on",
        "next_state",
        "lead_caseworker__first_name",
        "lead_caseworker__last_name",
    )


def _row(values: dict, today: datetime.date) -> ChildRow:
    stage = values["stage"]
    progress, late = "", False
    if values["request_received_on"] and stage != PLAN:
        limit = 14 if values["request_is_reassessment"] else 20
        week = (today - values["request_received_on"]).days // 7 + 1
        progress, late = f"Week {week} of {limit}", week > limit
    elif stage == PLAN and values["next_review_due_on"]:
        progress = f"Next review by {values['next_review_due_on']:%-d %B %Y}"
    caseworker = " ".join(
        filter(None, (values["lead_caseworker__first_name"], values["lead_caseworker__last_name"]))
    )
    return ChildRow(
        reference=values["reference"],
        name=f"{values['forename']} {values['surname']}",
        stage=stage,
        stage_label=STAGE_LABELS.get(stage, stage),
        progress=progress,
        overdue_weeks=late,
        next_title=values["next_title"] or "",
        next_due_on=values["next_due_on"],
        next_state=values["next_state"] or "",
        lead_caseworker=caseworker or "Not allocated",
    )


def children_page(*, user: User, filters: dict, page_number=None) -> Page:
    """A page of `children_for`, as rows."""
    today = timezone.localdate()
    page = Paginator(children_for(user=user, filters=filters), PER_PAGE).get_page(page_number)
    page.object_list = [_row(values, today) for values in page.object_list]
    return page


def children_rows(*, user: User, filters: dict) -> tuple[list[ChildRow], list[int]]:
    """Every row of `children_for` (for the download), with the children's ids (for the log of
    who read which child's record)."""
    today = timezone.localdate()
    values = list(children_for(user=user, filters=filters))
    return [_row(v, today) for v in values], [v["pk"] for v in values]
