from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import roles
from accounts.access import roles_required

from .models import Alert
from .selectors import inbox_for


def _case_url(reference: str) -> str | None:
    try:
        return reverse("cases:case", kwargs={"reference": reference})
    except NoReverseMatch:
        return None


@roles_required(*roles.CASE_STAFF)
def inbox(request):
    page = Paginator(inbox_for(user=request.user), 50).get_page(request.GET.get("page"))
    for alert in page:
        alert.case_url = _case_url(alert.child.reference)
    return render(request, "alerts/inbox.html", {"page": page})


@require_POST
@roles_required(*roles.CASE_STAFF)
def alert_read(request, pk: int):
    alert = get_object_or_404(Alert, pk=pk, recipient=request.user)
    if alert.read_at is None:
        alert.read_at = timezone.now()
        alert.save(update_fields=["read_at"])
    return redirect("alerts:inbox")


@require_POST
@roles_required(*roles.CASE_STAFF)
def inbox_read_all(request):
    inbox_for(user=request.user).filter(read_at__isnull=True).update(read_at=timezone.now())
    return redirect("alerts:inbox")
