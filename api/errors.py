"""One error format for the whole API: {"status", "detail", "errors": {field: [messages]}}."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.exceptions import APIException, ValidationError
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_handler


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):  # a step refused by a service: nothing was written
        exc = ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    response = drf_handler(exc, context)
    if response is None:
        return None
    data = response.data
    errors = {}
    if isinstance(data, dict) and "detail" not in data:
        errors = {k: v if isinstance(v, list) else [v] for k, v in data.items()}
        detail = "The request has errors: see the fields listed"
    elif isinstance(data, list):
        errors = {"non_field_errors": data}
        detail = "The request has errors"
    else:
        detail = str(data.get("detail", ""))
    response.data = {"status": response.status_code, "detail": detail, "errors": errors}
    return response


def error(code: int, detail: str, errors: dict | None = None) -> Response:
    return Response({"status": code, "detail": detail, "errors": errors or {}}, status=code)


class PreconditionRequired(APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = "Send If-Match with the ETag of the record you read"


class PreconditionFailed(APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = "The record has changed since you read it: read it again and retry"
