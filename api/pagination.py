import binascii
import datetime
import json
from base64 import b64decode, b64encode

from django.db.models import Q
from django.http import HttpResponse
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.pagination import CursorPagination
from rest_framework.utils.urls import replace_query_param


class ChangeFeedPagination(CursorPagination):
    """Cursor pages in the order records last changed: with ?modified_since= a partner pages
    through every change exactly once.

    The cursor is the (modified_at, id) of the last record on the page, and the next page
    starts strictly after it (keyset paging). However many records share a modified_at (a
    nightly job writes thousands with one), none is skipped or repeated, and a record that
    changes while a partner is paging moves to the end of the feed, where it comes again."""

    ordering = ("modified_at", "id")
    page_size = 50
    page_size_query_param = "page_size"
    # A partner syncing a whole council pages through in large pages (the bulk path).
    max_page_size = 1000

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.page_size = self.get_page_size(request)
        self.base_url = request.build_absolute_uri()
        after = self.decode_cursor(request)
        queryset = queryset.order_by("modified_at", "pk")
        if after is not None:
            modified_at, pk = after
            queryset = queryset.filter(
                Q(modified_at__gt=modified_at) | Q(modified_at=modified_at, pk__gt=pk)
            )
        rows = list(queryset[: self.page_size + 1])
        self.page = rows[: self.page_size]
        self.has_next = len(rows) > self.page_size
        return self.page

    def paginate_built(self, request, fetch) -> list[dict]:
        """A page whose rows are read elsewhere: `fetch(limit, after)` gives up to `limit` rows
        (dicts with "id" and "modified_at") after the cursor's position `after` (or None), in
        the feed's order (api.children_json)."""
        self.request = request
        self.page_size = self.get_page_size(request)
        self.base_url = request.build_absolute_uri()
        rows = fetch(self.page_size + 1, self.decode_cursor(request))
        self.page = rows[: self.page_size]
        self.has_next = len(rows) > self.page_size
        return self.page

    def get_paginated_json(self, items: list[str]) -> HttpResponse:
        """The page as get_paginated_response renders it, from its records' JSON texts."""
        body = (
            '{"next":'
            + json.dumps(self.get_next_link(), ensure_ascii=False)
            + ',"previous":null,"results":['
            + ",".join(items)
            + "]}"
        )
        # As DRF's JSONRenderer: JSON that is also a strict subset of JavaScript.
        body = body.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
        return HttpResponse(body.encode(), content_type="application/json")

    def decode_cursor(self, request):
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is None:
            return None
        if not encoded:
            raise ValidationError(
                {"cursor": ["cursor cannot be empty: leave it out to start from the beginning"]}
            )
        try:
            position = json.loads(b64decode(encoded.encode("ascii"), validate=True))
            modified_at = datetime.datetime.fromisoformat(position["m"])
            pk = int(position["i"])
            if not 0 <= pk < 2**63:
                raise ValueError(pk)
        except (ValueError, TypeError, KeyError, UnicodeError, binascii.Error):
            raise NotFound(self.invalid_cursor_message) from None
        if modified_at.tzinfo is None:
            raise NotFound(self.invalid_cursor_message)
        return modified_at, pk

    def encode_cursor(self, position) -> str:
        modified_at, pk = position
        encoded = b64encode(
            json.dumps({"m": modified_at.isoformat(), "i": pk}).encode("ascii")
        ).decode("ascii")
        return replace_query_param(self.base_url, self.cursor_query_param, encoded)

    def get_next_link(self):
        if not self.has_next:
            return None
        last = self.page[-1]
        if isinstance(last, dict):  # a page of plain rows (api.selectors.child_rows)
            return self.encode_cursor((last["modified_at"], last["id"]))
        return self.encode_cursor((last.modified_at, last.pk))

    def get_previous_link(self):
        return None  # a change feed is read forwards

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            raise ValidationError(
                {"page_size": [f"page_size must be a whole number from 1 to {self.max_page_size}"]}
            )
        return int(raw)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": self.max_page_size})
                parameter["description"] = (
                    f"Records per page: 50 unless given, up to {self.max_page_size} to sync a "
                    "whole council quickly (the bulk path)"
                )
        return parameters
