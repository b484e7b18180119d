"""The home page: what each person has to do, by role."""

from django.utils import timezone

from accounts import roles
from accounts.council import council_settings
from accounts.models import Team, User
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
        context["next_deadlines"] = list(deadlines[:MOST_URGENT])
    elif user.has_role(roles.HEAD_OF_SERVICE):
        # The whole service in counts; the head of service reads cases through the reports.
        from reporting.selectors.overview import service_overview_for

        context.update(service_overview_for(user=user, today=timezone.localdate()))
        context["counts_heading"] = "Statutory steps across the whole service"
    if user.has_role(roles.ADMINISTRATOR):
        context["setup"] = setup_state()
    return context


def setup_state() -> dict:
    """What an administrator setting up the council still has to do (set-up: /administration/)."""
    return {
        "council": council_settings(),
        "staff": User.objects.filter(is_active=True).count(),
        "teams": Team.objects.count(),
    }
