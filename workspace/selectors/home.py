"""The home page: what each person has to do, by role."""

from django.utils import timezone

from accounts import roles
from accounts.council import council_settings
from accounts.models import Team, User
from alerts.sweep_escalate import escalate_after_days, long_overdue_steps
from cases.selectors import children_visible_to, deadline_counts, open_deadlines

MOST_URGENT = 10


def home_for(*, user: User) -> dict:
    """Case staff: counts of open statutory steps on their caseload (a manager: their teams') and
    the most urgent; head of service: the whole service in counts; administrator: set-up."""
    context: dict = {"roles": user.role_labels}
    if user.has_role(*roles.CASE_STAFF):
        children = children_visible_to(user=user)
        if user.has_role(roles.CASEWORKER) and not user.has_role(roles.MANAGER):
            children = children.filter(lead_caseworker=user)
        deadlines = open_deadlines(children=children).filter(statutory=True)
        context["counts"] = deadline_counts(deadlines=deadlines)
        context["counts_heading"] = (
            "Statutory steps on your teams' cases"
            if user.has_role(roles.MANAGER)
            else "Statutory steps on your caseload"
        )
        context["next_deadlines"] = list(deadlines.select_related("child")[:MOST_URGENT])
        if user.has_role(roles.MANAGER):
            context["escalations"] = escalations_for(user=user)
    elif user.has_role(roles.HEAD_OF_SERVICE):
        # The whole service in counts; the head of service reads cases through the reports.
        from reporting.selectors.overview import service_overview_for

        context.update(service_overview_for(user=user, today=timezone.localdate()))
        context["counts_heading"] = "Statutory steps across the whole service"
    if user.has_role(roles.PANEL_MEMBER):
        from panels.selectors import meetings_upcoming_for

        context["panel"] = {"meetings": list(meetings_upcoming_for(user=user)[:MEETINGS_SHOWN])}
    if user.has_role(roles.DIRECTORY_EDITOR):
        from local_offer.selectors import directory_overview

        overview = directory_overview()
        context["directory"] = {
            "total": overview["total"],
            "lapsed": overview["lapsed"].count(),
            "feedback": len(overview["feedback"]),
        }
    if user.has_role(roles.ADMINISTRATOR):
        context["setup"] = setup_state()
    return context


MEETINGS_SHOWN = 5


def escalations_for(*, user: User) -> dict:
    """What a manager should act on: steps on their teams' cases overdue by more than the
    escalation threshold, and children no one leads. The same rule and threshold as the
    escalations the nightly sweep puts in the manager's inbox (`alerts.sweep_escalate`)."""
    today = timezone.localdate()
    children = children_visible_to(user=user)
    long_overdue = (
        long_overdue_steps(today=today)
        .filter(child__in=children)
        .order_by()
        .values("child")
        .distinct()
        .count()
    )
    return {
        "long_overdue": long_overdue,
        "after_days": escalate_after_days(),
        "unallocated": children.filter(lead_caseworker__isnull=True).count(),
    }


def setup_state() -> dict:
    """What an administrator setting up the council still has to do (set-up: /administration/)."""
    return {
        "council": council_settings(),
        "staff": User.objects.filter(is_active=True).count(),
        "teams": Team.objects.count(),
    }
