from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views.decorators.cache import never_cache

from . import roles
from .access import public
from .forms import SignInForm
from .health import broker_answers, database_answers


@method_decorator(public, name="dispatch")
class SignInView(auth_views.LoginView):
    access = "public"
    template_name = "registration/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True
    extra_context = {"oidc_enabled": settings.OIDC_ENABLED}


class SignOutView(auth_views.LogoutView):
    access = roles.ALL


@public
def accessibility_statement(request):
    return render(request, "pages/accessibility.html")


@public
def privacy_notice(request):
    return render(request, "pages/privacy.html")


@public
@never_cache
def healthz(request):
    checks = {"database": database_answers(), "broker": broker_answers()}
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
