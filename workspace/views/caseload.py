"""My caseload: every open statutory step across a caseworker's cases, soonest first."""

from django.shortcuts import render

from accounts import roles
from accounts.access import roles_required

from ..forms import CaseloadFilter
from ..selectors.caseload import caseload_for


@roles_required(*roles.CASE_STAFF)
def caseload(request):
    # The search term is sent in the body (POST), so a name typed here never lands in a URL.
    data = request.POST if request.method == "POST" else request.GET
    form = CaseloadFilter(data or None, user=request.user)
    filters = form.cleaned_data if form.is_bound and form.is_valid() else {}
    found = caseload_for(user=request.user, filters=filters, page_number=request.GET.get("page"))
    return render(
        request,
        "workspace/caseload.html",
        {"form": form, "page": found.page, "counts": found.counts},
    )
