"""My caseload: every open statutory step across a caseworker's cases, soonest first."""

from django.shortcuts import render

from accounts import roles
from accounts.access import roles_required

from ..forms import CaseloadFilter, FindCaseForm
from ..selectors.caseload import caseload_for


@roles_required(*roles.CASE_STAFF)
def caseload(request):
    form = CaseloadFilter(request.GET or None, user=request.user)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    found = caseload_for(user=request.user, filters=filters, page_number=request.GET.get("page"))
    return render(
        request,
        "workspace/caseload.html",
        {"form": form, "find_form": FindCaseForm(), "page": found.page, "counts": found.counts},
    )
