"""The overview, the council's settings and the record of every change."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render

from accounts.council import council_settings

from .. import selectors, services
from ..forms import CouncilSettingsForm
from ..models import Area
from ..services.council import recompute_runs_in_background
from .common import administrators_only, errors_onto

CHANGES_PER_PAGE = 50


@administrators_only
def index(request):
    return render(
        request,
        "administration/index.html",
        {
            "council": council_settings(),
            **selectors.overview(),
        },
    )


@administrators_only
def council(request):
    current = council_settings(fresh=True)
    initial = {
        "name": current.name,
        "la_number": current.la_number,
        "receipt_day_is_day_one": "yes" if current.receipt_day_is_day_one else "no",
    }
    form = CouncilSettingsForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            recomputing = services.council_settings_update(
                name=data["name"],
                la_number=data["la_number"],
                receipt_day_is_day_one=data["receipt_day_is_day_one"] == "yes",
                by=request.user,
            )
        except ValidationError as error:
            errors_onto(form, error)
        else:
            if recomputing and recompute_runs_in_background():
                messages.success(
                    request,
                    "The council's settings are saved. Every case's deadlines are being "
                    "recomputed with the new way of counting days: this takes a few minutes.",
                )
            elif recomputing:
                messages.success(
                    request,
                    "The council's settings are saved, and every case's deadlines have been "
                    "recomputed with the new way of counting days.",
                )
            else:
                messages.success(request, "The council's settings are saved.")
            return redirect("administration:council")
    return render(
        request,
        "administration/council.html",
        {
            "form": form,
            "current": current,
            "changes": selectors.history_of(area=Area.COUNCIL, target=None),
        },
    )


@administrators_only
def changes(request):
    area = request.GET.get("area", "")
    records = selectors.changes_for(area=area if area in Area.values else None)
    page = Paginator(records, CHANGES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "administration/changes.html",
        {"page": page, "areas": Area.choices, "area": area},
    )
