"""Demo panels: the usual panel types, this week's and next week's meetings with agendas."""

import datetime

from django.db import transaction
from django.utils import timezone

from cases.models import AssessmentRequest, RequestStatus
from panels.models import AgendaItem, Meeting, Membership, PanelType

TYPES = (
    ("Decision to assess panel", "assess", 3, ["ep", "health"]),
    ("EHC plan and funding panel", "issue", 3, ["ep", "health"]),
    ("Placement panel", "placement", 3, []),
    ("Cease to maintain panel", "cease", 3, []),
)
ROLES = ("sen", "ep", "health", "social_care", "school")


@transaction.atomic
def build_panels(*, rng, faker, context: dict, children: int, progress: bool = True) -> None:
    if PanelType.objects.exists():
        return
    today = timezone.localdate()
    members = context["panel_members"]
    types = {
        kind: PanelType.objects.create(
            name=name, kind=kind, quorum_minimum=quorum, quorum_roles=roles
        )
        for name, kind, quorum, roles in TYPES
    }
    caseworker = context["named"]["caseworker"]
    for offset, kind, status in (
        (3, "assess", RequestStatus.AWAITING_DECISION),
        (10, "issue", RequestStatus.ASSESSING),
    ):
        meeting = Meeting.objects.create(
            panel_type=types[kind],
            held_on=today + datetime.timedelta(days=offset),
            chair=context["named"]["manager"],
        )
        for user, role in zip(members, ("ep", "health", "social_care", "school"), strict=False):
            Membership.objects.create(meeting=meeting, user=user, professional_role=role)
        requests = AssessmentRequest.objects.filter(
            status=status, child__team=caseworker.team
        ).select_related("child")[:6]
        AgendaItem.objects.bulk_create(
            AgendaItem(
                meeting=meeting,
                child=r.child,
                request=r,
                summary="Summary of the request, the setting's evidence and the advice received so far.",
                added_by=caseworker,
                deadline_before_meeting=bool(
                    r.decision_due_on
                    and r.decision_due_on < meeting.held_on
                    and status == RequestStatus.AWAITING_DECISION
                ),
            )
            for r in requests
        )
