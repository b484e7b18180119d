"""My children: one row per child, where the case stands and what is due next; and its download."""

import io

from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from accounts import roles
from accounts.access import roles_required
from cases.models import RecordAccess
from cases.selectors import record_accesses_log
from core.csv import writer

from ..filters import ChildrenFilter
from ..selectors.children import children_page, children_rows

HEADER = (
    "Case reference",
    "Name",
    "Stage",
    "Where it stands",
    "Next step",
    "Next step due",
    "Lead caseworker",
)


def _filters(request):
    form = ChildrenFilter(request.GET or None, user=request.user)
    return form, (form.cleaned_data if form.is_bound and form.is_valid() else {})


@roles_required(*roles.CASE_STAFF)
def children_list(request):
    form, filters = _filters(request)
    page = children_page(user=request.user, filters=filters, page_number=request.GET.get("page"))
    return render(request, "workspace/children.html", {"form": form, "page": page})


@roles_required(*roles.CASE_STAFF)
def children_csv(request):
    """The whole list as filtered, one row per child; each child's record read is logged."""
    form, filters = _filters(request)
    rows, child_ids = children_rows(user=request.user, filters=filters)
    record_accesses_log(
        child_ids=child_ids,
        user=request.user,
        channel=RecordAccess.Channel.BROWSER,
        what="children list download",
    )
    out = io.StringIO()
    csv = writer(out)
    csv.writerow(HEADER)
    for row in rows:
        csv.writerow(
            (
                row.reference,
                row.name,
                row.stage_label,
                row.progress,
                row.next_title,
                row.next_due_on.isoformat() if row.next_due_on else "",
                row.lead_caseworker,
            )
        )
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    filename = f"children-{timezone.localdate():%Y-%m-%d}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
