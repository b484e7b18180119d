"""Read-only feeds: EHC plans, reviews, confirmed panel decisions, education settings."""

from rest_framework import viewsets
from rest_framework.response import Response

from .. import selectors
from .. import serializers as s
from .base import Resource


class PlanViewSet(Resource, viewsets.ReadOnlyModelViewSet):
    """EHC plans: the current version with its sections, and earlier versions."""

    resource = "plans"
    serializer_class = s.PlanSerializer
    selector = selectors.plans_for


class SettingViewSet(Resource, viewsets.ReadOnlyModelViewSet):
    resource = "settings"
    serializer_class = s.SettingSerializer
    child_path = None

    def get_queryset(self):
        return selectors.settings_all()

    def list(self, request, *args, **kwargs):
        # The same for every caller, so a page comes from the shared cache when it can.
        address = request.build_absolute_uri()
        page = selectors.settings_page_cached(
            address, lambda: super(SettingViewSet, self).list(request, *args, **kwargs).data
        )
        return Response(page)


class ReviewViewSet(Resource, viewsets.ReadOnlyModelViewSet):
    """Annual and phase-transfer reviews of EHC plans, with their statutory deadlines."""

    resource = "reviews"
    serializer_class = s.ReviewSerializer
    selector = selectors.reviews_for
    child_path = "plan.child_id"


class PanelDecisionViewSet(Resource, viewsets.ReadOnlyModelViewSet):
    """Confirmed decisions of multi-agency panels. A decision recorded but not yet confirmed by
    the chair is not a decision yet, and is not shown."""

    resource = "panel_decisions"
    serializer_class = s.PanelDecisionSerializer
    selector = selectors.decisions_for
    child_path = "item.child_id"
