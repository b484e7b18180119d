"""EHC plans: sections A-K, versions in force on a date, what changed between versions, ceasing."""

import datetime
import difflib

from django.db import transaction

from accounts.models import User

from ..models import EHCPlan, PlanStatus, PlanVersion, VersionKind
from ..models.codes import PLAN_SECTIONS, CeaseReason
from .common import check_date, refuse, timeline_record

SECTION_CODES = tuple(code for code, _title in PLAN_SECTIONS)
SECTION_TITLES = dict(PLAN_SECTIONS)
UNKNOWN_SECTION = "{code} is not a section of an EHC plan (sections are A to K)"
SECTION_REQUIRED = "Section {code} ({title}) cannot be empty in a final plan"
REQUIRED_IN_FINAL = ("A", "B", "E", "F", "I")
NOT_IN_FORCE = "This step is not allowed now: the plan is not in force"
CEASE_REASON_REQUIRED = "Choose the reason the plan is ceasing"


def sections_clean(sections: dict, *, require_all: bool) -> dict:
    """Sections keyed A-K (H1/H2), text stripped; a final plan needs its core sections."""
    cleaned = {}
    for code, text in (sections or {}).items():
        if code not in SECTION_CODES:
            refuse(UNKNOWN_SECTION.format(code=code), "sections")
        cleaned[code] = (text or "").strip()
    if require_all:
        for code in REQUIRED_IN_FINAL:
            if not cleaned.get(code):
                refuse(
                    SECTION_REQUIRED.format(code=code, title=SECTION_TITLES[code]),
                    f"section_{code}",
                )
    return {code: cleaned.get(code, "") for code in SECTION_CODES}


def plan_version_in_force_on(*, plan: EHCPlan, on: datetime.date) -> PlanVersion | None:
    """The issued version in force on a date: the latest issued on or before it."""
    if plan.ceased_on and on >= plan.ceased_on:
        return None
    return (
        plan.versions.filter(kind__in=VersionKind.issued(), issued_on__lte=on)
        .order_by("-issued_on", "-number")
        .first()
    )


def plan_versions_diff(*, older: PlanVersion, newer: PlanVersion) -> list[dict]:
    """What changed between two versions, section by section (only sections that changed)."""
    changed = []
    for code in SECTION_CODES:
        before = older.sections.get(code, "")
        after = newer.sections.get(code, "")
        if before == after:
            continue
        lines = list(
            difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=1)
        )[2:]
        changed.append(
            {
                "code": code,
                "title": SECTION_TITLES[code],
                "before": before,
                "after": after,
                "removed": [line[1:] for line in lines if line.startswith("-")],
                "added": [line[1:] for line in lines if line.startswith("+")],
            }
        )
    if (
        older.named_setting_id != newer.named_setting_id
        or older.named_setting_code != newer.named_setting_code
    ):
        changed.append(
            {
                "code": "I",
                "title": "Named setting",
                "before": str(older.named_setting or older.named_setting_code),
                "after": str(newer.named_setting or newer.named_setting_code),
                "removed": [str(older.named_setting or older.named_setting_code)],
                "added": [str(newer.named_setting or newer.named_setting_code)],
            }
        )
    return changed


@transaction.atomic
def plan_cease(*, plan: EHCPlan, ceased_on: datetime.date, reason: str, by: User) -> EHCPlan:
    """Ceases the plan (CFA s45) with the SEN2 cease reason."""
    plan = EHCPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status != PlanStatus.IN_FORCE:
        refuse(NOT_IN_FORCE)
    if reason not in CeaseReason.values:
        refuse(CEASE_REASON_REQUIRED, "reason")
    check_date(
        ceased_on,
        label="The date the plan ceased",
        field="ceased_on",
        after=(plan.first_issued_on, "the date the plan was issued"),
    )
    plan.status = PlanStatus.CEASED
    plan.ceased_on = ceased_on
    plan.cease_reason = reason
    plan.next_review_due_on = None
    plan.modified_by = by
    plan.save()
    timeline_record(
        child=plan.child,
        verb="plan_ceased",
        summary=f"EHC plan ceased: {plan.get_cease_reason_display().lower()}",
        happened_on=ceased_on,
        by=by,
        target=plan,
    )
    from .deadlines import deadlines_refresh

    deadlines_refresh(child=plan.child)
    return plan
