from rest_framework.pagination import CursorPagination


class ChangeFeedPagination(CursorPagination):
    """Cursor pages in the order records last changed: with ?modified_since= a partner pages
    through every change exactly once."""

    ordering = ("modified_at", "id")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
