"""The case page and the plan pages: everything they show about one child, read in a fixed
number of queries whatever the size of the record, and only for someone who may see the child.

Each read is logged (`cases.selectors.record_access_log`) before the record is loaded, so a
manager reading the access log sees their own visit."""

from dataclasses import dataclass

from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.utils import timezone

from accounts import roles
from accounts.models import User
from cases import workflow
from cases.models import (
    AnnualReview,
    Appeal,
    AssessmentRequest,
    CaseNote,
    Child,
    EHCPlan,
    Placement,
    PlanStatus,
    PlanVersion,
    ProvisionLink,
    RecordAccess,
    TimelineEvent,
    VersionKind,
)
from cases.selectors import child_get_for, record_access_log
from cases.services.plans import SECTION_TITLES, plan_versions_diff, provision_links_for_version
from core.formats import long_date

NOTES_SHOWN = 50
HISTORY_SHOWN = 200
ACCESSES_SHOWN = 100
TABS = (
    ("plan", "Plan"),
    ("assessment", "Assessment"),
    ("reviews", "Reviews"),
    ("appeals", "Appeals"),
    ("child", "Needs and contacts"),
    ("notes", "Notes"),
    ("history", "History"),
)


@dataclass(frozen=True)
class CasePage:
    child: Child
    deadlines: list
    requests: list[AssessmentRequest]
    plan: EHCPlan | None
    versions: list[PlanVersion]  # newest first
    current_version: PlanVersion | None
    provision_links: list[ProvisionLink]
    reviews: list[AnnualReview]
    appeals: list[Appeal]
    placements: list[Placement]
    needs: list
    contacts: list
    notes: list[CaseNote]
    history: list[TimelineEvent]
    steps: list[tuple[str, str]]  # (slug, label) of the steps the case may take now
    next_step: tuple[str, str] | None  # the one to take next: it meets the soonest deadline
    other_steps: list[tuple[str, str]]
    stage: str  # where the case stands, e.g. "Assessing: week 17 of 20"
    live_deadlines: list  # open, soonest first; the decision after assessing shown once
    finished_deadlines: list  # done or no longer applying, most recent first
    accesses: list[RecordAccess] | None  # managers only
    tab_list: list[tuple[str, str]]
    section_titles: dict


def _plan_prefetches() -> list:
    return [
        Prefetch("versions", queryset=PlanVersion.objects.order_by("-number")),
        Prefetch(
            "provision_links",
            queryset=ProvisionLink.objects.select_related("service__organization"),
        ),
        Prefetch("reviews", queryset=AnnualReview.objects.order_by("-due_on")),
    ]


def _current_plan(plans: list[EHCPlan]) -> EHCPlan | None:
    """The plan in force, else the most recently created one (plans come newest issue first)."""
    in_force = [p for p in plans if p.status == PlanStatus.IN_FORCE]
    if in_force:
        return in_force[0]
    return max(plans, key=lambda p: p.pk) if plans else None


def _panel_items_prefetch() -> list:
    from panels.models import AgendaItem

    return [
        Prefetch("panel_items", queryset=AgendaItem.objects.select_related("meeting__panel_type"))
    ]


def _log(child: Child, user: User, what: str) -> None:
    record_access_log(child=child, user=user, channel=RecordAccess.Channel.BROWSER, what=what)


