"""Staff: add, change roles, team and teams managed, deactivate and reactivate (never delete),
and a new one-time sign-in password. At least one active administrator always remains."""

import secrets
from typing import TypedDict, Unpack

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q

from accounts import roles
from accounts.models import Team, User

from ..models import Area
from .record import change_record, record_added, record_changed

USERNAME_TAKEN = "A member of staff already has that user name. Choose another"
EMAIL_TAKEN = "A member of staff already has that email address"
ROLE_REQUIRED = "Choose at least one role"
MANAGER_ROLE_NEEDED = (
    "Only a manager can manage a team: give them the manager role or untick the teams"
)
CANNOT_DEACTIVATE_SELF = "You cannot deactivate your own account"
CANNOT_DROP_OWN_ADMIN = "You cannot remove your own administrator role"
LAST_ADMINISTRATOR = (
    "This is the last active administrator. Make someone else an administrator first"
)
ALREADY_DEACTIVATED = "This account is already deactivated"
ALREADY_ACTIVE = "This account is already active"

LABELS = {
    "name": "Name",
    "email": "Email",
    "job_title": "Job title",
    "team": "Team",
    "roles": "Roles",
    "manages": "Manages",
}


class StaffDetails(TypedDict):
    """A member of staff's details, as both staff services take them (after the user name)."""

    first_name: str
    last_name: str
    email: str
    job_title: str
    team: Team | None
    role_names: list[str]
    managed_teams: list[Team]


ACCOUNT_FIELDS = ("first_name", "last_name", "email", "job_title", "team")


def one_time_password() -> str:
    """A sign-in password shown once to the administrator, who passes it on; never stored plain."""
    return secrets.token_urlsafe(15)


def _administrators():
    return User.objects.filter(
        Q(groups__name=roles.ADMINISTRATOR) | Q(is_superuser=True), is_active=True
    ).distinct()


def _would_leave_no_administrator(user: User) -> bool:
    # Lock the administrators' rows so that two administrators removing each other at the same
    # moment cannot both succeed.
    ids = list(
        User.objects.select_for_update()
        .filter(pk__in=_administrators().values("pk"))
        .values_list("pk", flat=True)
    )
    return not [pk for pk in ids if pk != user.pk]


def _snapshot(user: User) -> dict:
    return {
        "name": user.get_full_name(),
        "email": user.email,
        "job_title": user.job_title,
        "team": user.team.name if user.team_id else "",
        "roles": sorted(
            roles.LABELS[g] for g in user.groups.values_list("name", flat=True) if g in roles.LABELS
        ),
        "manages": sorted(user.managed_teams.values_list("name", flat=True)),
    }


def _check_details(*, user: User | None, username: str, details: StaffDetails):
    if details.keys() != StaffDetails.__required_keys__:  # as a call with the wrong arguments
        raise TypeError(f"Staff details are {sorted(StaffDetails.__required_keys__)}")
    errors = {}
    others = User.objects.exclude(pk=user.pk) if user else User.objects.all()
    email, role_names = details["email"], details["role_names"]
    if username and others.filter(username__iexact=username).exists():
        errors["username"] = USERNAME_TAKEN
    if email and others.filter(email__iexact=email).exists():
        errors["email"] = EMAIL_TAKEN
    if not role_names:
        errors["roles"] = ROLE_REQUIRED
    if details["managed_teams"] and roles.MANAGER not in role_names:
        errors["managed_teams"] = MANAGER_ROLE_NEEDED
    if errors:
        raise ValidationError(errors)


def _take(user: User, details: StaffDetails) -> None:
    """Sets the person's details on their account, in memory."""
    for name in ACCOUNT_FIELDS:
        setattr(user, name, details[name])
    user.is_staff = roles.ADMINISTRATOR in details["role_names"] or user.is_superuser


def _apply(user: User, details: StaffDetails) -> None:
    role_names, managed_teams = details["role_names"], details["managed_teams"]
    unknown = set(role_names) - set(roles.ALL)
    if unknown:
        raise ValidationError({"roles": ROLE_REQUIRED})
    user.groups.set([Group.objects.get_or_create(name=name)[0] for name in role_names])
    user.managed_teams.set(managed_teams)
    user.__dict__.pop("role_names", None)


