"""The dashboards (a team manager for their teams, the head of service for the whole service):
parse the filters, build the figures, render; and each figure's table as CSV."""

from urllib.parse import urlencode

from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from accounts.access import roles_required

from .figure_base import once
from .figures import DASHBOARDS, FIGURES
from .forms import ReportFilterForm
from .selectors.access import REPORT_ROLES, sen2_allowed
from .selectors.drilldown import drill_down_for
from .selectors.measures import forecast_breaches_for, request_decisions


def _filters(request):
    form = ReportFilterForm(request.GET or None, user=request.user, today=timezone.localdate())
    return form, form.scope()


def _dashboard(request, name: str, extra: dict | None = None):
    form, scope = _filters(request)
    title, keys = DASHBOARDS[name]
    memo: dict = {}
    figures = [FIGURES[key](scope, memo) for key in keys]
    for figure in figures:
        figure.link_base = scope.filters  # each number's cases, for the same filters
    query = request.GET.urlencode() if form.is_bound and form.is_valid() else ""
    context = {
        "form": form,
        "scope": scope,
        "dashboard": name,
        "dashboard_title": title,
        "dashboards": [(key, label) for key, (label, _keys) in DASHBOARDS.items()],
        "figures": figures,
        "query": query,
        "sen2_allowed": sen2_allowed(user=request.user),
        **(extra(scope, memo) if extra else {}),
    }
    status = 200 if not form.is_bound or form.is_valid() else 400
    return render(request, "reporting/dashboard.html", context, status=status)


@roles_required(*REPORT_ROLES)
def timeliness_dashboard(request):
    return _dashboard(request, "timeliness")


@roles_required(*REPORT_ROLES)
def measures_dashboard(request):
    def breaches(scope, memo):
        # Counted in the same pass over the requests as the page's decision measures.
        counts = once(memo, "decisions", request_decisions, scope)["breaches"]
        return {"breaches": forecast_breaches_for(scope=scope, user=request.user, counts=counts)}

    return _dashboard(request, "measures", breaches)


@roles_required(*REPORT_ROLES)
def cohort_dashboard(request):
    return _dashboard(request, "cohort")


@roles_required(*REPORT_ROLES)
def cases_behind(request):
    """The cases behind one number of a figure, for the same filters, a page at a time."""
    form, scope = _filters(request)
    found = drill_down_for(
        user=request.user, scope=scope, params=request.GET, page_number=request.GET.get("page")
    )
    back = reverse(f"reporting:{found.dashboard}")
    if scope.filters:
        back += f"?{urlencode(scope.filters)}"
    context = {"form": form, "found": found, "scope": found.scope, "back": back}
    return render(request, "reporting/cases.html", context)


@roles_required(*REPORT_ROLES)
def figure_csv(request):
    """One figure's table, for the same filters as the page it came from."""
    key = request.GET.get("figure", "")
    if key not in FIGURES:
        raise Http404
    _form, scope = _filters(request)
    figure = FIGURES[key](scope, {})
    response = HttpResponse(
        figure.csv(filters=scope.described()), content_type="text/csv; charset=utf-8"
    )
    filename = f"{key}-{scope.today:%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
