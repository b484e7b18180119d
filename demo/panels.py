"""Demo panels: the usual panel types, this week's and next week's meetings with agendas, arranged
and filled through the panels' services (the demo caseworker puts their own cases forward)."""

import datetime

from django.db import transaction
from django.utils import timezone

from cases.models import Child, RequestStatus
from panels import services
from panels.models import PanelType

TYPES = (
    ("Decision to assess panel", "assess", 3, ["ep", "health"]),
    ("EHC plan and funding panel", "issue", 3, ["ep", "health"]),
    ("Placement panel", "placement", 3, []),
    ("Cease to maintain panel", "cease", 3, []),
)
ROLES = ("sen", "ep", "health", "social_care", "school")
SUMMARY = "Summary of the request, the setting's evidence and the advice received so far."
ITEMS_PER_MEETING = 6


@transaction.atomic
def build_panels(*, rng, faker, context: dict, children: int, progress: bool = True, **_) -> None:
    if PanelType.objects.exists():
        return
    today = timezone.localdate()
    types = {
        kind: PanelType.objects.create(
            name=name, kind=kind, quorum_minimum=quorum, quorum_roles=roles
        )
        for name, kind, quorum, roles in TYPES
    }
    caseworker = context["named"]["caseworker"]
    manager = context["named"]["manager"]
    for offset, kind, status in (
        (3, "assess", RequestStatus.AWAITING_DECISION),
        (10, "issue", RequestStatus.ASSESSING),
    ):
        meeting = services.meeting_arrange(
            panel_type=types[kind],
            held_on=today + datetime.timedelta(days=offset),
            chair=manager,
            by=manager,
        )
        for user, role in zip(
            context["panel_members"], ("ep", "health", "social_care", "school"), strict=False
        ):
            services.membership_add(meeting=meeting, user=user, professional_role=role, by=manager)
        # The caseworker's own cases first (the named ones), then others in their team.
        cases = (
            Child.objects.filter(team=caseworker.team, requests__status=status)
            .order_by("pk")
            .distinct()
        )
        mine = list(cases.filter(lead_caseworker=caseworker)[:ITEMS_PER_MEETING])
        others = list(cases.exclude(lead_caseworker=caseworker)[: ITEMS_PER_MEETING - len(mine)])
        for child in mine + others:
            services.agenda_item_add(meeting=meeting, child=child, summary=SUMMARY, by=caseworker)