def _child_with_record(*, user: User, reference: str, managers_log: bool) -> Child:
    """One query for the child and one per kind of related record (never one per row)."""
    child = child_get_for(user=user, reference=reference)
    _log(child, user, "case page")
    lookups = [
        "deadlines",
        Prefetch(
            "requests",
            queryset=AssessmentRequest.objects.order_by("-received_on").prefetch_related(
                "advice", "exceptions", "consultations__setting", "representations"
            ),
        ),
        Prefetch("plans", queryset=EHCPlan.objects.prefetch_related(*_plan_prefetches())),
        Prefetch("appeals", queryset=Appeal.objects.prefetch_related("orders")),
        Prefetch("placements", queryset=Placement.objects.select_related("setting")),
        "sen_needs",
        "parent_carers",
        # Sliced prefetches (the most recent only) are kept in their own attributes.
        Prefetch(
            "notes",
            queryset=CaseNote.objects.select_related("author")[:NOTES_SHOWN],
            to_attr="notes_shown",
        ),
        Prefetch(
            "timeline",
            queryset=TimelineEvent.objects.select_related("actor")[:HISTORY_SHOWN],
            to_attr="history_shown",
        ),
        *_panel_items_prefetch(),
    ]
    if managers_log:
        lookups.append(
            Prefetch(
                "accesses",
                queryset=RecordAccess.objects.select_related("user").order_by("-at")[
                    :ACCESSES_SHOWN
                ],
                to_attr="accesses_shown",
            )
        )
    prefetch_related_objects([child], *lookups)
    return child


def case_page_for(*, user: User, reference: str) -> CasePage:
    """The case page for this person (404 if they may not see the child); logs the read."""
    sees_log = user.has_role(roles.MANAGER)
    child = _child_with_record(user=user, reference=reference, managers_log=sees_log)
    plan = _current_plan(list(child.plans.all()))
    versions = list(plan.versions.all()) if plan else []
    issued = [v for v in versions if v.kind in VersionKind.issued()]
    accesses = child.accesses_shown if sees_log else None
    deadlines = list(child.deadlines.all())
    live = [d for d in deadlines if d.is_open]
    next_step, other_steps = workflow.next_steps(
        child, open_deadlines=live, case=_workflow_case(child)
    )
    return CasePage(
        child=child,
        deadlines=sorted(child.deadlines.all(), key=lambda d: (d.trigger_on, d.due_on)),
        requests=list(child.requests.all()),
        plan=plan,
        versions=versions,
        current_version=issued[0] if issued else (versions[0] if versions else None),
        provision_links=list(plan.provision_links.all()) if plan else [],
        reviews=list(plan.reviews.all()) if plan else [],
        appeals=list(child.appeals.all()),
        placements=list(child.placements.all()),
        needs=list(child.sen_needs.all()),
        contacts=list(child.parent_carers.all()),
        notes=child.notes_shown,
        history=child.history_shown,
        steps=sorted(
            (step for step in (next_step, *other_steps) if step),
            key=lambda step: list(workflow.TRANSITIONS).index(step[0]),
        ),
        next_step=next_step,
        other_steps=other_steps,
        stage=stage_of(list(child.requests.all()), plan),
        live_deadlines=_one_flag_per_miss(sorted(live, key=lambda d: (d.due_on, d.key))),
        finished_deadlines=sorted(
            (d for d in deadlines if not d.is_open),
            key=lambda d: (d.done_on or d.due_on, d.key),
            reverse=True,
        ),
        accesses=accesses,
        tab_list=[*TABS, *([("access-log", "Access log")] if sees_log else [])],
        section_titles=SECTION_TITLES,
    )


def _workflow_case(child: Child) -> workflow.Case:
    """The case as the workflow reads it, from the records this page has loaded already (no
    further query)."""
    requests = sorted(child.requests.all(), key=lambda r: (r.received_on, r.pk))
    plans = sorted(child.plans.all(), key=lambda p: p.pk)
    return workflow.Case(
        child=child,
        requests=[
            workflow.RequestRecords(
                request=r,
                advice=sorted(r.advice.all(), key=lambda a: (a.sent_on, a.pk)),
                exceptions=list(r.exceptions.all()),
                consultations=list(r.consultations.all()) if r.is_open else [],
            )
            for r in requests
        ],
        plans=plans,
        reviews=sorted((review for p in plans for review in p.reviews.all()), key=lambda r: r.pk),
        appeals=[
            workflow.AppealRecords(appeal=a, orders=list(a.orders.all()))
            for a in sorted(child.appeals.all(), key=lambda a: (a.decision_notified_on, a.pk))
        ],
        linked_plan_ids=frozenset(
            link.plan_id
            for p in plans
            for link in p.provision_links.all()
            if link.removed_on is None
        ),
    )


