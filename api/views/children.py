from drf_spectacular.utils import extend_schema
from rest_framework import viewsets

from .. import children_json, selectors
from .. import serializers as s
from ..access import caller
from ..filters import modified_since
from .base import Resource


class ChildViewSet(Resource, viewsets.ReadOnlyModelViewSet):
    """Children and young people, with their open statutory deadlines."""

    resource = "children"
    serializer_class = s.ChildSerializer
    lookup_field = "reference"
    selector = selectors.children_with_deadlines
    child_path = "pk"

    def list(self, request, *args, **kwargs):
        who = caller(request)
        if children_json.builds_children_page(who) and "indent" not in request.accepted_media_type:
            return self.list_built(request, who)
        # A page of the feed, built from plain rows in three queries whatever its size: the
        # children with their primary need, their open deadlines, and the access log's insert.
        rows = selectors.child_rows(caller=who, fields=s.CHILD_ROW_FIELDS)
        rows = self.filter_queryset(rows)
        page = self.paginate_queryset(rows)
        child_ids = [row["id"] for row in page]
        deadlines = selectors.open_deadline_rows(child_ids=child_ids, fields=s.DEADLINE_FIELDS)
        data = [s.child_data(row, deadlines.get(row["id"], ())) for row in page]
        self.log_reads(child_ids, "api children list")
        return self.get_paginated_response(data)

    def list_built(self, request, who):
        """The same page, built as JSON by PostgreSQL in one statement (api.children_json), and
        the access log's insert."""
        since = modified_since(request.query_params, selectors.no_children())
        page = self.paginator.paginate_built(
            request,
            lambda limit, after: children_json.children_page(
                caller=who, limit=limit, since=since, after=after
            ),
        )
        child_ids = [row["id"] for row in page]
        self.log_reads(child_ids, "api children list")
        return self.paginator.get_paginated_json([row["json"] for row in page])

    def get_serializer_class(self):
        return s.ChildDetailSerializer if self.action == "retrieve" else s.ChildSerializer

    @extend_schema(responses=s.ChildDetailSerializer)
    def retrieve(self, request, *args, **kwargs):
        return super().retrieve(request, *args, **kwargs)
