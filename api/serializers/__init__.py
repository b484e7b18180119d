"""How the API gives each resource: one module per idea."""

from .children import (
    CHILD_ROW_FIELDS,
    DEADLINE_FIELDS,
    ChildDetailSerializer,
    ChildSerializer,
    child_data,
    deadline_data,
    deadlines_of,
)
from .feeds import AlertSerializer, PanelDecisionSerializer, SettingSerializer
from .plans import PlanSerializer, ReviewSerializer
from .requests import (
    AdviceSerializer,
    AdviceSubmitSerializer,
    RequestCreateSerializer,
    RequestSerializer,
)

__all__ = [
    "CHILD_ROW_FIELDS",
    "DEADLINE_FIELDS",
    "AdviceSerializer",
    "AdviceSubmitSerializer",
    "AlertSerializer",
    "ChildDetailSerializer",
    "ChildSerializer",
    "PanelDecisionSerializer",
    "PlanSerializer",
    "RequestCreateSerializer",
    "RequestSerializer",
    "ReviewSerializer",
    "SettingSerializer",
    "child_data",
    "deadline_data",
    "deadlines_of",
]
