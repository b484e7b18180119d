"""JSON bodies within bounds: too large is a 413 and too deeply nested a 400, in the API's error
format, before any of the body reaches a serializer."""

import codecs
import json

from django.conf import settings
from rest_framework import status
from rest_framework.exceptions import APIException, ParseError
from rest_framework.parsers import JSONParser

BODY_TOO_LARGE = "The request body is too large: send at most {limit} KiB of JSON"
BODY_TOO_DEEP = "The JSON is nested too deeply: at most {limit} levels of objects and lists"
BODY_NOT_JSON = "The request body is not valid JSON: {problem}"


class BodyTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "body_too_large"


def nesting_depth_exceeds(value, limit: int) -> bool:
    """Whether objects and lists nest deeper than `limit`, walked without recursion."""
    pending = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, dict):
            item = item.values()
        elif not isinstance(item, list):
            continue
        if depth > limit:
            return True
        pending.extend((child, depth + 1) for child in item if isinstance(child, dict | list))
    return False


class BoundedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        limit = settings.API_MAX_BODY_BYTES
        depth = settings.API_MAX_JSON_DEPTH
        raw = stream.read(limit + 1) if stream is not None else b""
        if len(raw) > limit:
            raise BodyTooLarge(BODY_TOO_LARGE.format(limit=limit // 1024))
        encoding = (parser_context or {}).get("encoding", settings.DEFAULT_CHARSET)
        try:
            data = json.loads(codecs.decode(raw, encoding))
        except RecursionError:
            raise ParseError(BODY_TOO_DEEP.format(limit=depth)) from None
        except ValueError as problem:
            raise ParseError(BODY_NOT_JSON.format(problem=problem)) from None
        if nesting_depth_exceeds(data, depth):
            raise ParseError(BODY_TOO_DEEP.format(limit=depth))
        return data
