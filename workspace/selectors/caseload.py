"""The caseload: every open statutory step across the cases a person works on, soonest first."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import OuterRef, QuerySet, Subquery

from accounts import roles
from accounts.models import Team, User
from cases.models import Child, Placement, SenNeed
from cases.selectors import (
    caseworkers_assignable_by,
    children_visible_to,
    deadline_counts,
    open_deadlines,
)

PER_PAGE = 50


@dataclass(frozen=True)
class Caseload:
    page: Page  # of StatutoryDeadline, each with primary_need and setting_name
    counts: dict  # overdue, due_this_week, due_next_4_weeks (before the stage and state filters)


def caseload_scopes(*, user: User) -> list[tuple[str, str]]:
    """Whose cases this person may list: their own, a team's, or all their teams'."""
    scopes = []
    if user.has_role(roles.CASEWORKER):
        scopes.append(("mine", "My caseload"))
    if user.has_role(roles.MANAGER):
        scopes += [
            (f"team-{pk}", name)
            for pk, name in Team.objects.filter(managers=user).values_list("pk", "name")
        ]
        scopes.append(("all", "All my teams"))
    elif user.team_id:
        scopes.append((f"team-{user.team_id}", user.team.name))
    return scopes


def default_scope(*, user: User) -> str:
    return "mine" if user.has_role(roles.CASEWORKER) else "all"


def _children_in_scope(user: User, scope: str) -> QuerySet[Child]:
    children = children_visible_to(user=user)
    if scope == "mine":
        return children.filter(lead_caseworker=user)
    if scope.startswith("team-") and scope[5:].isdigit():
        return children.filter(team_id=int(scope[5:]))
    return children


def caseload_for(*, user: User, filters: dict, page_number=None) -> Caseload:
    """The page of open statutory steps matching the filters (scope, caseworker, need,
    setting_type, stage, state: each optional), with the counts for the cases in scope."""
    children = _children_in_scope(user, filters.get("scope") or default_scope(user=user))
    if filters.get("caseworker") is not None:
        # Only a caseworker in a team this person manages: never a way into another team.
        chosen = caseworkers_assignable_by(user=user).filter(pk=filters["caseworker"].pk)
        children = children.filter(lead_caseworker__in=chosen)
    if filters.get("need"):
        children = children.filter(sen_needs__rank=1, sen_needs__need_type=filters["need"])
    if filters.get("setting_type"):
        children = children.filter(
            placements__leaving_on__isnull=True,
            placements__setting__setting_type=filters["setting_type"],
        )
    deadlines = open_deadlines(children=children).filter(statutory=True)
    counts = deadline_counts(deadlines=deadlines)
    if filters.get("stage"):
        deadlines = deadlines.filter(stage=filters["stage"])
    if filters.get("state"):
        deadlines = deadlines.filter(state=filters["state"])
    primary = SenNeed.objects.filter(child=OuterRef("child"), rank=1).values("need_type")[:1]
    setting = Placement.objects.filter(child=OuterRef("child"), leaving_on__isnull=True).values(
        "setting__name"
    )[:1]
    deadlines = deadlines.annotate(primary_need=Subquery(primary), setting_name=Subquery(setting))
    page = Paginator(deadlines, PER_PAGE).get_page(page_number)
    page.object_list = list(page.object_list)  # read here, not while the template renders
    return Caseload(page=page, counts=counts)
