from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView

from accounts import views as accounts_views
from accounts.access import public
from api.token import ThrottledTokenView

# OAuth2 client credentials for partner systems: the token endpoint authenticates the client itself,
# and slows an address that keeps failing.
api_token_view = public(ThrottledTokenView.as_view())
# Browsers and tools ask for /favicon.ico whatever the page says: GOV.UK Frontend's, from /assets/.
favicon_view = public(RedirectView.as_view(url="/assets/images/favicon.ico", permanent=True))

urlpatterns = [
    path("sign-in/", accounts_views.SignInView.as_view(), name="login"),
    path("sign-out/", accounts_views.SignOutView.as_view(), name="logout"),
    path("", include("accounts.urls")),
    path("healthz", accounts_views.healthz, name="healthz"),
    path("favicon.ico", favicon_view),
    path("accessibility/", accounts_views.accessibility_statement, name="accessibility"),
    path("privacy/", accounts_views.privacy_notice, name="privacy"),
    # The cases app's register and step pages first, then the workspace: the home page, the
    # caseload (/cases/) and the case page (/cases/<reference>/) with its plan pages.
    path("cases/", include("cases.urls")),
    path("", include("workspace.urls")),
    path("panels/", include("panels.urls")),
    path("reports/", include("reporting.urls")),
    path("inbox/", include("alerts.urls")),
    path("administration/", include("administration.urls")),
    path("", include("local_offer.urls")),
    path("api/oruk/", include("local_offer.oruk_urls")),
    path("api/v1/", include("api.urls")),
    path("o/token/", api_token_view, name="oauth2_token"),
    path("admin/", admin.site.urls),
]

handler403 = "accounts.views.permission_denied"
handler404 = "accounts.views.page_not_found"
handler500 = "accounts.views.server_error"
