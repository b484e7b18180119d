"""Sign-in lock-out (django-axes) with two limits.

Per user name and address: AXES_FAILURE_LIMIT failures lock that user out from that address.
Per address: AXES_ADDRESS_FAILURE_LIMIT failures across any user names lock the address out,
which stops password spraying (a few passwords tried against many user names). A successful
sign-in clears only that user's failures, so one good account cannot wipe an address's record.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_failure_limit
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def _failures(attempts) -> int:
    return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0


class LockoutHandler(AxesDatabaseHandler):
    def get_failures(self, request, credentials: dict | None = None) -> int:
        attempts = AccessAttempt.objects.filter(ip_address=request.axes_ip_address)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        username = get_client_username(request, credentials)
        from_this_user = _failures(attempts.filter(username=username))
        if _failures(attempts) >= settings.AXES_ADDRESS_FAILURE_LIMIT:
            return max(from_this_user, get_failure_limit(request, credentials))
        return from_this_user
