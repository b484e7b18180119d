"""The API documentation (Redoc), served entirely from the portal: the page, the script and the
schema. The page makes no request to another host."""

import functools
from pathlib import Path

from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.http import require_safe
from drf_spectacular.views import SpectacularRedocView

REDOC_BUNDLE = "drf_spectacular_sidecar/redoc/bundles/redoc.standalone.js"
# Redoc's side menu always shows Redocly's logo from their CDN; an empty address fails at once
# without a request, and Redoc then leaves the logo out.
REDOCLY_LOGO = '"https://cdn.redoc.ly/redoc/logo-mini.svg"'


@functools.cache
def redoc_script() -> bytes:
    """Redoc's bundle as drf-spectacular-sidecar ships it, less the one address outside."""
    script = Path(finders.find(REDOC_BUNDLE)).read_text(encoding="utf-8")
    return script.replace(REDOCLY_LOGO, '""').encode()


@require_safe
def redoc_script_view(request):
    response = HttpResponse(redoc_script(), content_type="text/javascript; charset=utf-8")
    response["Cache-Control"] = "public, max-age=86400"
    return response


class RedocView(SpectacularRedocView):
    @staticmethod
    def _redoc_standalone():
        return reverse("api:docs-script")
