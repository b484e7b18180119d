"""Teams and their managers; panel types and their quorum rules."""

from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from panels.models import ProfessionalRole

from .. import selectors, services
from ..forms import PanelTypeForm, TeamForm
from ..models import Area
from .common import added_or_saved, administrators_only


@administrators_only
def team_list(request):
    return render(
        request, "administration/team_list.html", {"teams": selectors.teams_with_counts()}
    )


@administrators_only
def team_form(request, pk: int | None = None):
    """Adds a team (at the address without a pk) or changes one."""
    team = selectors.team(pk=pk) if pk else None
    initial = {"name": team.name, "managers": selectors.team_managers(team=team)} if team else None
    form = TeamForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = added_or_saved(
            request,
            form,
            write=partial(services.team_update, team=team) if team else services.team_create,
            adding=team is None,
            name=form.cleaned_data["name"],
            managers=list(form.cleaned_data["managers"]),
        )
        if saved:
            return redirect("administration:team_edit", pk=saved.pk)
    return render(
        request,
        "administration/team_form.html",
        {
            "form": form,
            "team": team,
            "members": selectors.team_members_active(team=team) if team else [],
            "changes": selectors.history_of(area=Area.TEAM, target=team) if team else [],
        },
    )


# Panel types


@administrators_only
def panel_type_list(request):
    types = list(selectors.panel_types_with_counts())
    for panel_type in types:
        panel_type.role_labels = [ProfessionalRole(r).label for r in panel_type.quorum_roles]
    return render(request, "administration/panel_type_list.html", {"panel_types": types})


@administrators_only
def panel_type_form(request, pk: int | None = None):
    """Adds a panel type (at the address without a pk) or changes one."""
    panel_type = selectors.panel_type(pk=pk) if pk else None
    initial = (
        {
            "name": panel_type.name,
            "kind": panel_type.kind,
            "quorum_minimum": panel_type.quorum_minimum,
            "quorum_roles": panel_type.quorum_roles,
        }
        if panel_type
        else {"quorum_minimum": 3}
    )
    form = PanelTypeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = added_or_saved(
            request,
            form,
            write=partial(services.panel_type_update, panel_type=panel_type)
            if panel_type
            else services.panel_type_create,
            adding=panel_type is None,
            **form.cleaned_data,
        )
        if saved:
            return redirect("administration:panel_type_edit", pk=saved.pk)
    return render(
        request,
        "administration/panel_type_form.html",
        {
            "form": form,
            "panel_type": panel_type,
            "meeting_count": selectors.panel_type_meeting_count(panel_type=panel_type)
            if panel_type
            else 0,
            "changes": selectors.history_of(area=Area.PANEL_TYPE, target=panel_type)
            if panel_type
            else [],
        },
    )


@administrators_only
@require_POST
def panel_type_delete(request, pk: int):
    panel_type = selectors.panel_type(pk=pk)
    try:
        services.panel_type_delete(panel_type=panel_type, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("administration:panel_type_edit", pk=panel_type.pk)
    messages.success(request, f"{panel_type.name} is removed.")
    return redirect("administration:panel_types")
