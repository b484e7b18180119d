from rest_framework.exceptions import ValidationError
from rest_framework.pagination import CursorPagination


class ChangeFeedPagination(CursorPagination):
    """Cursor pages in the order records last changed: with ?modified_since= a partner pages
    through every change exactly once."""

    ordering = ("modified_at", "id")
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def decode_cursor(self, request):
        if (
            self.cursor_query_param in request.query_params
            and not request.query_params[self.cursor_query_param]
        ):
            raise ValidationError(
                {"cursor": ["cursor cannot be empty: leave it out to start from the beginning"]}
            )
        return super().decode_cursor(request)

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
        return parameters
