"""The manager's team view: for each caseworker in the teams they manage, the children they lead,
the open statutory steps, how many are overdue or due this week, and how many assessments are at
risk of missing the 20 weeks; and the children no one leads.

Two grouped queries, whatever the size of the teams: one over children, one over stored deadlines
(no query per caseworker)."""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from accounts.models import User
from cases.models import Child, DeadlineState, StatutoryDeadline
from cases.selectors import caseworkers_assignable_by, team_ids_visible_to

# An assessment is at risk of missing the 20 weeks when its decision whether to assess, its
# notice not to issue (16 weeks), its draft (planned by week 16) or its final plan is overdue.
AT_RISK_STAGES = ("decision", "outcome", "draft", "final_plan")


@dataclass(frozen=True)
class CaseworkerLoad:
    caseworker: User | None  # None: the children no one leads
    children: int
    open_steps: int
    overdue: int
    due_this_week: int
    at_risk: int  # children with an assessment at risk of missing the 20 weeks


@dataclass(frozen=True)
class TeamView:
    rows: list[CaseworkerLoad]
    totals: CaseworkerLoad


def team_view_for(*, user: User, today: datetime.date | None = None) -> TeamView:
    today = today or timezone.localdate()
    caseworkers = list(caseworkers_assignable_by(user=user))
    ids = [c.pk for c in caseworkers]
    # The same children as `children_visible_to`, joined on the team directly (no DISTINCT
    # subquery), so the counts are one grouped scan of the teams' rows.
    children = Child.objects.filter(
        Q(lead_caseworker__in=ids) | Q(lead_caseworker__isnull=True),
        team_id__in=team_ids_visible_to(user=user),
        archived_at__isnull=True,
    )
    led = {
        row["lead_caseworker"]: row["n"]
        for row in children.values("lead_caseworker").annotate(n=Count("pk")).order_by()
    }
    steps = {
        row["child__lead_caseworker"]: row
        for row in StatutoryDeadline.objects.filter(
            Q(child__lead_caseworker__in=ids) | Q(child__lead_caseworker__isnull=True),
            child__team_id__in=team_ids_visible_to(user=user),
            child__archived_at__isnull=True,
            is_open=True,
            statutory=True,
        )
        .values("child__lead_caseworker")
        .annotate(
            open_steps=Count("pk"),
            overdue=Count("pk", filter=Q(state=DeadlineState.OVERDUE.value)),
            due_this_week=Count(
                "pk", filter=Q(due_on__gte=today, due_on__lte=today + datetime.timedelta(days=7))
            ),
            at_risk=Count(
                "child",
                distinct=True,
                filter=Q(state=DeadlineState.OVERDUE.value, stage__in=AT_RISK_STAGES),
            ),
        )
        .order_by()
    }

    def load(caseworker, key):
        counts = steps.get(key, {})
        return CaseworkerLoad(
            caseworker=caseworker,
            children=led.get(key, 0),
            open_steps=counts.get("open_steps", 0),
            overdue=counts.get("overdue", 0),
            due_this_week=counts.get("due_this_week", 0),
            at_risk=counts.get("at_risk", 0),
        )

    rows = [load(c, c.pk) for c in caseworkers]
    unallocated = load(None, None)
    if unallocated.children:
        rows.append(unallocated)
    totals = CaseworkerLoad(
        caseworker=None,
        **{
            name: sum(getattr(row, name) for row in rows)
            for name in ("children", "open_steps", "overdue", "due_this_week", "at_risk")
        },
    )
    return TeamView(rows=rows, totals=totals)


def caseworker_of_team(*, user: User, pk: int) -> User | None:
    """A caseworker in a team this person manages, or None."""
    return caseworkers_assignable_by(user=user).filter(pk=pk).first()
