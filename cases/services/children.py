"""Children and young people: registration, details, needs, family, placements, hand-over."""

import datetime
import unicodedata

from django.db import transaction
from django.utils import timezone

from accounts.models import Team, User

from .. import identifiers
from ..models import Child, EducationSetting, ParentCarer, Placement, PlanStatus, SenNeed
from ..models.children import name_errors
from ..models.codes import NeedType
from .common import added, check_date, check_not_before, refuse, timeline_record, today

TOO_OLD = "A young person can be registered only up to their 26th birthday"
NO_UPN_OR_REASON = "Enter the UPN or choose why it is not known"
UPN_AND_REASON = "Enter either a UPN or a reason it is not known, not both"
PRIMARY_NEED_REQUIRED = "Choose a primary need before a secondary need"
SAME_NEED_TWICE = "The secondary need must differ from the primary need"
NSA_ON_PLAN = "NSA (SEN support) is not a valid need type for a child with an EHC plan"
NOT_A_CASEWORKER = "The lead caseworker must be a caseworker in the child's team"
PLACEMENT_SETTING = "Choose a setting or a setting code"
HAND_OVER_RECIPIENT = "You can hand cases over only to a caseworker in a team you manage"
HAND_OVER_NOT_YOURS = "You can hand over only cases in a team you manage"

IDENTITY_FIELDS = (
    "forename",
    "surname",
    "date_of_birth",
    "sex",
    "ethnicity",
    "postcode",
    "upn",
    "uln",
    "nhs_number",
    "upn_unknown_reason",
    "looked_after",
    "child_in_need",
)


def _clean_identity(data: dict) -> dict:
    data = dict(data)
    errors = {}
    data["upn"] = identifiers.normalise_upn(data.get("upn") or "")
    data["uln"] = (data.get("uln") or "").replace(" ", "")
    data["nhs_number"] = (data.get("nhs_number") or "").replace(" ", "")
    data["postcode"] = " ".join((data.get("postcode") or "").upper().split())
    for name in ("forename", "surname"):
        if name in data:
            data[name] = unicodedata.normalize("NFC", " ".join((data[name] or "").split()))
    errors.update(
        name_errors(**{name: data[name] for name in ("forename", "surname") if name in data})
    )
    for field, check in (
        ("upn", identifiers.upn_check),
        ("uln", identifiers.uln_check),
        ("nhs_number", identifiers.nhs_number_check),
    ):
        if data[field]:
            message = check(data[field])
            if message:
                errors[field] = [message]
    if not data["upn"] and not data.get("upn_unknown_reason"):
        errors.setdefault("upn", [NO_UPN_OR_REASON])
    if data["upn"] and data.get("upn_unknown_reason"):
        errors["upn_unknown_reason"] = [UPN_AND_REASON]
    dob = data.get("date_of_birth")
    if dob:
        if dob > today():
            errors["date_of_birth"] = ["Date of birth cannot be in the future"]
        elif _age_on(dob, today()) >= 26:
            errors["date_of_birth"] = [TOO_OLD]
    if errors:
        from .common import StepRefused

        raise StepRefused(errors)
    return data


def _age_on(dob: datetime.date, on: datetime.date) -> int:
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


def _check_caseworker(team: Team | None, caseworker: User | None) -> None:
    if caseworker is None:
        return
    from accounts import roles

    if not caseworker.has_role(roles.CASEWORKER) or (team and caseworker.team_id != team.pk):
        refuse(NOT_A_CASEWORKER, "lead_caseworker")


def next_reference(child: Child) -> str:
    return f"SEND-{child.pk:07d}"


@transaction.atomic
def child_create(*, by: User, team: Team, lead_caseworker: User | None = None, **identity) -> Child:
    data = _clean_identity(
        {name: identity.get(name) for name in IDENTITY_FIELDS if name in identity}
    )
    _check_caseworker(team, lead_caseworker)
    child = Child(team=team, lead_caseworker=lead_caseworker, created_by=by, modified_by=by, **data)
    child.reference = "pending"
    child.full_clean(exclude=["reference"])
    child.save()
    child.reference = next_reference(child)
    child.save(update_fields=["reference"])
    timeline_record(
        child=child,
        verb="child_registered",
        summary="Child or young person registered",
        happened_on=today(),
        by=by,
        target=child,
    )
    return child


@transaction.atomic
def child_update(*, child: Child, by: User, **identity) -> Child:
    current = {name: getattr(child, name) for name in IDENTITY_FIELDS}
    current.update({k: v for k, v in identity.items() if k in IDENTITY_FIELDS})
    data = _clean_identity(current)
    changed = {}
    for name, value in data.items():
        if getattr(child, name) != value:
            changed[name] = [str(getattr(child, name)), str(value)]
            setattr(child, name, value)
    if not changed:
        return child
    child.modified_by = by
    child.full_clean()
    child.save()
    # Names of changed fields only: the timeline shows what changed without copying identity data.
    timeline_record(
        child=child,
        verb="child_updated",
        summary="Details changed: "
        + ", ".join(Child._meta.get_field(n).verbose_name for n in changed),
        happened_on=today(),
        by=by,
        target=child,
        payload={"fields": sorted(changed)},
    )
    return child


