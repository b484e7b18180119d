from rest_framework import viewsets

from cases.models import PartnerKind

from .. import selectors
from .. import serializers as s
from ..access import STAFF
from ..filters import AlertChangeFilter
from .base import Resource


class AlertViewSet(Resource, viewsets.ReadOnlyModelViewSet):
    """Alerts raised by the nightly statutory checks: for the council's own systems, and staff
    signed in (alerts about the children they can see)."""

    resource = "alerts"
    serializer_class = s.AlertSerializer
    selector = selectors.alerts_for
    filterset_class = AlertChangeFilter
    partner_kinds = {"read": {PartnerKind.COUNCIL, STAFF}}
    partner_kinds_refusal = "Alerts are for the council's own systems only"
