from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.routers import DefaultRouter

from accounts.access import public

from . import views

# Redoc styles itself with <style> elements it creates as it runs, searches in a blob: worker,
# draws icons from data: images and shows Redocly's logo from its CDN: only this page allows them.
redoc_csp = csp_replace(
    {
        "style-src": [SELF, UNSAFE_INLINE],
        "worker-src": [SELF, "blob:"],
        "img-src": [SELF, "data:", "https://cdn.redoc.ly"],
    }
)

router = DefaultRouter(trailing_slash=True)
router.include_root_view = False
router.register("children", views.ChildViewSet, basename="child")
router.register("requests", views.RequestViewSet, basename="request")
router.register("advice", views.AdviceViewSet, basename="advice")
router.register("plans", views.PlanViewSet, basename="plan")
router.register("settings", views.SettingViewSet, basename="setting")
router.register("reviews", views.ReviewViewSet, basename="review")
router.register("panel-decisions", views.PanelDecisionViewSet, basename="panel-decision")
router.register("alerts", views.AlertViewSet, basename="alert")

app_name = "api"
urlpatterns = [
    path("", include(router.urls)),
    path("schema/", public(SpectacularAPIView.as_view()), name="schema"),
    path(
        "docs/", public(redoc_csp(SpectacularRedocView.as_view(url_name="api:schema"))), name="docs"
    ),
]
