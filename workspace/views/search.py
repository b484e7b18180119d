"""Find a case. The search is sent in the body (POST), so a name typed here never lands in a URL,
a browser's history or a server's log."""

from django.shortcuts import render

from accounts import roles
from accounts.access import roles_required

from ..forms import FindCaseForm
from ..selectors.search import children_search


@roles_required(*roles.CASE_STAFF)
def find_case(request):
    form = FindCaseForm(request.POST if request.method == "POST" else None)
    found = None
    if form.is_bound and form.is_valid():
        found = children_search(user=request.user, query=form.cleaned_data["q"])
    return render(request, "workspace/find.html", {"form": form, "found": found})
