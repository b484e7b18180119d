from drf_spectacular.utils import extend_schema
from rest_framework import viewsets

from .. import selectors
from .. import serializers as s
from ..access import caller
from .base import Resource


class ChildViewSet(Resource, viewsets.ReadOnlyModelViewSet):
    """Children and young people, with their open statutory deadlines."""

    resource = "children"
    serializer_class = s.ChildSerializer
    lookup_field = "reference"
    selector = selectors.children_with_deadlines
    child_path = "pk"

    def list(self, request, *args, **kwargs):
        # A page of the feed, built from plain rows in three queries whatever its size: the
        # children with their primary need, their open deadlines, and the access log's insert.
        rows = selectors.child_rows(caller=caller(request), fields=s.CHILD_ROW_FIELDS)
        rows = self.filter_queryset(rows)
        page = self.paginate_queryset(rows)
        child_ids = [row["id"] for row in page]
        deadlines = selectors.open_deadline_rows(child_ids=child_ids, fields=s.DEADLINE_FIELDS)
        data = [s.child_data(row, deadlines.get(row["id"], ())) for row in page]
        self.log_reads(child_ids, "api children list")
        return self.get_paginated_response(data)

    def get_serializer_class(self):
        return s.ChildDetailSerializer if self.action == "retrieve" else s.ChildSerializer

    @extend_schema(responses=s.ChildDetailSerializer)
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)
