"""Panel decisions. A confirmed decision moves the case only through the case services."""

from django.db import transaction
from django.utils import timezone

from cases.models import Child, StatutoryDeadline
from cases.services import requests as request_services
from cases.services.common import StepRefused, long_date, timeline_record

from .models import (
    APPEALABLE,
    AgendaItem,
    Conflict,
    Decision,
    Meeting,
    MeetingChange,
    Membership,
    Option,
)

NOT_A_MEMBER = "Only a member of this panel attending the meeting can record its decision"
CONFLICTED = (
    "This member has declared a conflict of interest on this case and takes no part in the decision"
)
OPTION_NOT_ALLOWED = "A {panel} cannot decide “{option}”"
REASONS_REQUIRED = "Enter the reasons for the decision"
NO_QUORUM = "The panel is not quorate for this decision: it needs {needed}"
ITEM_CLOSED = "This case has already been decided at this meeting"
NOT_CHAIR = "Only the chair can confirm the panel's decision"
ALREADY_CONFIRMED = "This decision has already been confirmed"
ALREADY_ON_AGENDA = "This case is already on this meeting's agenda"
MEETING_NOT_YET = "The panel meets on {on}: record its decision on or after that day"
MEETING_PAST = "This meeting has already taken place; add the case to a later meeting"
CASE_NOT_YOURS = "You can add to an agenda only the cases of the teams you work in or manage"


def _quorum_message(panel_type, taking_part) -> str | None:
    """None if the members taking part make the panel quorate, else what it needs."""
    from .models import ProfessionalRole

    roles_present = {m.professional_role for m in taking_part}
    missing = [role for role in panel_type.quorum_roles if role not in roles_present]
    if len(taking_part) < panel_type.quorum_minimum or missing:
        needed = f"at least {panel_type.quorum_minimum} members taking part"
        if panel_type.quorum_roles:
            needed += ", including " + " and ".join(
                ProfessionalRole(r).label.lower() for r in panel_type.quorum_roles
            )
        return NO_QUORUM.format(needed=needed)
    return None


def quorum_problem(item: AgendaItem) -> str | None:
    """The members who can take part: attending and not conflicted on this item."""
    conflicted = set(item.conflicts.values_list("member_id", flat=True))
    taking_part = [m for m in item.meeting.members.all() if m.attended and m.pk not in conflicted]
    return _quorum_message(item.meeting.panel_type, taking_part)


@transaction.atomic
def agenda_item_add(*, meeting: Meeting, child: Child, summary: str, by) -> AgendaItem:
    from cases.selectors import children_visible_to

    if not children_visible_to(user=by).filter(pk=child.pk).exists():
        raise StepRefused(CASE_NOT_YOURS)
    if meeting.held_on < timezone.localdate():
        raise StepRefused({"meeting": [MEETING_PAST]})
    if not summary.strip():
        raise StepRefused({"summary": ["Enter a summary of the case for the panel"]})
    if AgendaItem.objects.filter(meeting=meeting, child=child).exists():
        raise StepRefused({"meeting": [ALREADY_ON_AGENDA]})
    request = child.requests.order_by("-received_on").first()
    late = StatutoryDeadline.objects.filter(
        child=child,
        is_open=True,
        key__regex=r":(decision_to_assess|not_to_issue|reassessment_decision)$",
        due_on__lt=meeting.held_on,
    ).exists()
    item = AgendaItem.objects.create(
        meeting=meeting,
        child=child,
        request=request,
        summary=summary.strip(),
        deadline_before_meeting=late,
        added_by=by,
    )
    timeline_record(
        child=child,
        verb="panel_item_added",
        summary=f"Added to the agenda of the {meeting}",
        happened_on=timezone.localdate(),
        by=by,
        target=item,
    )
    return item


@transaction.atomic
def conflict_declare(*, item: AgendaItem, member: Membership) -> Conflict:
    return Conflict.objects.get_or_create(item=item, member=member)[0]


