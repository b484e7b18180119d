from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_POST

from accounts import roles
from accounts.access import roles_required

from .selectors import inbox_for
from .services import alert_mark_read, alerts_mark_all_read


def _case_url(reference: str) -> str | None:
    try:
        return reverse("workspace:case", kwargs={"reference": reference})
    except NoReverseMatch:
        return None


@roles_required(*roles.CASE_STAFF)
def inbox(request):
    by_case = request.GET.get("group") == "case"
    alerts = inbox_for(user=request.user, by_case=by_case)
    page = Paginator(alerts, 50).get_page(request.GET.get("page"))
    for alert in page:
        alert.case_url = _case_url(alert.child.reference)
    return render(request, "alerts/inbox.html", {"page": page, "by_case": by_case})


@require_POST
@roles_required(*roles.CASE_STAFF)
def alert_read(request, pk: int):
    alert_mark_read(user=request.user, pk=pk)
    return redirect("alerts:inbox")


@require_POST
@roles_required(*roles.CASE_STAFF)
def inbox_read_all(request):
    # A case's reference (not personal data) limits the marking to that case's alerts.
    reference = request.POST.get("reference", "")[:20]
    alerts_mark_all_read(user=request.user, reference=reference)
    if request.POST.get("group") == "case":
        return redirect(f"{reverse('alerts:inbox')}?group=case")
    return redirect("alerts:inbox")
