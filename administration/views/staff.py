"""Staff: the list, adding, changing, deactivating and reactivating, new passwords."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from .. import selectors, services
from ..forms import StaffFilterForm, StaffForm
from ..models import Area
from .common import PASSWORD, administrators_only, written

STAFF_PER_PAGE = 50


@administrators_only
def staff_list(request):
    form = StaffFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    people = selectors.staff_search(
        text=filters.get("q") or "",
        role=filters.get("role") or "",
        team=filters.get("team"),
        status=filters.get("status") or selectors.STATUS_ACTIVE,
    )
    page = Paginator(people, STAFF_PER_PAGE).get_page(request.GET.get("page"))
    for person in page:
        person.labels = selectors.role_labels_of(person)
    return render(request, "administration/staff_list.html", {"form": form, "page": page})


def _details(data: dict) -> services.StaffDetails:
    """The person's details as the staff services take them, from the staff form."""
    return {
        "first_name": data["first_name"],
        "last_name": data["last_name"],
        "email": data["email"],
        "job_title": data["job_title"],
        "team": data.get("team"),
        "role_names": data["roles"],
        "managed_teams": list(data.get("managed_teams") or []),
    }


@administrators_only
@never_cache
def staff_add(request):
    form = StaffForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        made = written(
            request,
            form,
            services.staff_create,
            username=form.cleaned_data["username"],
            **_details(form.cleaned_data),
        )
        if made:
            return PASSWORD.shown(request, *made, new=True)
    return render(request, "administration/staff_form.html", {"form": form})


@administrators_only
def staff_member(request, pk: int):
    person = selectors.staff_member(pk=pk)
    if request.method == "POST":
        form = StaffForm(request.POST, editing=True)
        if form.is_valid():
            details = _details(form.cleaned_data)
            if written(request, form, services.staff_update, user=person, **details):
                messages.success(request, f"{person.display_name}'s details are saved.")
                return redirect("administration:staff_member", pk=person.pk)
    else:
        form = StaffForm(initial=StaffForm.initial_for(person), editing=True)
    return render(
        request,
        "administration/staff_member.html",
        {
            "person": person,
            "form": form,
            "labels": selectors.role_labels_of(person),
            "is_self": person.pk == request.user.pk,
            "changes": selectors.history_of(area=Area.STAFF, target=person),
        },
    )


# Deactivating or reactivating an account: the service, and what is said once it is done. Each
# has its own page, administration/staff_<action>.html.
ACCOUNT_ACTIONS = {
    "deactivate": (
        services.staff_deactivate,
        "{name}'s account is deactivated: they can no longer sign in.",
    ),
    "reactivate": (
        services.staff_reactivate,
        "{name}'s account is active again: they can sign in.",
    ),
}


@administrators_only
def staff_account(request, pk: int, action: str):
    write, done = ACCOUNT_ACTIONS[action]
    person = selectors.staff_member(pk=pk)
    problem = None
    if request.method == "POST":
        try:
            write(user=person, by=request.user)
        except ValidationError as error:
            problem = error.messages[0]
        else:
            messages.success(request, done.format(name=person.display_name))
            return redirect("administration:staff_member", pk=person.pk)
    return render(
        request,
        f"administration/staff_{action}.html",
        {
            "person": person,
            "problem": problem,
            "leads_cases": selectors.leads_cases(user=person),
        },
        status=400 if problem else 200,
    )


@administrators_only
@never_cache
def staff_password(request, pk: int):
    person = selectors.staff_member(pk=pk)
    reset = partial(services.staff_password_reset, user=person)
    return PASSWORD.renewal(request, person, reset, ask="administration/staff_password.html")
