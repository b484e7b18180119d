from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView
from rest_framework.routers import DefaultRouter

from accounts.access import public

from . import views

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
    path("docs/", public(SpectacularRedocView.as_view(url_name="api:schema")), name="docs"),
]
