from django.conf import settings

from .navigation import navigation_for


def portal(request):
    user = getattr(request, "user", None)
    return {
        "service_name": settings.SERVICE_NAME,
        "council_name": settings.COUNCIL_NAME,
        "navigation": navigation_for(request) if user is not None else [],
    }