@transaction.atomic
def staff_create(*, username: str, by: User, **details: Unpack[StaffDetails]) -> tuple[User, str]:
    """Adds a member of staff; returns them and a one-time sign-in password to pass on."""
    _check_details(user=None, username=username, details=details)
    password = one_time_password()
    user = User(username=username)
    _take(user, details)
    user.set_password(password)
    # Uniqueness: checked above with our own message, and decided by the unique index.
    user.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError as error:  # added by someone else a moment ago
        raise ValidationError({"username": USERNAME_TAKEN}) from error
    _apply(user, details)
    record_added(
        area=Area.STAFF,
        target=user,
        label=user.display_name,
        values=_snapshot(user),
        labels=LABELS,
        by=by,
    )
    return user, password


@transaction.atomic
def staff_update(*, user: User, by: User, **details: Unpack[StaffDetails]) -> User:
    user = _locked(user)
    _check_details(user=user, username="", details=details)
    dropping_admin = (
        user.has_role(roles.ADMINISTRATOR) and roles.ADMINISTRATOR not in details["role_names"]
    )
    if dropping_admin and not user.is_superuser:
        if user.pk == by.pk:
            raise ValidationError({"roles": CANNOT_DROP_OWN_ADMIN})
        if user.is_active and _would_leave_no_administrator(user):
            raise ValidationError({"roles": LAST_ADMINISTRATOR})
    before = _snapshot(user)
    _take(user, details)
    user.full_clean()
    user.save()
    _apply(user, details)
    record_changed(
        area=Area.STAFF,
        target=user,
        label=user.display_name,
        before=before,
        after=_snapshot(user),
        labels=LABELS,
        by=by,
    )
    return user


def _locked(user: User) -> User:
    return User.objects.select_for_update().get(pk=user.pk)


def _recorded(user: User, summary: str, by: User | None) -> User:
    change_record(area=Area.STAFF, target=user, label=user.display_name, summary=summary, by=by)
    return user


def _activate(user: User, *, active: bool, summary: str, by: User) -> User:
    user.is_active = active
    user.save(update_fields=["is_active"])
    return _recorded(user, summary, by)


@transaction.atomic
def staff_deactivate(*, user: User, by: User) -> User:
    """Deactivates an account (never deletes it): the person can no longer sign in, and any
    session they have ends at their next request."""
    user = _locked(user)
    if user.pk == by.pk:
        raise ValidationError(CANNOT_DEACTIVATE_SELF)
    if not user.is_active:
        raise ValidationError(ALREADY_DEACTIVATED)
    if user.has_role(roles.ADMINISTRATOR) and _would_leave_no_administrator(user):
        raise ValidationError(LAST_ADMINISTRATOR)
    return _activate(user, active=False, summary="Deactivated", by=by)


@transaction.atomic
def staff_reactivate(*, user: User, by: User) -> User:
    user = _locked(user)
    if user.is_active:
        raise ValidationError(ALREADY_ACTIVE)
    return _activate(user, active=True, summary="Reactivated", by=by)


@transaction.atomic
def staff_password_reset(*, user: User, by: User) -> str:
    """A new one-time sign-in password, shown once to the administrator; the old one stops."""
    user = _locked(user)
    password = one_time_password()
    user.set_password(password)
    user.save(update_fields=["password"])
    _recorded(user, "New sign-in password set", by)
    return password


@transaction.atomic
def administrator_promote(
    *, username: str, email: str = "", first_name: str = "", last_name: str = ""
) -> tuple[User, str | None]:
    """The first administrator, from the server's command line: gives an existing account (for
    example one made with `createsuperuser`) the administrator role, or creates one. Returns the
    user and, for a new account, its one-time password."""
    user = User.objects.select_for_update().filter(username=username).first()
    password = None
    if user is None:
        if email and User.objects.filter(email__iexact=email).exists():
            raise ValidationError(EMAIL_TAKEN)
        password = one_time_password()
        user = User(username=username, email=email, first_name=first_name, last_name=last_name)
        user.set_password(password)
        user.full_clean()
        user.save()
        summary = "Added as an administrator on the server's command line"
    else:
        summary = "Made an administrator on the server's command line"
        if not user.is_active:
            summary += " (and reactivated)"
    user.is_active = True
    user.is_staff = True
    user.save(update_fields=["is_active", "is_staff"])
    user.groups.add(Group.objects.get_or_create(name=roles.ADMINISTRATOR)[0])
    _recorded(user, summary, None)
    return user, password
