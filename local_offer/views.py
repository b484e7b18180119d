"""Public pages (no sign-in) and the directory team's pages."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme

from accounts import roles
from accounts.access import public, roles_required
from accounts.client_address import client_ip

from . import selectors
from .forms import DirectorySearchForm, FeedbackForm, SearchForm, ServiceForm
from .services import (
    FEEDBACK_SERVICE_GONE,
    FEEDBACK_TOO_MANY,
    IMPORT_MAX_BYTES,
    IMPORT_TOO_BIG,
    feedback_mark_handled,
    feedback_record,
    feedback_throttle_hit,
    service_save,
    services_export_csv,
    services_import_csv,
)

IMPORT_CHOOSE_FILE = "Choose a CSV file to import"


@public
def search(request):
    form = SearchForm(request.GET or None)
    searched = form.is_bound and form.is_valid()
    results = selectors.services_search(**(form.cleaned_data if searched else {}))
    page = Paginator(results, 20).get_page(request.GET.get("page"))
    return render(
        request,
        "local_offer/search.html",
        {
            "form": form,
            "page": page,
            "searched": searched,
            "search_query": _search_query(request),
        },
    )


SEARCH_KEYS = ("q", "need", "age", "postcode", "free_only", "page")


def _search_query(request) -> str:
    """The family's search, carried to a service's page and back ("?q=...&page=2" or "")."""
    kept = QueryDict(mutable=True)
    for key in SEARCH_KEYS:
        value = request.GET.get(key, "")
        if value and len(value) <= 100 and "\x00" not in value:
            kept[key] = value
    return f"?{kept.urlencode()}" if kept else ""


@public
def service_page(request, pk):
    service = selectors.service_for(user=request.user, pk=pk)
    if service is None:
        # Gone from the Local Offer: say so plainly, without its details, and take no feedback.
        return render(request, "local_offer/service_gone.html", status=404)
    shown = selectors.service_is_public(service=service)
    form = FeedbackForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not shown:
            form.add_error(None, FEEDBACK_SERVICE_GONE)
            status = 400
        elif feedback_throttle_hit(client_ip=client_ip(request)):
            form.add_error(None, FEEDBACK_TOO_MANY)
            status = 429
        elif form.is_valid():
            if form.cleaned_data["useful"] or form.cleaned_data["problem"].strip():
                feedback_record(
                    service=service,
                    useful=form.cleaned_data["useful"],
                    problem=form.cleaned_data["problem"],
                )
                messages.success(request, "Thank you for your feedback")
                # The thank-you is the first thing in the page's main content, and takes the
                # focus (the form's address has no fragment for the browser to carry across
                # the redirect and scroll down to).
                return redirect(
                    reverse("local_offer:service", args=[service.pk]) + _search_query(request)
                )
            form.add_error(None, "Tell us whether this was useful, or describe the problem")
    return render(
        request,
        "local_offer/service.html",
        {
            "service": service,
            "form": form,
            "lapsed": selectors.assurance_lapsed(service=service),
            "shown": shown,
            "editor": selectors.may_edit(request.user),
            "search_query": _search_query(request),
        },
        status=status,
    )


@roles_required(roles.DIRECTORY_EDITOR)
def directory(request):
    form = DirectorySearchForm(request.GET or None)
    found = selectors.services_for_editors(
        **(form.cleaned_data if form.is_bound and form.is_valid() else {"q": "", "status": ""})
    )
    page = Paginator(found, 25).get_page(request.GET.get("page"))
    return render(
        request,
        "local_offer/directory.html",
        {
            **selectors.directory_overview(),
            "form": form,
            "page": page,
            "here": request.get_full_path(),
        },
    )


@roles_required(roles.DIRECTORY_EDITOR)
def service_edit(request, pk=None):
    service = selectors.service_to_edit(pk=pk) if pk else None
    form = ServiceForm(request.POST or None, instance=service)
    back = _next_url(request)
    if request.method == "POST" and form.is_valid():
        saved = service_save(form=form)
        messages.success(request, f"{saved.name} saved")
        return redirect(back)
    # How many plans in force rely on the service: worth knowing before closing it.
    in_plans = selectors.plans_relying_on(service=service) if service else 0
    return render(
        request,
        "local_offer/service_edit.html",
        {"form": form, "service": service, "in_plans": in_plans, "back": back},
    )


def _next_url(request) -> str:
    """Where the editor came from (a page of this site only), else the directory."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target.startswith("/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("local_offer:directory")


@roles_required(roles.DIRECTORY_EDITOR)
def feedback_handled(request, pk):
    if request.method == "POST":
        feedback_mark_handled(pk=pk)
    return redirect("local_offer:directory")


@roles_required(roles.DIRECTORY_EDITOR)
def export_csv(request):
    response = HttpResponse(services_export_csv(), content_type="text/csv")
    response["Content-Disposition"] = 'attachment; filename="services.csv"'
    return response


@roles_required(roles.DIRECTORY_EDITOR)
def import_csv(request):
    error = None
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            error = IMPORT_CHOOSE_FILE
        elif upload.size > IMPORT_MAX_BYTES:
            error = IMPORT_TOO_BIG  # before reading it
        else:
            try:
                count = services_import_csv(data=upload.read())
            except ValidationError as problem:
                error = "; ".join(problem.messages)
            else:
                messages.success(request, f"{count} services imported")
                return redirect("local_offer:directory")
    return render(
        request, "local_offer/import.html", {"error": error}, status=400 if error else 200
    )
