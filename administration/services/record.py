"""Writing the administrators' record: one row per change, in the service's transaction."""

from accounts.models import User

from ..models import AdministrationChange, Area


def change_record(*, area: Area, target, label: str, summary: str, by: User | None) -> None:
    AdministrationChange.objects.create(
        area=area, target_id=str(target.pk), target_label=label[:200], summary=summary[:500], by=by
    )


def record_added(
    *, area: Area, target, label: str, values: dict, labels: dict | None = None, by: User | None
) -> None:
    """Records a new record with what it was given ("Added. Name: ...; ...")."""
    change_record(
        area=area, target=target, label=label, summary="Added. " + listing(values, labels), by=by
    )


def record_changed(
    *,
    area: Area,
    target,
    label: str,
    before: dict,
    after: dict,
    labels: dict | None = None,
    by: User | None,
) -> str:
    """Records what changed between two snapshots, if anything did; returns the summary."""
    summary = describe(before, after, labels)
    if summary:
        change_record(area=area, target=target, label=label, summary=summary, by=by)
    return summary


def describe(before, after, labels: dict | None = None) -> str:
    """ "Label: old to new" for each value that changed, from two dicts of display values."""
    labels = labels or {}
    parts = []
    for key, new in after.items():
        old = before.get(key)
        if old != new:
            name = labels.get(key, key.replace("_", " ").capitalize())
            parts.append(f"{name}: {_shown(old)} to {_shown(new)}")
    return "; ".join(parts)


def listing(values: dict, labels: dict | None = None) -> str:
    """ "Label: value" for each value that is set."""
    labels = labels or {}
    return "; ".join(
        f"{labels.get(key, key.replace('_', ' ').capitalize())}: {_shown(value)}"
        for key, value in values.items()
        if value not in (None, "", [], ())
    )


def _shown(value) -> str:
    if value in (None, "", [], ()):
        return "none"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list | tuple | set | frozenset):
        return ", ".join(sorted(str(v) for v in value))
    return str(value)
