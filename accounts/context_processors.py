from django.conf import settings

from .council import council_settings
from .navigation import navigation_for


def portal(request):
    user = getattr(request, "user", None)
    return {
        "service_name": settings.SERVICE_NAME,
        "council_name": council_settings().name,
        "navigation": navigation_for(request) if user is not None else [],
    }
