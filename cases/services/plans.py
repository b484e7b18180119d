"""EHC plans: sections A-K, versions in force on a date, what changed between versions, ceasing."""

import datetime
import difflib

from django.db import transaction
from django.db.models import Q

from accounts.models import User

from ..models import EHCPlan, PlanStatus, PlanVersion, ProvisionLink, ProvisionSection, VersionKind
from ..models.codes import PLAN_SECTIONS, CeaseReason
from .common import refuse, timeline_record, today
from .runner import changed, step_run

SECTION_CODES = tuple(code for code, _title in PLAN_SECTIONS)
SECTION_TITLES = dict(PLAN_SECTIONS)
UNKNOWN_SECTION = "{code} is not a section of an EHC plan (sections are A to K)"
SECTION_REQUIRED = "Section {code} ({title}) cannot be empty in a final plan"
REQUIRED_IN_FINAL = ("A", "B", "E", "F", "I")
NOT_IN_FORCE = "This step is not allowed now: the plan is not in force"
CEASE_REASON_REQUIRED = "Choose the reason the plan is ceasing"
PLAN_CEASED = "This step is not allowed now: the plan has ceased"
NOT_A_PROVISION_SECTION = "Choose section F, G, H1 or H2: only those set out provision"
SERVICE_NOT_RUNNING = (
    "{service} is {status} in the Local Offer: link a service that is running, or ask the "
    "directory team to update it"
)
ALREADY_LINKED = "{service} is already linked to section {section} of this plan"
PROVISION_REQUIRED = "Say which provision in the section this service delivers"
LINK_ALREADY_REMOVED = "This link was already removed"


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


PLAN_TERMS = (
    "named_setting",
    "named_setting_code",
    "personal_budget_taken_up",
    "organised_arrangements",
    "direct_payments",
)


def next_version_number(plan: EHCPlan) -> int:
    if plan.pk is None:
        return 1
    last = plan.versions.order_by("-number").values_list("number", flat=True).first()
    return (last or 0) + 1


def version_issue(plan: EHCPlan, *, kind: str, issued_on: datetime.date, sections: dict, **terms):
    """A new issued version of the plan (in memory), numbered after the last; its terms (the
    named setting, the personal budget) become the plan's."""
    version = PlanVersion(
        plan=plan,
        number=next_version_number(plan),
        kind=kind,
        issued_on=issued_on,
        sections=sections,
        **terms,
    )
    for field in PLAN_TERMS:
        setattr(plan, field, getattr(version, field))
    return version


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


def plan_cease(*, plan: EHCPlan, ceased_on: datetime.date, reason: str, by: User) -> EHCPlan:
    """Ceases the plan (CFA s45) with the SEN2 cease reason."""

    def change(case, plan):
        if reason not in CeaseReason.values:
            refuse(CEASE_REASON_REQUIRED, "reason")
        plan.status = PlanStatus.CEASED
        plan.ceased_on = ceased_on
        plan.cease_reason = reason
        plan.next_review_due_on = None
        return changed(
            plan,
            "plan_ceased",
            f"EHC plan ceased: {plan.get_cease_reason_display().lower()}",
        )

    return step_run("cease", by=by, given=plan, change=change, on=ceased_on)


@transaction.atomic
def provision_link_add(
    *, plan: EHCPlan, section: str, service, provision: str, by: User
) -> ProvisionLink:
    """Links a Local Offer service to provision in section F, G, H1 or H2 of a plan."""
    from local_offer.models import ServiceStatus

    plan = EHCPlan.objects.select_for_update().get(pk=plan.pk)
    if plan.status == PlanStatus.CEASED:
        refuse(PLAN_CEASED)
    if section not in ProvisionSection.values:
        refuse(NOT_A_PROVISION_SECTION, "section")
    provision = (provision or "").strip()
    if not provision:
        refuse(PROVISION_REQUIRED, "provision")
    if service.status != ServiceStatus.ACTIVE:
        refuse(
            SERVICE_NOT_RUNNING.format(
                service=service.name, status=service.get_status_display().lower()
            ),
            "service",
        )
    if plan.provision_links.filter(
        section=section, service=service, removed_on__isnull=True
    ).exists():
        refuse(ALREADY_LINKED.format(service=service.name, section=section), "service")
    plan.modified_by = by
    plan.save(update_fields=["modified_by", "modified_at"])  # partners' change feed shows it
    link = ProvisionLink.objects.create(
        plan=plan,
        section=section,
        service=service,
        provision=provision,
        linked_on=today(),
        created_by=by,
        modified_by=by,
    )
    timeline_record(
        child=plan.child,
        verb="provision_linked",
        summary=f"Local Offer service {service.name} linked to section {section}: {provision}",
        happened_on=link.linked_on,
        by=by,
        target=link,
        payload={"section": section, "service": str(service.pk), "provision": provision},
    )
    return link


@transaction.atomic
def provision_link_remove(*, link: ProvisionLink, by: User) -> ProvisionLink:
    """Ends a link; the link stays in the plan's history."""
    link = (
        ProvisionLink.objects.select_for_update()
        .select_related("plan__child", "service")
        .get(pk=link.pk)
    )
    if link.removed_on is not None:
        refuse(LINK_ALREADY_REMOVED, "link")
    if link.plan.status == PlanStatus.CEASED:
        refuse(PLAN_CEASED)
    link.plan.modified_by = by
    link.plan.save(update_fields=["modified_by", "modified_at"])
    link.removed_on = today()
    link.removed_by = by
    link.modified_by = by
    link.save(update_fields=["removed_on", "removed_by", "modified_by", "modified_at"])
    timeline_record(
        child=link.plan.child,
        verb="provision_unlinked",
        summary=f"Local Offer service {link.service.name} no longer linked to section {link.section}",
        happened_on=link.removed_on,
        by=by,
        target=link,
        payload={"section": link.section, "service": str(link.service_id)},
    )
    return link


def provision_links_for_version(*, version: PlanVersion) -> list[ProvisionLink]:
    """The links in place at any time while this version was the latest: from its issue date
    until the next version was issued (or today, for the latest)."""
    following = version.plan.versions.filter(number__gt=version.number).order_by("number").first()
    until = following.issued_on if following else today()
    return list(
        version.plan.provision_links.filter(linked_on__lte=until)
        .filter(Q(removed_on__isnull=True) | Q(removed_on__gt=version.issued_on))
        .select_related("service__organization")
    )
