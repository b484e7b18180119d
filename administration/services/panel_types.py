"""Panel types: name, kind (which decisions the panel makes) and quorum rules."""

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts.models import User
from panels.models import PanelKind, PanelType, ProfessionalRole

from ..models import Area
from .record import change_record, record_added, record_changed

PANEL_NAME_REQUIRED = "Enter the panel's name"
PANEL_NAME_TAKEN = "There is already a panel type with that name"
QUORUM_RANGE = "The quorum must be between 1 and 30 members"
QUORUM_BELOW_ROLES = (
    "The quorum must be at least the number of professional roles that must take part ({count})"
)
KIND_FIXED = (
    "The kind of panel cannot change once a meeting has been arranged: its decisions would "
    "change meaning. Add a new panel type instead"
)
PANEL_TYPE_IN_USE = (
    "This panel type has meetings, so it cannot be removed: its decisions are part of "
    "children's records"
)


def _check(*, panel_type, name, kind, quorum_minimum, quorum_roles) -> None:
    errors = {}
    if not name.strip():
        errors["name"] = PANEL_NAME_REQUIRED
    others = PanelType.objects.exclude(pk=panel_type.pk) if panel_type else PanelType.objects
    if name.strip() and others.filter(name__iexact=name.strip()).exists():
        errors["name"] = PANEL_NAME_TAKEN
    if quorum_minimum is None or not 1 <= quorum_minimum <= 30:
        errors["quorum_minimum"] = QUORUM_RANGE
    elif quorum_minimum < len(quorum_roles):
        errors["quorum_minimum"] = QUORUM_BELOW_ROLES.format(count=len(quorum_roles))
    if panel_type and panel_type.kind != kind and panel_type.meetings.exists():
        errors["kind"] = KIND_FIXED
    if errors:
        raise ValidationError(errors)


def _snapshot(panel_type: PanelType) -> dict:
    return {
        "name": panel_type.name,
        "kind": PanelKind(panel_type.kind).label,
        "quorum": panel_type.quorum_minimum,
        "roles that must take part": [ProfessionalRole(r).label for r in panel_type.quorum_roles],
    }


def _ordered_roles(quorum_roles) -> list[str]:
    return [value for value in ProfessionalRole.values if value in set(quorum_roles)]


@transaction.atomic
def panel_type_create(
    *, name: str, kind: str, quorum_minimum: int, quorum_roles: list[str], by: User
) -> PanelType:
    return _write(
        None, name=name, kind=kind, quorum_minimum=quorum_minimum, quorum_roles=quorum_roles, by=by
    )


@transaction.atomic
def panel_type_update(
    *,
    panel_type: PanelType,
    name: str,
    kind: str,
    quorum_minimum: int,
    quorum_roles: list[str],
    by: User,
) -> PanelType:
    panel_type = PanelType.objects.select_for_update().get(pk=panel_type.pk)
    return _write(
        panel_type,
        name=name,
        kind=kind,
        quorum_minimum=quorum_minimum,
        quorum_roles=quorum_roles,
        by=by,
    )


def _write(panel_type: PanelType | None, *, name, kind, quorum_minimum, quorum_roles, by):
    """Checks and saves a new panel type (None) or the locked one, and records what it did."""
    _check(
        panel_type=panel_type,
        name=name,
        kind=kind,
        quorum_minimum=quorum_minimum,
        quorum_roles=quorum_roles,
    )
    before = _snapshot(panel_type) if panel_type else None
    panel_type = panel_type or PanelType()
    panel_type.name = name.strip()
    panel_type.kind = kind
    panel_type.quorum_minimum = quorum_minimum
    panel_type.quorum_roles = _ordered_roles(quorum_roles)
    panel_type.full_clean()
    panel_type.save()
    record = {"area": Area.PANEL_TYPE, "target": panel_type, "label": panel_type.name, "by": by}
    if before is None:
        record_added(values=_snapshot(panel_type), **record)
    else:
        record_changed(before=before, after=_snapshot(panel_type), **record)
    return panel_type


@transaction.atomic
def panel_type_delete(*, panel_type: PanelType, by: User) -> None:
    """Removes a panel type that was never used; one with meetings stays."""
    panel_type = PanelType.objects.select_for_update().get(pk=panel_type.pk)
    if panel_type.meetings.exists():
        raise ValidationError(PANEL_TYPE_IN_USE)
    change_record(
        area=Area.PANEL_TYPE,
        target=panel_type,
        label=panel_type.name,
        summary="Removed (never used)",
        by=by,
    )
    panel_type.delete()
