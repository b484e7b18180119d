"""The manager's team view, and handing a caseworker's whole caseload over from it."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render

from accounts import roles
from accounts.access import roles_required
from cases.services.children import caseload_reassign
from core.forms import errors_onto

from ..filters import CaseloadHandOverForm
from ..selectors.team import caseworker_of_team, team_view_for


@roles_required(roles.MANAGER)
def team(request):
    return render(request, "workspace/team.html", {"view": team_view_for(user=request.user)})


@roles_required(roles.MANAGER)
def caseload_hand_over(request, pk: int):
    caseworker = caseworker_of_team(user=request.user, pk=pk)
    if caseworker is None:
        raise Http404
    form = CaseloadHandOverForm(request.POST or None, user=request.user, from_caseworker=caseworker)
    if request.method == "POST" and form.is_valid():
        try:
            moved = caseload_reassign(
                from_caseworker=caseworker, to=form.cleaned_data["to"], by=request.user
            )
        except ValidationError as error:
            errors_onto(form, error)
        else:
            messages.success(request, f"{moved} case{'' if moved == 1 else 's'} handed over")
            return redirect("workspace:team")
    return render(
        request, "workspace/team_hand_over.html", {"form": form, "caseworker": caseworker}
    )
