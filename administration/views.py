"""The administrators' set-up pages. Each view parses input, calls one service or selector and
renders; only the administrator role may use them."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from accounts import roles
from accounts.access import roles_required
from accounts.council import council_settings
from accounts.models import Team, User
from api.models import PartnerClient
from panels.models import PanelType, ProfessionalRole

from . import selectors, services
from .forms import (
    ApiClientForm,
    CouncilSettingsForm,
    PanelTypeForm,
    StaffFilterForm,
    StaffForm,
    TeamForm,
)
from .models import Area
from .services.council import recompute_runs_in_background

administrators_only = roles_required(roles.ADMINISTRATOR)
STAFF_PER_PAGE = 50
CHANGES_PER_PAGE = 50


def _errors_onto(form, error: ValidationError) -> None:
    """A service's refusal shown on the form: against its field when the form has it."""
    if hasattr(error, "error_dict"):
        for field, problems in error.error_dict.items():
            for problem in problems:
                for message in problem.messages:
                    form.add_error(field if field in form.fields else None, message)
    else:
        for message in error.messages:
            form.add_error(None, message)


def _history(area: Area, target, limit: int = 20):
    return list(selectors.changes_for(area=area, target=target)[:limit])


@administrators_only
def index(request):
    return render(
        request,
        "administration/index.html",
        {
            "council": council_settings(),
            "staff_count": User.objects.filter(is_active=True).count(),
            "administrator_count": selectors.administrators_active().count(),
            "team_count": Team.objects.count(),
            "panel_type_count": PanelType.objects.count(),
            "client_count": PartnerClient.objects.count(),
            "changes": list(selectors.changes_for()[:10]),
        },
    )


# Staff


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


@administrators_only
@never_cache
def staff_add(request):
    form = StaffForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person, password = services.staff_create(
                username=data["username"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                email=data["email"],
                job_title=data["job_title"],
                team=data.get("team"),
                role_names=data["roles"],
                managed_teams=list(data.get("managed_teams") or []),
                by=request.user,
            )
        except ValidationError as error:
            _errors_onto(form, error)
        else:
            # Shown in this response only: the password is never stored or sent anywhere else.
            return render(
                request,
                "administration/password_once.html",
                {"person": person, "password": password, "new": True},
            )
    return render(request, "administration/staff_form.html", {"form": form})


@administrators_only
def staff_member(request, pk: int):
    person = get_object_or_404(User, pk=pk)
    if request.method == "POST":
        form = StaffForm(request.POST, editing=True)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.staff_update(
                    user=person,
                    first_name=data["first_name"],
                    last_name=data["last_name"],
                    email=data["email"],
                    job_title=data["job_title"],
                    team=data.get("team"),
                    role_names=data["roles"],
                    managed_teams=list(data.get("managed_teams") or []),
                    by=request.user,
                )
            except ValidationError as error:
                _errors_onto(form, error)
            else:
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
            "changes": _history(Area.STAFF, person),
        },
    )


def _staff_action(request, pk: int, *, action, done: str, template: str):
    person = get_object_or_404(User, pk=pk)
    problem = None
    if request.method == "POST":
        try:
            action(user=person, by=request.user)
        except ValidationError as error:
            problem = error.messages[0]
        else:
            messages.success(request, done.format(name=person.display_name))
            return redirect("administration:staff_member", pk=person.pk)
    return render(
        request,
        template,
        {
            "person": person,
            "problem": problem,
            "leads_cases": person.is_active and person.caseload.exists(),
        },
        status=400 if problem else 200,
    )


@administrators_only
def staff_deactivate(request, pk: int):
    return _staff_action(
        request,
        pk,
        action=services.staff_deactivate,
        done="{name}'s account is deactivated: they can no longer sign in.",
        template="administration/staff_deactivate.html",
    )


@administrators_only
def staff_reactivate(request, pk: int):
    return _staff_action(
        request,
        pk,
        action=services.staff_reactivate,
        done="{name}'s account is active again: they can sign in.",
        template="administration/staff_reactivate.html",
    )


@administrators_only
@never_cache
def staff_password(request, pk: int):
    person = get_object_or_404(User, pk=pk)
    if request.method == "POST":
        password = services.staff_password_reset(user=person, by=request.user)
        return render(
            request,
            "administration/password_once.html",
            {"person": person, "password": password, "new": False},
        )
    return render(request, "administration/staff_password.html", {"person": person})


# Teams


