"""Teams: their names and managers (a manager sees their teams' cases)."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from accounts import roles
from accounts.models import Team, User

from ..models import Area
from .record import record_added, record_changed

TEAM_NAME_TAKEN = "There is already a team with that name"
TEAM_NAME_REQUIRED = "Enter the team's name"
MANAGERS_MUST_BE_MANAGERS = "{names} cannot manage a team: give them the manager role first"


def _check(*, team: Team | None, name: str, managers: list[User]) -> None:
    errors = {}
    if not name.strip():
        errors["name"] = TEAM_NAME_REQUIRED
    others = Team.objects.exclude(pk=team.pk) if team else Team.objects.all()
    if name and others.filter(name__iexact=name.strip()).exists():
        errors["name"] = TEAM_NAME_TAKEN
    not_managers = [m.display_name for m in managers if not m.has_role(roles.MANAGER)]
    if not_managers:
        errors["managers"] = MANAGERS_MUST_BE_MANAGERS.format(names=", ".join(not_managers))
    if errors:
        raise ValidationError(errors)


def _snapshot(team: Team) -> dict:
    return {"name": team.name, "managers": sorted(m.display_name for m in team.managers.all())}


@transaction.atomic
def team_create(*, name: str, managers: list[User], by: User) -> Team:
    _check(team=None, name=name, managers=managers)
    team = Team(name=name.strip())
    team.full_clean()
    try:
        with transaction.atomic():
            team.save()
    except IntegrityError as error:  # added by someone else a moment ago
        raise ValidationError({"name": TEAM_NAME_TAKEN}) from error
    team.managers.set(managers)
    record_added(area=Area.TEAM, target=team, label=team.name, values=_snapshot(team), by=by)
    return team


@transaction.atomic
def team_update(*, team: Team, name: str, managers: list[User], by: User) -> Team:
    team = Team.objects.select_for_update().get(pk=team.pk)
    _check(team=team, name=name, managers=managers)
    before = _snapshot(team)
    team.name = name.strip()
    team.full_clean()
    team.save()
    team.managers.set(managers)
    record_changed(
        area=Area.TEAM, target=team, label=team.name, before=before, after=_snapshot(team), by=by
    )
    return team
