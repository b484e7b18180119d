from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import roles
from accounts.access import roles_required

from .models import AlertKind
from .selectors import inbox_for
from .services import alert_mark_read, alerts_mark_all_read
from .sweep_escalate import escalation_period


def _url(name: str, reference: str) -> str | None:
    try:
        return reverse(name, kwargs={"reference": reference})
    except NoReverseMatch:
        return None


@roles_required(*roles.CASE_STAFF)
def inbox(request):
    by_case = request.GET.get("group") == "case"
    alerts = inbox_for(user=request.user, by_case=by_case)
    page = Paginator(alerts, 50).get_page(request.GET.get("page"))
    today = timezone.localdate()
    for alert in page:
        alert.case_url = _url("workspace:case", alert.child.reference)
        if alert.kind == AlertKind.UNALLOCATED:
            alert.allocate_url = _url("cases:hand_over", alert.child.reference)
        if alert.kind == AlertKind.ESCALATED_OVERDUE and alert.step_due_on:
            alert.days_late = (today - alert.step_due_on).days
    return render(
        request,
        "alerts/inbox.html",
        {
            "page": page,
            "by_case": by_case,
            "is_manager": request.user.has_role(roles.MANAGER),
            "escalation_period": escalation_period(),
        },
    )


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
