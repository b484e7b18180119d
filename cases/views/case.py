"""The case page: the child, the EHC journey with every statutory step, and the record."""

from django.http import Http404
from django.shortcuts import render

from accounts import roles
from accounts.access import roles_required

from ..models import PlanStatus, RecordAccess, VersionKind
from ..selectors import child_get_for, record_access_log, record_accesses_for
from ..services.plans import SECTION_TITLES, plan_versions_diff, provision_links_for_version
from .steps import steps_allowed

JOURNEY_ORDER = (
    "decision",
    "advice",
    "outcome",
    "draft",
    "final_plan",
    "review",
    "appeal",
    "tribunal_order",
)


def _current_plan(child):
    return (
        child.plans.filter(status=PlanStatus.IN_FORCE).first()
        or child.plans.order_by("-pk").first()
    )


@roles_required(*roles.CASE_STAFF)
def case_page(request, reference: str):
    child = child_get_for(user=request.user, reference=reference)
    record_access_log(
        child=child, user=request.user, channel=RecordAccess.Channel.BROWSER, what="case page"
    )
    deadlines = sorted(child.deadlines.all(), key=lambda d: (d.trigger_on, d.due_on))
    plan = _current_plan(child)
    versions = list(plan.versions.order_by("-number")) if plan else []
    issued = [v for v in versions if v.kind in VersionKind.issued()]
    context = {
        "child": child,
        "deadlines": deadlines,
        "requests": child.requests.prefetch_related(
            "advice", "exceptions", "consultations__setting", "representations"
        ).order_by("-received_on"),
        "plan": plan,
        "current_version": issued[0] if issued else (versions[0] if versions else None),
        "versions": versions,
        "provision_links": plan.provision_links.select_related("service__organization")
        if plan
        else [],
        "section_titles": SECTION_TITLES,
        "reviews": plan.reviews.order_by("-due_on") if plan else [],
        "appeals": child.appeals.prefetch_related("orders"),
        "placements": child.placements.select_related("setting"),
        "needs": child.sen_needs.all(),
        "contacts": child.parent_carers.all(),
        "notes": child.notes.select_related("author")[:50],
        "history": child.timeline.select_related("actor")[:200],
        "steps": steps_allowed(child),
        "accesses": record_accesses_for(child=child)[:100]
        if request.user.has_role(roles.MANAGER)
        else None,
    }
    context["tab_list"] = [
        ("plan", "Plan"),
        ("assessment", "Assessment"),
        ("reviews", "Reviews"),
        ("appeals", "Appeals"),
        ("child", "Needs and contacts"),
        ("notes", "Notes"),
        ("history", "History"),
    ] + ([("access-log", "Access log")] if context["accesses"] is not None else [])
    return render(request, "cases/case.html", context)


def _version(child, number: int):
    plan = _current_plan(child)
    version = plan.versions.filter(number=number).first() if plan else None
    if version is None:
        raise Http404
    return plan, version


@roles_required(*roles.CASE_STAFF)
def plan_version(request, reference: str, number: int):
    """Sections A-K laid out for reading and printing, version and issue date on every page."""
    child = child_get_for(user=request.user, reference=reference)
    plan, version = _version(child, number)
    record_access_log(
        child=child,
        user=request.user,
        channel=RecordAccess.Channel.BROWSER,
        what=f"plan version {number}",
    )
    links = provision_links_for_version(version=version)
    sections = [
        (
            code,
            title,
            version.sections.get(code, ""),
            [link for link in links if link.section == code],
        )
        for code, title in SECTION_TITLES.items()
    ]
    return render(
        request,
        "cases/plan.html",
        {"child": child, "plan": plan, "version": version, "sections": sections},
    )


@roles_required(*roles.CASE_STAFF)
def plan_compare(request, reference: str):
    child = child_get_for(user=request.user, reference=reference)
    plan = _current_plan(child)
    if plan is None:
        raise Http404
    versions = list(plan.versions.order_by("number"))
    try:
        older = next(v for v in versions if v.number == int(request.GET.get("from", "")))
        newer = next(v for v in versions if v.number == int(request.GET.get("to", "")))
    except (StopIteration, ValueError):
        older, newer = (versions[-2], versions[-1]) if len(versions) > 1 else (None, None)
    record_access_log(
        child=child, user=request.user, channel=RecordAccess.Channel.BROWSER, what="plan comparison"
    )
    changes = plan_versions_diff(older=older, newer=newer) if older and newer else []
    return render(
        request,
        "cases/plan_compare.html",
        {"child": child, "versions": versions, "older": older, "newer": newer, "changes": changes},
    )
