"""The case page: the child, the EHC journey with every statutory step, and the record; the
plan laid out for reading and printing; what changed between two versions of the plan."""

from django.shortcuts import render

from accounts import roles
from accounts.access import roles_required

from ..selectors.case_page import case_page_for, plan_comparison_for, plan_version_for


@roles_required(*roles.CASE_STAFF)
def case_page(request, reference: str):
    found = case_page_for(user=request.user, reference=reference)
    return render(request, "workspace/case.html", {"case": found, "child": found.child})


@roles_required(*roles.CASE_STAFF)
def plan_version(request, reference: str, number: int):
    """Sections A-K laid out for reading and printing, version and issue date on every page."""
    found = plan_version_for(user=request.user, reference=reference, number=number)
    return render(request, "workspace/plan.html", {"found": found, "child": found.child})


@roles_required(*roles.CASE_STAFF)
def plan_compare(request, reference: str):
    found = plan_comparison_for(
        user=request.user,
        reference=reference,
        older=request.GET.get("from"),
        newer=request.GET.get("to"),
    )
    return render(request, "workspace/plan_compare.html", {"found": found, "child": found.child})
