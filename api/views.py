import datetime
import hashlib
import json

import django_filters
from django import forms
from django.db import transaction
from django_filters.fields import IsoDateTimeField
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, viewsets
from rest_framework.response import Response

from cases.models import (
    AdviceRequest,
    AssessmentRequest,
    Child,
    EducationSetting,
    EHCPlan,
    RecordAccess,
)
from cases.services.requests import advice_record

from . import serializers as s
from .access import ScopedResource, children_for, client_label, partner_for
from .errors import precondition_failed


class StrictFilterForm(forms.Form):
    """A filter sent empty is an error, not 'no filter'."""

    def clean(self):
        cleaned = super().clean()
        for name in self.fields:
            if name in self.data and self.data.get(name) in ("", None):
                self.add_error(name, f"{name} cannot be empty: leave it out, or give a value")
        return cleaned


class UtcDateTimeField(IsoDateTimeField):
    """A date-time normalised to UTC: an offset the database cannot store (beyond ±15:59), or a
    moment outside the years 1-9999 once in UTC, is a 400, not a database error."""

    def to_python(self, value):
        value = super().to_python(value)
        if value is None:
            return value
        try:
            return value.astimezone(datetime.UTC)
        except OverflowError:
            raise forms.ValidationError("Give a date-time between the years 1 and 9999")


class UtcDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcDateTimeField


class ChangeFilter(django_filters.FilterSet):
    modified_since = UtcDateTimeFilter(
        field_name="modified_at",
        lookup_expr="gt",
        help_text="Only records changed after this date-time (ISO 8601)",
    )

    class Meta:
        form = StrictFilterForm


class Resource:
    access = "api"
    filter_backends = [DjangoFilterBackend]  # the change feed has one order: no ?ordering=
    lookup_value_regex = "[^/]+"  # any id reaches the API, which answers 404 in its own format
    permission_classes = [ScopedResource]
    filterset_class = ChangeFilter
    resource = ""

    def dispatch(self, request, *args, **kwargs):
        return super().dispatch(request, *args, **kwargs)

    # Partner systems carry a token, not a session: DRF authenticates them, not the sign-in page.
    dispatch.login_required = False

    def log_reads(self, child_ids, what: str) -> None:
        """Every read of a child's record is attributable, in one insert per page."""
        user = self.request.user if getattr(self.request.user, "is_authenticated", False) else None
        RecordAccess.objects.bulk_create(
            RecordAccess(
                child_id=pk,
                user=user,
                client_label=client_label(self.request),
                channel=RecordAccess.Channel.API,
                what=what,
            )
            for pk in set(child_ids)
        )

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        self.log_reads(
            self._child_ids(getattr(self, "_page_objects", [])), f"api {self.resource} list"
        )
        return response

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        self._page_objects = page or []
        return page

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        self.log_reads(self._child_ids([instance]), f"api {self.resource}")
        response = Response(self.get_serializer(instance).data)
        response["ETag"] = etag_for(instance)
        return response

    def _child_ids(self, objects):
        return []


def etag_for(instance) -> str:
    """A strong validator over every stored field: any change to the record changes it."""
    state = json.dumps(
        {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields},
        default=str,
        sort_keys=True,
    )
    return '"' + hashlib.sha256(state.encode()).hexdigest()[:32] + '"'


class ChildViewSet(Resource, viewsets.ReadOnlyModelViewSet):
    """Children and young people, with their open statutory deadlines."""

    queryset = Child.objects.none()  # for the schema; get_queryset scopes it
    resource = "children"
    serializer_class = s.ChildSerializer
    lookup_field = "reference"

    def get_queryset(self):
        return children_for(self.request).prefetch_related("sen_needs", "deadlines")

    def _child_ids(self, objects):
        return [c.pk for c in objects]


class RequestViewSet(Resource, viewsets.ReadOnlyModelViewSet):
    """Requests for an EHC needs assessment and their deadlines, states and explanations."""

    queryset = AssessmentRequest.objects.none()  # for the schema; get_queryset scopes it
    resource = "requests"
    serializer_class = s.RequestSerializer

    def get_queryset(self):
        return (
            AssessmentRequest.objects.filter(child__in=children_for(self.request))
            .select_related("child")
            .prefetch_related("child__deadlines")
        )

    def _child_ids(self, objects):
        return [r.child_id for r in objects]


class AdviceViewSet(Resource, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    """Advice requests; an advice-giving system submits its advice and the date it received the request."""

    queryset = AdviceRequest.objects.none()  # for the schema; get_queryset scopes it
    resource = "advice"
    serializer_class = s.AdviceSerializer
    http_method_names = ["get", "patch", "head", "options"]

    def get_queryset(self):
        advice = AdviceRequest.objects.filter(
            request__child__in=children_for(self.request)
        ).select_related("request__child")
        partner = partner_for(self.request)
        if partner is not None and partner.kind != "council":
            advice = advice.filter(partner=partner)
        return advice

    def _child_ids(self, objects):
        return [a.request.child_id for a in objects]

    @extend_schema(request=s.AdviceSubmitSerializer, responses=s.AdviceSerializer)
    def partial_update(self, request, *args, **kwargs):
        submitted = s.AdviceSubmitSerializer(data=request.data)
        submitted.is_valid(raise_exception=True)
        with transaction.atomic():
            advice = (
                self.get_queryset().select_for_update(of=("self",)).get(pk=self.get_object().pk)
            )
            if_match = request.headers.get("If-Match")
            if not if_match:
                return precondition_failed(required=True)
            if if_match != etag_for(advice):
                return precondition_failed()
            advice = advice_record(
                advice=advice,
                by=request.user if getattr(request.user, "is_authenticated", False) else None,
                actor_label=client_label(request),
                **submitted.validated_data,
            )
        advice.refresh_from_db()
        response = Response(s.AdviceSerializer(advice).data)
        response["ETag"] = etag_for(advice)
        return response


class PlanViewSet(Resource, viewsets.ReadOnlyModelViewSet):
    """EHC plans: the current version with its sections, and earlier versions."""

    queryset = EHCPlan.objects.none()  # for the schema; get_queryset scopes it
    resource = "plans"
    serializer_class = s.PlanSerializer

    def get_queryset(self):
        return (
            EHCPlan.objects.filter(child__in=children_for(self.request))
            .select_related("child")
            .prefetch_related("versions__named_setting")
        )

    def _child_ids(self, objects):
        return [p.child_id for p in objects]


class SettingViewSet(Resource, viewsets.ReadOnlyModelViewSet):
    resource = "settings"
    serializer_class = s.SettingSerializer
    queryset = EducationSetting.objects.all()