@transaction.atomic
def decision_record(
    *,
    item: AgendaItem,
    by,
    option: str,
    reasons: str,
    conditions: str = "",
    funding_band: str = "",
    setting=None,
    dissent: str = "",
) -> Decision:
    item = (
        AgendaItem.objects.select_for_update().select_related("meeting__panel_type").get(pk=item.pk)
    )
    if not item.is_open or Decision.objects.filter(item=item).exists():
        raise StepRefused(ITEM_CLOSED)
    if item.meeting.held_on > timezone.localdate():
        raise StepRefused(MEETING_NOT_YET.format(on=long_date(item.meeting.held_on)))
    member = item.meeting.members.filter(user=by, attended=True).first()
    if member is None:
        raise StepRefused(NOT_A_MEMBER)
    if item.conflicts.filter(member=member).exists():
        raise StepRefused(CONFLICTED)
    panel_type = item.meeting.panel_type
    if option not in panel_type.options:
        raise StepRefused(
            {
                "option": [
                    OPTION_NOT_ALLOWED.format(
                        panel=panel_type.get_kind_display().lower() + " panel",
                        option=Option(option).label if option in Option.values else option,
                    )
                ]
            }
        )
    if not reasons.strip():
        raise StepRefused({"reasons": [REASONS_REQUIRED]})
    if problem := quorum_problem(item):
        raise StepRefused(problem)
    return Decision.objects.create(
        item=item,
        option=option,
        reasons=reasons.strip(),
        conditions=conditions,
        funding_band=funding_band,
        setting=setting,
        dissent=dissent,
        recorded_by=by,
    )


@transaction.atomic
def decision_confirm(*, decision: Decision, by) -> Decision:
    """The chair confirms; the case moves through the case services, dated the panel date."""
    decision = (
        Decision.objects.select_for_update(of=("self",))
        .select_related("item__meeting__panel_type", "item__child", "item__request")
        .get(pk=decision.pk)
    )
    item = decision.item
    meeting = item.meeting
    if meeting.chair_id != by.pk:
        raise StepRefused(NOT_CHAIR)
    if decision.confirmed_at:
        raise StepRefused(ALREADY_CONFIRMED)
    if problem := quorum_problem(item):
        raise StepRefused(problem)
    request = item.request
    on = meeting.held_on
    if decision.option in (Option.AGREE_TO_ASSESS, Option.REFUSE_TO_ASSESS):
        if request is None:
            raise StepRefused("The case has no request for an assessment to decide")
        request_services.request_decide(
            request=request,
            decided_to_assess=decision.option == Option.AGREE_TO_ASSESS,
            decided_on=on,
            by=by,
        )
    elif decision.option == Option.REFUSE_TO_ISSUE:
        if request is None:
            raise StepRefused("The case has no assessment to decide on")
        request_services.request_decide_not_to_issue(request=request, notified_on=on, by=by)
    decision.confirmed_by = by
    decision.confirmed_at = timezone.now()
    decision.save(update_fields=["confirmed_by", "confirmed_at"])
    item.is_open = False
    item.save(update_fields=["is_open"])
    timeline_record(
        child=item.child,
        verb="panel_decision",
        summary=f"Panel decision ({meeting.panel_type}): {decision.get_option_display().lower()}"
        + (f", funding band {decision.funding_band}" if decision.funding_band else ""),
        happened_on=on,
        by=by,
        target=decision,
        payload={"option": decision.option},
    )
    return decision


def outcome_letter(decision: Decision) -> str:
    """Plain-English text for the family, naming the rights of appeal where there are any."""
    item = decision.item
    meeting = item.meeting
    lines = [
        f"Case reference: {item.child.reference}",
        "",
        f"Dear {item.child.forename}'s family,",
        "",
        f"On {long_date(meeting.held_on)} the {meeting.panel_type.name.lower()} met to consider {item.child.forename}'s case.",
        f"The panel's decision: {decision.get_option_display().lower()}.",
        "",
        "Why the panel decided this:",
        decision.reasons,
    ]
    if decision.conditions:
        lines += ["", "Conditions:", decision.conditions]
    if decision.funding_band:
        lines += ["", f"Funding band: {decision.funding_band}."]
    if decision.option in APPEALABLE:
        lines += [
            "",
            "If you disagree",
            "You can appeal to the First-tier Tribunal (Special Educational Needs and Disability). Before you appeal you must contact a mediation adviser within 2 months of the date of this letter; they will tell you about mediation and give you a certificate. You then have 2 months from the date of this letter, or 1 month from the date of the certificate if that is later, to register your appeal.",
            "You can also talk to us: we will meet you to discuss the decision if you would like.",
        ]
    lines += ["", "Yours sincerely,", "The SEND team"]
    return "\n".join(lines)


