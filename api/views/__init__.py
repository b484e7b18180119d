"""The partner API's resources, one module per idea; api.urls routes them."""

from .alerts import AlertViewSet
from .children import ChildViewSet
from .records import PanelDecisionViewSet, PlanViewSet, ReviewViewSet, SettingViewSet
from .requests import AdviceViewSet, RequestViewSet

__all__ = [
    "AdviceViewSet",
    "AlertViewSet",
    "ChildViewSet",
    "PanelDecisionViewSet",
    "PlanViewSet",
    "RequestViewSet",
    "ReviewViewSet",
    "SettingViewSet",
]
