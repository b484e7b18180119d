"""The head of service's home page: the whole service at a glance (counts only, no child named)."""

import datetime

from django.core.exceptions import PermissionDenied

from accounts import roles
from accounts.models import User
from cases.models import Child
from cases.selectors import deadline_counts, open_deadlines

from ..models import Sen2Return
from ..scope import ReportScope, last_12_months
from .access import REPORTS_NOT_ALLOWED
from .timeliness import timeliness_for


def service_overview_for(*, user: User, today: datetime.date) -> dict:
    """Open statutory steps across the service, the 20-week measure over the last 12 months and
    the latest SEN2 return."""
    if not user.has_role(roles.HEAD_OF_SERVICE):
        raise PermissionDenied(REPORTS_NOT_ALLOWED)
    deadlines = open_deadlines(children=Child.objects.filter(archived_at__isnull=True)).filter(
        statutory=True
    )
    period = last_12_months(today)
    scope = ReportScope(today=today, period=period)
    return {
        "counts": deadline_counts(deadlines=deadlines, today=today),
        "period": period,
        "timeliness": timeliness_for(scope=scope, start=period.start, end=period.end),
        "latest_sen2": Sen2Return.objects.first(),
    }