@transaction.atomic
def needs_set(
    *, child: Child, by: User, primary: str, secondary: str | None = None
) -> list[SenNeed]:
    """SEN2 module 5c: one primary need and at most one secondary need."""
    if not primary:
        refuse(PRIMARY_NEED_REQUIRED, "primary")
    if secondary and secondary == primary:
        refuse(SAME_NEED_TWICE, "secondary")
    has_plan = child.plans.filter(status=PlanStatus.IN_FORCE).exists()
    for field, need in (("primary", primary), ("secondary", secondary)):
        if need == NeedType.NSA and has_plan:
            refuse(NSA_ON_PLAN, field)
        if need and need not in NeedType.values:
            refuse(f"{need} is not an SEN2 need type", field)
    before = {n.rank: n.need_type for n in child.sen_needs.all()}
    child.sen_needs.all().delete()
    needs = [SenNeed(child=child, need_type=primary, rank=1, created_by=by, modified_by=by)]
    if secondary:
        needs.append(
            SenNeed(child=child, need_type=secondary, rank=2, created_by=by, modified_by=by)
        )
    SenNeed.objects.bulk_create(needs)
    timeline_record(
        child=child,
        verb="needs_set",
        summary=f"Needs recorded: primary {primary}"
        + (f", secondary {secondary}" if secondary else ""),
        happened_on=today(),
        by=by,
        payload={"before": before, "after": {1: primary, 2: secondary}},
    )
    return needs


@transaction.atomic
def parent_carer_add(*, child: Child, by: User, **data) -> ParentCarer:
    carer = ParentCarer(child=child, **data)
    return added(
        carer,
        child=child,
        by=by,
        verb="parent_carer_added",
        summary=f"{carer.relationship.capitalize()} added as a contact",
    )


@transaction.atomic
def placement_add(
    *,
    child: Child,
    by: User,
    entry_on: datetime.date,
    setting: EducationSetting | None = None,
    setting_code: str = "",
    leaving_on: datetime.date | None = None,
    **flags,
) -> Placement:
    if setting is None and not setting_code:
        refuse(PLACEMENT_SETTING, "setting")
    check_not_before(
        entry_on,
        child.date_of_birth,
        label="Entry date",
        other_label="date of birth",
        field="entry_on",
    )
    if leaving_on:
        check_date(
            leaving_on, label="Leaving date", field="leaving_on", after=(entry_on, "the entry date")
        )
    placement = Placement(
        child=child,
        setting=setting,
        setting_code=setting_code,
        entry_on=entry_on,
        leaving_on=leaving_on,
        **flags,
    )
    return added(
        placement,
        child=child,
        by=by,
        verb="placement_added",
        summary=f"Placement recorded: {setting or placement.get_setting_code_display()}",
        happened_on=entry_on,
    )


def _check_hand_over_recipient(*, to: User, by: User) -> None:
    from ..selectors import caseworkers_assignable_by

    if not caseworkers_assignable_by(user=by).filter(pk=to.pk).exists():
        refuse(HAND_OVER_RECIPIENT, "to")


@transaction.atomic
def child_reassign(*, child: Child, to: User, by: User) -> Child:
    """Hand one case over to another caseworker (moving it to their team).

    Only a manager of the case's team may, and only to a caseworker in a team they manage."""
    from ..selectors import children_visible_to

    if not children_visible_to(user=by).filter(pk=child.pk).exists():
        refuse(HAND_OVER_NOT_YOURS)
    _check_hand_over_recipient(to=to, by=by)
    _check_caseworker(to.team, to)
    before = child.lead_caseworker
    if before == to:
        return child
    child.lead_caseworker = to
    child.team = to.team
    child.modified_by = by
    child.save(update_fields=["lead_caseworker", "team", "modified_by", "modified_at"])
    timeline_record(
        child=child,
        verb="case_handed_over",
        summary=f"Case handed over to {to.display_name}",
        happened_on=today(),
        by=by,
        payload={"from": before.display_name if before else None, "to": to.display_name},
    )
    return child


@transaction.atomic
def caseload_reassign(*, from_caseworker: User, to: User, by: User) -> int:
    """Hand a whole caseload over in one action (e.g. when a caseworker leaves): set-based.

    Only the cases the manager may see move: a caseworker who changed teams keeps the cases
    of their old team, which that team's manager hands over."""
    from ..models import TimelineEvent
    from ..selectors import children_visible_to

    _check_hand_over_recipient(to=to, by=by)
    _check_caseworker(to.team, to)
    ids = list(
        children_visible_to(user=by)
        .filter(lead_caseworker=from_caseworker)
        .exclude(lead_caseworker=to)
        .values_list("pk", flat=True)
    )
    if not ids:
        return 0
    Child.objects.filter(pk__in=ids).update(
        lead_caseworker=to, team=to.team, modified_by=by, modified_at=timezone.now()
    )
    on = today()
    summary = f"Case handed over to {to.display_name} (caseload of {from_caseworker.display_name})"
    TimelineEvent.objects.bulk_create(
        TimelineEvent(
            child_id=pk,
            verb="case_handed_over",
            summary=summary,
            happened_on=on,
            actor=by,
            payload={"from": from_caseworker.display_name, "to": to.display_name},
        )
        for pk in ids
    )
    return len(ids)
