"""Sign-in pages beyond the password: two-factor sign-in and, when configured, single sign-on."""

from django.conf import settings
from django.urls import path

from . import views_two_factor
from .access import public

urlpatterns = [
    path("sign-in/verify/", views_two_factor.verify, name="two_factor_verify"),
    path("account/two-factor/", views_two_factor.setup, name="two_factor_setup"),
]

if settings.OIDC_ENABLED:
    from mozilla_django_oidc import views as oidc_views

    urlpatterns += [
        path(
            "sign-in/council/",
            public(oidc_views.OIDCAuthenticationRequestView.as_view()),
            name="oidc_authentication_init",
        ),
        path(
            "sign-in/council/callback/",
            public(oidc_views.OIDCAuthenticationCallbackView.as_view()),
            name="oidc_authentication_callback",
        ),
    ]