@administrators_only
def team_list(request):
    return render(
        request, "administration/team_list.html", {"teams": selectors.teams_with_counts()}
    )


@administrators_only
def team_add(request):
    return _team_form(request, team=None)


@administrators_only
def team_edit(request, pk: int):
    return _team_form(request, team=get_object_or_404(Team, pk=pk))


def _team_form(request, *, team: Team | None):
    initial = {"name": team.name, "managers": list(team.managers.all())} if team else None
    form = TeamForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if team is None:
                team = services.team_create(
                    name=data["name"], managers=list(data["managers"]), by=request.user
                )
                messages.success(request, f"{team.name} is added.")
            else:
                team = services.team_update(
                    team=team, name=data["name"], managers=list(data["managers"]), by=request.user
                )
                messages.success(request, f"{team.name} is saved.")
        except ValidationError as error:
            _errors_onto(form, error)
        else:
            return redirect("administration:team_edit", pk=team.pk)
    return render(
        request,
        "administration/team_form.html",
        {
            "form": form,
            "team": team,
            "members": team.members.filter(is_active=True) if team else [],
            "changes": _history(Area.TEAM, team) if team else [],
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
def panel_type_add(request):
    return _panel_type_form(request, panel_type=None)


@administrators_only
def panel_type_edit(request, pk: int):
    return _panel_type_form(request, panel_type=get_object_or_404(PanelType, pk=pk))


def _panel_type_form(request, *, panel_type: PanelType | None):
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
        data = form.cleaned_data
        fields = {
            "name": data["name"],
            "kind": data["kind"],
            "quorum_minimum": data["quorum_minimum"],
            "quorum_roles": data["quorum_roles"],
        }
        try:
            if panel_type is None:
                panel_type = services.panel_type_create(**fields, by=request.user)
                messages.success(request, f"{panel_type.name} is added.")
            else:
                panel_type = services.panel_type_update(
                    panel_type=panel_type, **fields, by=request.user
                )
                messages.success(request, f"{panel_type.name} is saved.")
        except ValidationError as error:
            _errors_onto(form, error)
        else:
            return redirect("administration:panel_type_edit", pk=panel_type.pk)
    return render(
        request,
        "administration/panel_type_form.html",
        {
            "form": form,
            "panel_type": panel_type,
            "meeting_count": panel_type.meetings.count() if panel_type else 0,
            "changes": _history(Area.PANEL_TYPE, panel_type) if panel_type else [],
        },
    )


@administrators_only
@require_POST
def panel_type_delete(request, pk: int):
    panel_type = get_object_or_404(PanelType, pk=pk)
    try:
        services.panel_type_delete(panel_type=panel_type, by=request.user)
    except ValidationError as error:
        messages.error(request, error.messages[0])
        return redirect("administration:panel_type_edit", pk=panel_type.pk)
    messages.success(request, f"{panel_type.name} is removed.")
    return redirect("administration:panel_types")


# Partner API clients


@administrators_only
def api_client_list(request):
    return render(
        request, "administration/api_client_list.html", {"clients": selectors.api_clients()}
    )


@administrators_only
@never_cache
def api_client_add(request):
    form = ApiClientForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            client, secret = services.api_client_register(
                name=data["name"],
                partner=data["partner"],
                new_partner_name=data["new_partner_name"],
                new_partner_kind=data["new_partner_kind"],
                new_partner_urn=data["new_partner_urn"],
                by=request.user,
            )
        except ValidationError as error:
            _errors_onto(form, error)
        else:
            return render(
                request,
                "administration/secret_once.html",
                {"client": client, "secret": secret, "new": True},
            )
    return render(request, "administration/api_client_form.html", {"form": form})


@administrators_only
def api_client_detail(request, pk: int):
    client = get_object_or_404(selectors.api_clients(), pk=pk)
    return render(
        request,
        "administration/api_client_detail.html",
        {"client": client, "changes": _history(Area.API_CLIENT, client)},
    )


@administrators_only
@never_cache
def api_client_rotate(request, pk: int):
    client = get_object_or_404(selectors.api_clients(), pk=pk)
    if request.method == "POST":
        secret = services.api_client_rotate_secret(client=client, by=request.user)
        return render(
            request,
            "administration/secret_once.html",
            {"client": client, "secret": secret, "new": False},
        )
    return render(request, "administration/api_client_rotate.html", {"client": client})


# The council's settings


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
            _errors_onto(form, error)
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
        {"form": form, "current": current, "changes": _history(Area.COUNCIL, None, 20)},
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
