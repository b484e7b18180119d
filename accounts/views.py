import logging

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from . import roles
from .access import public, roles_required
from .forms import SignInForm

logger = logging.getLogger(__name__)


@method_decorator(public, name="dispatch")
class SignInView(auth_views.LoginView):
    access = "public"
    template_name = "registration/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True
    extra_context = {"oidc_enabled": settings.OIDC_ENABLED}


class SignOutView(auth_views.LogoutView):
    access = roles.ALL


@roles_required(*roles.ALL)
def home(request):
    context = {"roles": request.user.role_labels}
    if request.user.has_role(*roles.CASE_STAFF):
        from cases.selectors import children_visible_to, deadline_counts, open_deadlines

        children = children_visible_to(user=request.user)
        if request.user.has_role(roles.CASEWORKER) and not request.user.has_role(roles.MANAGER):
            children = children.filter(lead_caseworker=request.user)
        deadlines = open_deadlines(children=children).filter(statutory=True)
        context["counts"] = deadline_counts(deadlines=deadlines)
        context["counts_heading"] = (
            "Statutory steps on your teams' cases"
            if request.user.has_role(roles.MANAGER)
            else "Statutory steps on your caseload"
        )
        context["next_deadlines"] = list(deadlines[:10])
    elif request.user.has_role(roles.HEAD_OF_SERVICE):
        # The whole service in counts; the head of service reads cases through the reports.
        from django.utils import timezone

        from reporting.selectors.overview import service_overview_for

        context.update(service_overview_for(user=request.user, today=timezone.localdate()))
        context["counts_heading"] = "Statutory steps across the whole service"
    if request.user.has_role(roles.ADMINISTRATOR):
        context["setup"] = _setup_state()
    return render(request, "accounts/home.html", context)


def _setup_state() -> dict:
    """What an administrator setting up the council still has to do (set-up pages: /administration/)."""
    from .council import council_settings
    from .models import Team, User

    return {
        "council": council_settings(),
        "staff": User.objects.filter(is_active=True).count(),
        "teams": Team.objects.count(),
    }


@public
def accessibility_statement(request):
    return render(request, "pages/accessibility.html")


@public
def privacy_notice(request):
    return render(request, "pages/privacy.html")


def _database_answers() -> bool:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            return cursor.fetchone() == (1,)
    except Exception:  # any failure means "not answering"; the detail stays in the log
        logger.warning("health check: database did not answer")
        return False


def _broker_answers() -> bool:
    if not settings.REDIS_URL:
        return True  # the embedded default runs jobs in-process: there is no broker to ask
    import redis

    try:
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1
        )
        return bool(client.ping())
    except Exception:
        logger.warning("health check: broker did not answer")
        return False


@public
@never_cache
def healthz(request):
    checks = {"database": _database_answers(), "broker": _broker_answers()}
    healthy = all(checks.values())
    body = {"status": "ok" if healthy else "unavailable"}
    body.update({name: "ok" if ok else "unavailable" for name, ok in checks.items()})
    return JsonResponse(body, status=200 if healthy else 503)


def page_not_found(request, exception=None):
    return render(request, "404.html", status=404)


def permission_denied(request, exception=None):
    return render(request, "403.html", status=403)


def server_error(request):
    return render(request, "500.html", status=500)


def csrf_failure(request, reason=""):
    return render(request, "403_csrf.html", status=403)
