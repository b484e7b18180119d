"""Requests for an EHC needs assessment (a council system records one, safely retried with an
Idempotency-Key), and the advice asked for them (an advice-giving system submits its advice)."""

import hashlib
import json
import re

from django.urls import reverse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response

from cases.models import PartnerKind
from cases.services.requests import assessment_request_create

from .. import selectors, services
from .. import serializers as s
from ..access import caller, client_label
from ..errors import error
from ..etags import etag_for
from .base import Resource

IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description="Any unique value (a UUID is best), so that the request can be retried safely: "
    "the same key with the same body returns the first response and creates nothing more; the "
    "same key with a different body is refused with 422. 1 to 255 visible ASCII characters.",
    pattern=r"^[!-~]{1,255}$",
)
IDEMPOTENCY_KEY_PATTERN = re.compile(r"[!-~]{1,255}")
KEY_REUSED = (
    "This Idempotency-Key was used for a different request: send a new key with a new request"
)


def request_hash(request) -> str:
    """The request as sent, up to JSON formatting: method, path and the parsed body."""
    body = json.dumps(request.data, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(f"{request.method} {request.path}\n{body}".encode()).hexdigest()


def replay(stored, digest: str) -> Response:
    if stored.request_hash != digest:
        return error(
            status.HTTP_422_UNPROCESSABLE_ENTITY,
            KEY_REUSED,
            {"Idempotency-Key": [KEY_REUSED]},
        )
    response = Response(stored.response_body, status=stored.response_status)
    response["Idempotent-Replayed"] = "true"
    return response


class RequestViewSet(Resource, mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Requests for an EHC needs assessment and their deadlines, states and explanations; a
    council system records a new request."""

    resource = "requests"
    serializer_class = s.RequestSerializer
    selector = selectors.requests_for
    partner_kinds = {"write": {PartnerKind.COUNCIL}}
    partner_kinds_refusal = "Only the council's own systems may record a request"

    @extend_schema(
        request=s.RequestCreateSerializer,
        parameters=[IDEMPOTENCY_KEY],
        responses={201: s.RequestSerializer},
    )
    def create(self, request, *args, **kwargs):
        key = request.headers.get("Idempotency-Key")
        if key is not None and not IDEMPOTENCY_KEY_PATTERN.fullmatch(key):
            raise ValidationError(
                {"Idempotency-Key": ["Give 1 to 255 visible ASCII characters, such as a UUID"]}
            )
        digest = request_hash(request)
        application = request.auth.application
        if key is not None:
            stored = selectors.idempotency_key_find(application=application, key=key)
            if stored is not None:
                return replay(stored, digest)
        submitted = s.RequestCreateSerializer(
            data=request.data, context={"children": selectors.children_for(caller=caller(request))}
        )
        submitted.is_valid(raise_exception=True)

        def create():
            record = assessment_request_create(
                by=self.acting_user(), actor_label=client_label(request), **submitted.validated_data
            )
            record = selectors.request_get(caller=caller(request), pk=record.pk)
            return status.HTTP_201_CREATED, s.RequestSerializer(record).data

        earlier, made = services.create_once(
            application=application, key=key, digest=digest, create=create
        )
        if earlier is not None:
            return replay(earlier, digest)
        code, body = made
        response = Response(body, status=code)
        response["Location"] = reverse("api:request-detail", args=[body["id"]])
        return response


class AdviceViewSet(Resource, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Advice requests; an advice-giving system submits its advice and the date it received the request."""

    resource = "advice"
    serializer_class = s.AdviceSerializer
    selector = selectors.advice_for
    child_path = "request.child_id"
    http_method_names = ["get", "patch", "head", "options"]

    @extend_schema(request=s.AdviceSubmitSerializer, responses=s.AdviceSerializer)
    def partial_update(self, request, *args, **kwargs):
        submitted = s.AdviceSubmitSerializer(data=request.data)
        submitted.is_valid(raise_exception=True)
        advice = services.advice_submit(
            advice=self.get_queryset(),
            pk=self.get_object().pk,
            if_match=request.headers.get("If-Match"),
            by=self.acting_user(),
            actor_label=client_label(request),
            **submitted.validated_data,
        )
        response = Response(s.AdviceSerializer(advice).data)
        response["ETag"] = etag_for(advice)
        return response