MEETING_IN_PAST = "A panel meeting cannot be arranged for a date that has passed"
CHAIR_NOT_STAFF = "The chair must be a manager or a panel member"
MEMBER_NOT_PANEL = "{name} is not a panel member: ask an administrator to give them the role"
ALREADY_A_MEMBER = "{name} is already a member of this meeting"
MEETING_HELD = (
    "The meeting has taken place: its members can no longer change (record who attended instead)"
)
DECISIONS_MADE = (
    "The panel has already recorded a decision at this meeting: its membership and attendance "
    "can no longer change"
)


def _check_not_held(meeting: Meeting) -> None:
    if meeting.held_on < timezone.localdate():
        raise StepRefused(MEETING_HELD)


def _check_open_for_changes(meeting: Meeting) -> None:
    if Decision.objects.filter(item__meeting=meeting).exists():
        raise StepRefused(DECISIONS_MADE)


@transaction.atomic
def meeting_arrange(*, panel_type, held_on, chair, by) -> Meeting:
    """A panel meeting on a date, with its chair; members are added next."""
    from accounts import roles

    if held_on < timezone.localdate():
        raise StepRefused({"held_on": [MEETING_IN_PAST]})
    if not chair.has_role(roles.MANAGER, roles.PANEL_MEMBER):
        raise StepRefused({"chair": [CHAIR_NOT_STAFF]})
    meeting = Meeting.objects.create(panel_type=panel_type, held_on=held_on, chair=chair)
    MeetingChange.objects.create(
        meeting=meeting, by=by, summary=f"Meeting arranged, chaired by {chair.display_name}"
    )
    return meeting


@transaction.atomic
def membership_add(*, meeting: Meeting, user, professional_role: str, by) -> Membership:
    from accounts import roles

    from .models import ProfessionalRole

    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _check_open_for_changes(meeting)
    _check_not_held(meeting)
    if not user.has_role(roles.PANEL_MEMBER, roles.MANAGER):
        raise StepRefused({"user": [MEMBER_NOT_PANEL.format(name=user.display_name)]})
    if professional_role not in ProfessionalRole.values:
        raise StepRefused({"professional_role": ["Choose the member's professional role"]})
    if meeting.members.filter(user=user).exists():
        raise StepRefused({"user": [ALREADY_A_MEMBER.format(name=user.display_name)]})
    membership = Membership.objects.create(
        meeting=meeting, user=user, professional_role=professional_role
    )
    MeetingChange.objects.create(
        meeting=meeting,
        by=by,
        summary=f"{user.display_name} added as "
        f"{membership.get_professional_role_display().lower()}",
    )
    return membership


@transaction.atomic
def membership_remove(*, membership: Membership, by) -> None:
    meeting = Meeting.objects.select_for_update().get(pk=membership.meeting_id)
    _check_open_for_changes(meeting)
    _check_not_held(meeting)
    Conflict.objects.filter(member=membership).delete()
    membership.delete()
    MeetingChange.objects.create(
        meeting=meeting, by=by, summary=f"{membership.user.display_name} removed"
    )


@transaction.atomic
def attendance_record(*, meeting: Meeting, attended: set[int], by) -> int:
    """Marks who attended (everyone else sent apologies), in one update each way."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _check_open_for_changes(meeting)
    meeting.members.filter(pk__in=attended).update(attended=True)
    meeting.members.exclude(pk__in=attended).update(attended=False)
    present = meeting.members.filter(attended=True).count()
    apologies = meeting.members.count() - present
    MeetingChange.objects.create(
        meeting=meeting,
        by=by,
        summary=f"Attendance recorded: {present} attending, {apologies} sent apologies",
    )
    return present


def meeting_quorum_problem(meeting: Meeting) -> str | None:
    """Whether the members attending can make the panel quorate (before any conflicts)."""
    return _quorum_message(meeting.panel_type, [m for m in meeting.members.all() if m.attended])