# After assessing, the council either notifies a decision not to issue or drafts the plan, both by
# week 16: one miss, so one row (the draft's) when both are open.
ONE_MISS = ("not_to_issue", "draft_planning_target")


def _one_flag_per_miss(live: list) -> list:
    drafts = {d.key.split(":", 1)[0] for d in live if d.key.endswith(":" + ONE_MISS[1])}
    return [
        d
        for d in live
        if not (d.key.endswith(":" + ONE_MISS[0]) and d.key.split(":", 1)[0] in drafts)
    ]


def stage_of(requests: list[AssessmentRequest], plan: EHCPlan | None) -> str:
    """Where the case stands: the open request's status and its week of the 20 (14 for a
    re-assessment), else the plan in force and its next review, else nothing open."""
    today = timezone.localdate()
    open_ones = [r for r in requests if r.is_open]
    if open_ones:
        request = max(open_ones, key=lambda r: (r.received_on, r.pk))
        limit = 14 if request.is_reassessment else 20
        week = (today - request.received_on).days // 7 + 1
        return f"{request.get_status_display()}: week {week} of {limit}"
    if plan is not None and plan.status == PlanStatus.IN_FORCE:
        due = plan.next_review_due_on
        return "EHC plan in force" + (f": next review by {long_date(due)}" if due else "")
    return "No open request or plan"


def _plan_of(child: Child) -> EHCPlan | None:
    plans = list(
        EHCPlan.objects.filter(child=child).prefetch_related(
            Prefetch(
                "versions",
                queryset=PlanVersion.objects.select_related("named_setting").order_by("number"),
            )
        )
    )
    return _current_plan(plans)


@dataclass(frozen=True)
class PlanVersionPage:
    child: Child
    plan: EHCPlan
    version: PlanVersion
    sections: list[tuple[str, str, str, list[ProvisionLink]]]  # code, title, text, links


def plan_version_for(*, user: User, reference: str, number: int) -> PlanVersionPage:
    """Sections A to K of one version of the current plan, each with the Local Offer services
    linked to it while that version was the latest (404 if there is no such version)."""
    child = child_get_for(user=user, reference=reference)
    plan = _plan_of(child)
    version = next((v for v in plan.versions.all() if v.number == number), None) if plan else None
    if version is None:
        raise Http404
    _log(child, user, f"plan version {number}")
    links = provision_links_for_version(version=version)
    sections = [
        (code, title, version.sections.get(code, ""), [k for k in links if k.section == code])
        for code, title in SECTION_TITLES.items()
    ]
    return PlanVersionPage(child=child, plan=plan, version=version, sections=sections)


@dataclass(frozen=True)
class PlanComparison:
    child: Child
    versions: list[PlanVersion]  # oldest first
    older: PlanVersion | None
    newer: PlanVersion | None
    changes: list[dict]


def _version_numbered(versions: list[PlanVersion], number: str | None) -> PlanVersion | None:
    try:
        wanted = int(number or "")
    except ValueError:
        return None
    return next((v for v in versions if v.number == wanted), None)


def plan_comparison_for(
    *, user: User, reference: str, older: str | None, newer: str | None
) -> PlanComparison:
    """What changed between two versions of the current plan (by default the last two)."""
    child = child_get_for(user=user, reference=reference)
    plan = _plan_of(child)
    if plan is None:
        raise Http404
    versions = list(plan.versions.all())
    first, second = _version_numbered(versions, older), _version_numbered(versions, newer)
    if first is None or second is None:
        first, second = (versions[-2], versions[-1]) if len(versions) > 1 else (None, None)
    _log(child, user, "plan comparison")
    changes = plan_versions_diff(older=first, newer=second) if first and second else []
    return PlanComparison(
        child=child, versions=versions, older=first, newer=second, changes=changes
    )
