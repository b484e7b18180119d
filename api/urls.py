from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_replace
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from accounts.access import public

from . import views
from .docs import RedocView, redoc_script_view

# Redoc styles itself with <style> elements it creates as it runs, searches in a blob: worker and
# draws icons from data: images: only this page allows them. Nothing comes from another host.
redoc_csp = csp_replace(
    {
        "style-src": [SELF, UNSAFE_INLINE],
        "worker-src": [SELF, "blob:"],
        "img-src": [SELF, "data:"],
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
    path("docs/", public(redoc_csp(RedocView.as_view(url_name="api:schema"))), name="docs"),
    path("docs/redoc.standalone.js", public(redoc_script_view), name="docs-script"),
]
